// 演练模式: drill mode. DRILL_DEADLINES shortens the legal deadlines of a running system for
// training, demonstrations and fault-injection runs, without code:
//   factor:0.001                       every period, variant, grace and extension cap multiplied
//   FILING_REVIEW=30s,LEGAL_REVIEW=2m  the named periods given; grace and caps keep their proportion
// Either way every length becomes whole seconds, at least one, and every policy is marked as a
// drill, so that each explanation says so (the unnamed ones keep their legal length).
import {
  DEADLINE_POLICIES,
  isPolicyCode,
  type DeadlinePolicy,
  type Period,
  type PolicyCode,
  type PolicyOverrides,
} from './deadline-policies';
import { describePeriod } from './deadlines';

export type DrillParse = { ok: true; overrides: PolicyOverrides } | { ok: false; problem: string };

const DAY_SECONDS = 24 * 60 * 60;

/**
 * A period's nominal length in seconds, for scaling only: a working day and "the same day" count
 * as a day, a month as 30 days.
 */
export function nominalSeconds(period: Period): number {
  switch (period.unit) {
    case 'SECONDS':
      return period.length;
    case 'MINUTES':
      return period.length * 60;
    case 'HOURS':
      return period.length * 3600;
    case 'DAYS':
      return period.length * DAY_SECONDS;
    case 'MONTHS':
      return period.length * 30 * DAY_SECONDS;
    case 'END_OF_DAY':
      return DAY_SECONDS;
  }
}

const scaled = (period: Period, factor: number): Period => ({
  length: Math.max(1, Math.round(nominalSeconds(period) * factor)),
  unit: 'SECONDS',
});

/** Every length of a policy multiplied by `factor`, marked as a drill. */
function scalePolicy(policy: DeadlinePolicy, factor: number, period?: Period) {
  return {
    period: period ?? scaled(policy.period, factor),
    ...(policy.variants && {
      variants: Object.fromEntries(
        Object.entries(policy.variants).map(([name, v]) => [name, scaled(v.period, factor)]),
      ),
    }),
    grace: scaled(policy.grace, factor),
    ...(policy.extensions.length > 0 && {
      extensionSteps: policy.extensions.map((step) => scaled(step.upTo, factor)),
    }),
    drill: true,
  };
}

const EXAMPLES = 'for example factor:0.001, or FILING_REVIEW=30s,LEGAL_REVIEW=2m';
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: DAY_SECONDS };

function parseFactor(text: string): DrillParse {
  const raw = text.slice('factor:'.length).trim();
  const factor = /^\d+(\.\d+)?(e-?\d+)?$/i.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(factor)) {
    return { ok: false, problem: `the factor "${raw}" is not a number (${EXAMPLES})` };
  }
  if (factor <= 0 || factor > 1) {
    return {
      ok: false,
      problem: `the factor ${raw} must be more than 0 and at most 1: a drill only shortens deadlines`,
    };
  }
  const overrides: PolicyOverrides = {};
  for (const code of Object.keys(DEADLINE_POLICIES) as PolicyCode[]) {
    overrides[code] = scalePolicy(DEADLINE_POLICIES[code], factor);
  }
  return { ok: true, overrides };
}

function parseLengths(parts: string[]): DrillParse {
  const given = new Map<PolicyCode, number>();
  for (const part of parts) {
    const match = /^([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(part);
    if (!match) {
      return {
        ok: false,
        problem: `"${part}" is neither factor:N nor POLICY=LENGTH (${EXAMPLES})`,
      };
    }
    const [, code, length] = match as unknown as [string, string, string];
    if (!isPolicyCode(code)) {
      return {
        ok: false,
        problem: `${code} is not a deadline policy; the policies are ${Object.keys(DEADLINE_POLICIES).join(', ')}`,
      };
    }
    if (given.has(code)) return { ok: false, problem: `${code} is given twice` };
    const lengthMatch = /^(\d+)\s*([smhd])$/.exec(length);
    if (!lengthMatch) {
      return {
        ok: false,
        problem: `${code}=${length} is not a length: write a whole number with s, m, h or d, such as ${code}=30s`,
      };
    }
    const seconds = Number(lengthMatch[1]) * UNIT_SECONDS[lengthMatch[2]!]!;
    if (seconds < 1) return { ok: false, problem: `${code}=${length} must be at least 1 second` };
    const legal = DEADLINE_POLICIES[code].period;
    if (seconds > nominalSeconds(legal)) {
      return {
        ok: false,
        problem: `${code}=${length} is longer than its legal period (${describePeriod(legal).en}): a drill only shortens deadlines`,
      };
    }
    given.set(code, seconds);
  }
  const overrides: PolicyOverrides = {};
  for (const code of Object.keys(DEADLINE_POLICIES) as PolicyCode[]) {
    const seconds = given.get(code);
    const policy = DEADLINE_POLICIES[code];
    overrides[code] =
      seconds === undefined
        ? { drill: true }
        : scalePolicy(policy, seconds / nominalSeconds(policy.period), {
            length: seconds,
            unit: 'SECONDS',
          });
  }
  return { ok: true, overrides };
}

/** Parses DRILL_DEADLINES into policy overrides, or says what is wrong with it. */
export function parseDrillDeadlines(text: string): DrillParse {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) return { ok: false, problem: `it names no deadline (${EXAMPLES})` };
  const factors = parts.filter((part) => part.startsWith('factor:'));
  if (factors.length > 0) {
    return parts.length === 1
      ? parseFactor(parts[0]!)
      : { ok: false, problem: `write either one factor:N or POLICY=LENGTH pairs, not both` };
  }
  return parseLengths(parts);
}
