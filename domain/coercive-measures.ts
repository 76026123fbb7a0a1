// 强制措施: the coercive measures on a suspect, whose clocks run in parallel with the stages.
// Detention (刑事拘留) → request for arrest approval within 3 days → the prosecutor decides in 7 →
// custody after arrest 2 months (+1, +2, +2); or bail (取保候审, 12 months) or residential
// surveillance (监视居住, 6 months); release ends every measure. They are measures of the criminal
// law: a public-order case has none. The police's custody clock ends when the case is sent for
// prosecution; the procuratorate's review period runs from then on.
import type { PolicyCode } from './deadline-policies';
import { CASE_KINDS, type CaseKind, type CaseStage } from './lifecycle';
import type { Role } from './roles';

export const MEASURE_STATES = {
  NONE: '未采取强制措施',
  DETAINED: '刑事拘留',
  ARREST_REQUESTED: '提请批准逮捕',
  ARRESTED: '逮捕',
  BAILED: '取保候审',
  UNDER_SURVEILLANCE: '监视居住',
  RELEASED: '释放',
} as const;
export type MeasureState = keyof typeof MEASURE_STATES;

export const IN_CUSTODY: readonly MeasureState[] = ['DETAINED', 'ARREST_REQUESTED', 'ARRESTED'];

/** A clock a measure runs: its step and its deadline policy. */
export interface MeasureClock {
  step: string;
  policy: PolicyCode;
}

interface MeasureEventRule {
  label: string;
  from: readonly MeasureState[];
  role: Role;
  to: MeasureState;
  /** The clock the new state runs, if any; every clock of the old state ends. */
  opens?: MeasureClock;
  /** The procuratorate asked to decide is named (its prosecutors see the case from then on). */
  namesProcuratorate?: boolean;
}

const FREE: readonly MeasureState[] = ['NONE', 'RELEASED', 'BAILED', 'UNDER_SURVEILLANCE'];

export const MEASURE_EVENTS = {
  DETAIN: {
    label: '刑事拘留',
    from: FREE,
    role: 'HANDLER',
    to: 'DETAINED',
    opens: { step: 'ARREST_REQUEST', policy: 'ARREST_REQUEST' },
  },
  REQUEST_ARREST: {
    label: '提请批准逮捕',
    from: ['DETAINED'],
    role: 'HANDLER',
    to: 'ARREST_REQUESTED',
    opens: { step: 'ARREST_DECISION', policy: 'ARREST_DECISION' },
    namesProcuratorate: true,
  },
  APPROVE_ARREST: {
    label: '批准逮捕',
    from: ['ARREST_REQUESTED'],
    role: 'PROSECUTOR',
    to: 'ARRESTED',
    opens: { step: 'CUSTODY', policy: 'CUSTODY_INVESTIGATION' },
  },
  DENY_ARREST: {
    label: '不批准逮捕',
    from: ['ARREST_REQUESTED'],
    role: 'PROSECUTOR',
    to: 'RELEASED',
  },
  BAIL: {
    label: '取保候审',
    from: ['NONE', 'RELEASED', 'DETAINED', 'ARRESTED'],
    role: 'HANDLER',
    to: 'BAILED',
    opens: { step: 'BAIL', policy: 'BAIL' },
  },
  RESIDENTIAL_SURVEILLANCE: {
    label: '监视居住',
    from: ['NONE', 'RELEASED', 'DETAINED', 'ARRESTED'],
    role: 'HANDLER',
    to: 'UNDER_SURVEILLANCE',
    opens: { step: 'RESIDENTIAL_SURVEILLANCE', policy: 'RESIDENTIAL_SURVEILLANCE' },
  },
  RELEASE: {
    label: '解除强制措施',
    from: ['DETAINED', 'ARRESTED', 'BAILED', 'UNDER_SURVEILLANCE'],
    role: 'HANDLER',
    to: 'RELEASED',
  },
} as const satisfies Record<string, MeasureEventRule>;

export type MeasureEvent = keyof typeof MEASURE_EVENTS;

export type MeasureCheck =
  { ok: true; to: MeasureState; opens?: MeasureClock } | { ok: false; reason: string };

export function checkMeasure(current: MeasureState, event: string, role: Role): MeasureCheck {
  if (!Object.hasOwn(MEASURE_EVENTS, event)) {
    return {
      ok: false,
      reason: `Unknown measure ${event}. Known: ${Object.keys(MEASURE_EVENTS).join(', ')}.`,
    };
  }
  const rule: MeasureEventRule = MEASURE_EVENTS[event as MeasureEvent];
  if (!rule.from.includes(current)) {
    return {
      ok: false,
      reason: `${event} (${rule.label}) is not possible while the suspect is ${current} (${MEASURE_STATES[current]}); it follows ${rule.from.join(', ')}.`,
    };
  }
  if (role !== rule.role)
    return {
      ok: false,
      reason: `${event} (${rule.label}) is decided by ${rule.role}, not ${role}.`,
    };
  return { ok: true, to: rule.to, ...(rule.opens ? { opens: rule.opens } : {}) };
}

/** Coercive measures of the criminal law (拘留, 逮捕, 取保候审, 监视居住) apply to these cases only. */
export const MEASURE_CASE_KINDS: readonly CaseKind[] = ['CRIMINAL'];

/** The police's clocks over a suspect in custody during investigation (侦查羁押期限, 刑事诉讼法 Art. 156–159). */
export const POLICE_CUSTODY_POLICIES: readonly PolicyCode[] = ['CUSTODY_INVESTIGATION'];

/** The stages after the case was sent for prosecution: with the procuratorate or the court. */
export const SENT_FOR_PROSECUTION: readonly CaseStage[] = [
  'PROSECUTION_REVIEW',
  'SUPPLEMENTARY_INVESTIGATION',
  'COURT_FAST_TRACK',
  'COURT_SIMPLIFIED',
  'COURT_ORDINARY',
];

/**
 * Why a measure may not be recorded on this case as the law was corrected in 2026, or undefined:
 * only on a criminal case, and a request for arrest names the procuratorate asked to decide.
 */
export function measureRefusal(
  kind: CaseKind,
  event: string,
  fields: { prosecutionOrg?: string },
): string | undefined {
  if (!Object.hasOwn(MEASURE_EVENTS, event)) return undefined; // checkMeasure names it
  const rule: MeasureEventRule = MEASURE_EVENTS[event as MeasureEvent];
  if (!MEASURE_CASE_KINDS.includes(kind))
    return `${event} (${rule.label}) is a coercive measure of the criminal law (刑事强制措施): it applies to ${MEASURE_CASE_KINDS.map((k) => `${k} (${CASE_KINDS[k]})`).join(', ')} cases only, and this case is ${kind} (${CASE_KINDS[kind]}).`;
  if (rule.namesProcuratorate && !fields.prosecutionOrg?.trim())
    return `${event} (${rule.label}) names the procuratorate asked to decide on the arrest: send prosecutionOrg. Its prosecutors see the case from then on.`;
  return undefined;
}

/** The clock a measure opens, unless it is the police's custody clock and the case was sent on. */
export const measureClock = (opens: MeasureClock | undefined, stage: CaseStage) =>
  opens && POLICE_CUSTODY_POLICIES.includes(opens.policy) && SENT_FOR_PROSECUTION.includes(stage)
    ? undefined
    : opens;
