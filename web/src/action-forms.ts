// What the case action forms are built from, read out of the API's OpenAPI document: each action's
// label and required fields (x-case-actions on POST /cases/{id}/actions) and the schema of every
// field. Pure, so that the contract between the API's description and the forms is tested without
// a browser (test/unit/web/action-forms.test.ts).

export interface FieldSchema {
  type?: string;
  enum?: string[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, FieldSchema>;
  required?: string[];
}

export interface ActionDescription {
  code: string;
  label: string;
  requires: string[];
}

export interface ActionCatalogue {
  actions: Map<string, ActionDescription>;
  fields: Record<string, FieldSchema>;
}

/** The kind of control a field gets. */
export type Control = 'organisation' | 'choice' | 'yesNo' | 'number' | 'text' | 'facts';

/** Fields that name an organisation of the directory: picked, not typed. */
export const ORGANISATION_FIELDS: Record<string, 'PROCURATORATE' | 'COURT'> = {
  prosecutionOrg: 'PROCURATORATE',
  courtOrg: 'COURT',
};

/**
 * The 认罪认罚具结书's fields (刑事诉讼法 Art. 174): required only when the procuratorate decides
 * the FAST_TRACK route on acceptance, so asked then, beside the fast-track facts.
 */
export const PLEA_AGREEMENT_FIELDS = ['pleaAgreementLawyer', 'pleaAgreementLawyerName'] as const;

/**
 * A field a form asks beyond those its action requires: with the action `action`, or with any
 * action that requires `with`, once the values filled in match `when`.
 */
export interface ConditionalField {
  field: string;
  action?: string;
  with?: string;
  when?: Record<string, unknown>;
}

/**
 * What the API's description of an action does not say it requires but its rules do: the
 * fast-track facts with a FAST_TRACK route or suggestion, and the 认罪认罚具结书 with the route
 * decided; the penalty's kind, which decides who approves it (domain/approvals.ts), wherever the
 * penalty is decided, and a fine's amount; the facts the fast procedure (快速办理) judges.
 */
export const CONDITIONAL_FIELDS: ConditionalField[] = [
  { field: 'fastTrackFacts', with: 'route', when: { route: 'FAST_TRACK' } },
  { field: 'fastTrackFacts', with: 'suggestedRoute', when: { suggestedRoute: 'FAST_TRACK' } },
  ...PLEA_AGREEMENT_FIELDS.map((field) => ({
    field,
    with: 'route',
    when: { route: 'FAST_TRACK' },
  })),
  { field: 'penaltyKind', with: 'penalty' },
  { field: 'fineYuan', with: 'penalty', when: { penaltyKind: 'FINE' } },
  { field: 'fastProcedureFacts', action: 'CHOOSE_FAST_PROCEDURE' },
];

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

export function actionCatalogueFrom(document: OpenApiDocument): ActionCatalogue {
  const operation = document.paths['/cases/{id}/actions']?.post as
    | {
        'x-case-actions': ActionDescription[];
        requestBody: {
          content: {
            'application/json': {
              schema: { properties: { fields: { properties: Record<string, FieldSchema> } } };
            };
          };
        };
      }
    | undefined;
  if (!operation) throw new Error('The API describes no POST /cases/{id}/actions.');
  return {
    actions: new Map(operation['x-case-actions'].map((a) => [a.code, a])),
    fields: operation.requestBody.content['application/json'].schema.properties.fields.properties,
  };
}

/**
 * The fields the form of `action` asks, in order, given what has been filled in so far: the
 * required ones, then those of CONDITIONAL_FIELDS whose condition holds and that the API knows.
 */
export function fieldsAsked(
  action: ActionDescription,
  values: Record<string, unknown>,
  fields: Record<string, FieldSchema>,
): string[] {
  const conditional = CONDITIONAL_FIELDS.filter(
    (c) =>
      (c.action === undefined || c.action === action.code) &&
      (c.with === undefined || action.requires.includes(c.with)) &&
      fields[c.field] !== undefined &&
      Object.entries(c.when ?? {}).every(([name, value]) => values[name] === value),
  ).map((c) => c.field);
  return [...new Set([...action.requires, ...conditional])];
}

export function controlFor(name: string, schema: FieldSchema): Control {
  if (ORGANISATION_FIELDS[name]) return 'organisation';
  if (schema.enum) return 'choice';
  if (schema.type === 'boolean') return 'yesNo';
  if (schema.type === 'integer' || schema.type === 'number') return 'number';
  if (schema.type === 'object') return 'facts';
  return 'text';
}
