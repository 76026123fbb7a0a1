// The forms of the steps recorded on a subject decided by its own workflow (an information request,
// a reconsideration or lawsuit): each step's fields as a person fills them in, and the body its
// route takes, typed from the API's OpenAPI document. The pages render them (components/StepForm).
import type { paths } from '../../generated/openapi-types';

/** What a form gives back once normalised: text trimmed (blank is absent), instants as ISO text. */
export type FormValues = Record<string, unknown>;

/** One field of a step's form. */
export interface FormField {
  /** The body's field; a nested one as its path (['leader', 'name']). */
  name: string | string[];
  label: string;
  control: 'text' | 'textarea' | 'instant' | 'choice' | 'number' | 'yesNo';
  required?: boolean;
  /** Longest text, or largest number. */
  max?: number;
  min?: number;
  options?: Array<{ value: string; label: string }>;
  /** The answers of a yes-or-no field, yes first. */
  yesNo?: [string, string];
  /** An instant's preset: now (0) or so many days ahead. */
  daysAhead?: number;
  /** Any other field's preset. */
  initial?: string | boolean;
  help?: string;
  /** Asked only when the values so far call for it. */
  shownWhen?: (values: FormValues) => boolean;
  /** Required only when the values so far call for it. */
  requiredWhen?: (values: FormValues) => boolean;
}

/** The JSON body a POST route takes, from the OpenAPI document; undefined when it takes none. */
export type PostBody<P extends keyof paths> = paths[P] extends {
  post: { requestBody: { content: { 'application/json': infer B } } };
}
  ? B
  : paths[P] extends { post: { requestBody?: { content: { 'application/json': infer B } } } }
    ? B | undefined
    : undefined;

/** A step as a page offers it: its label, its route, its form and the body built from it. */
export interface StepForm<Action extends string, View, P extends keyof paths = keyof paths> {
  action: Action;
  label: string;
  path: P;
  fields: (view: View) => FormField[];
  body: (values: FormValues) => PostBody<P>;
}

/** A step, with its body checked against its own route. */
export const stepForm = <Action extends string, View, P extends keyof paths>(
  step: StepForm<Action, View, P>,
) => step;

export const textOf = (values: FormValues, name: string) =>
  typeof values[name] === 'string' ? values[name] : undefined;

/** The optional text fields that are given, as a body spreads them. */
export function givenTexts(values: FormValues, ...names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = textOf(values, name);
      return value === undefined ? [] : [[name, value]];
    }),
  );
}

/**
 * A form's values as a body takes them: text trimmed and blank text left out, instants (anything
 * with toISOString, as the date picker gives) as ISO text, nested fields kept nested.
 */
export function normaliseValues(values: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') {
      if (value.trim()) out[key] = value.trim();
    } else if (typeof (value as { toISOString?: unknown }).toISOString === 'function') {
      out[key] = (value as { toISOString: () => string }).toISOString();
    } else if (typeof value === 'object' && !Array.isArray(value)) {
      const nested = normaliseValues(value as Record<string, unknown>);
      if (Object.keys(nested).length > 0) out[key] = nested;
    } else out[key] = value;
  }
  return out;
}

/** An event of a subject's timeline, as its page lists it. */
export interface TimelineEntry {
  at: string;
  label: string;
  detail?: string;
}

/** The entries oldest first; entries without an instant are left out. */
export const inOrder = (
  entries: Array<TimelineEntry | undefined | null | false>,
): TimelineEntry[] =>
  entries
    .filter((e): e is TimelineEntry => !!e && !!e.at)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
