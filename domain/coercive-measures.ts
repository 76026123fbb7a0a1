// 强制措施: the coercive measures on a suspect, whose clocks run in parallel with the stages.
// Detention (刑事拘留) → request for arrest approval within 3 days → the prosecutor decides in 7 →
// custody after arrest 2 months (+1, +2, +2); or bail (取保候审, 12 months) or residential
// surveillance (监视居住, 6 months); release ends every measure.
import type { PolicyCode } from './deadline-policies';
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

interface MeasureEventRule {
  label: string;
  from: readonly MeasureState[];
  role: Role;
  to: MeasureState;
  /** The clock the new state runs, if any; every clock of the old state ends. */
  opens?: { step: string; policy: PolicyCode };
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
  | { ok: true; to: MeasureState; opens?: { step: string; policy: PolicyCode } }
  | { ok: false; reason: string };

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
