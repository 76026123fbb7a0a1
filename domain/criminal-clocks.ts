// The criminal side's missing clocks (issue 11 item 4): after detention, 24 hours each to deliver
// the person to the detention house, to notify the family and for the first interrogation
// (刑事诉讼法 Art. 85–86), each completed by its own recorded measure; the police's window to ask
// the procuratorate to reconsider (复议) a refused arrest (Art. 92). A case workflow decides under
// them from the patch on; a run started before it keeps the rules it was decided under.
import type { StepSpec } from './case-deadlines';
import type { MeasureState } from './coercive-measures';
import type { PolicyCode } from './deadline-policies';
import type { Role } from './roles';

/** The patch id under which a case is decided with the criminal side's clocks. */
export const CRIMINAL_CLOCKS_PATCH = 'criminal-clocks-2026';

/**
 * 不通知家属的法定情形 (刑事诉讼法 Art. 85 ¶2): the family is not notified within 24 hours only where
 * it cannot be notified, or, for suspected crimes against state security or of terrorism, where
 * notice may hinder the investigation (the family is then told once that ground has gone).
 */
export const FAMILY_NOTICE_GROUNDS = {
  UNABLE_TO_NOTIFY: '无法通知',
  STATE_SECURITY_HINDERS_INVESTIGATION: '涉嫌危害国家安全犯罪，通知可能有碍侦查',
  TERRORISM_HINDERS_INVESTIGATION: '涉嫌恐怖活动犯罪，通知可能有碍侦查',
} as const;
export type FamilyNoticeGround = keyof typeof FAMILY_NOTICE_GROUNDS;

/** A measure recorded on a suspect that changes no measure state: it completes clocks. */
export interface MeasureRecordRule {
  label: string;
  role: Role;
  /** The clocks it completes (one open instance of each). */
  completes: readonly PolicyCode[];
  /** It records one of the statutory grounds (FAMILY_NOTICE_GROUNDS). */
  requiresGround?: boolean;
}

export const MEASURE_RECORDS = {
  DELIVER_TO_DETENTION_HOUSE: {
    label: '送看守所羁押',
    role: 'HANDLER',
    completes: ['DETENTION_HOUSE_DELIVERY'],
  },
  NOTIFY_FAMILY: { label: '通知家属', role: 'HANDLER', completes: ['FAMILY_NOTIFICATION'] },
  FAMILY_NOT_NOTIFIED: {
    label: '不通知家属（法定情形）',
    role: 'HANDLER',
    completes: ['FAMILY_NOTIFICATION'],
    requiresGround: true,
  },
  FIRST_INTERROGATION: {
    label: '拘留后首次讯问',
    role: 'HANDLER',
    completes: ['FIRST_INTERROGATION'],
  },
  REQUEST_ARREST_RECONSIDERATION: {
    label: '要求复议不批准逮捕决定',
    role: 'HANDLER',
    completes: ['ARREST_DENIAL_RECONSIDERATION'],
  },
  ACCEPT_ARREST_DENIAL: {
    label: '不要求复议不批准逮捕决定',
    role: 'HANDLER',
    completes: ['ARREST_DENIAL_RECONSIDERATION'],
  },
} as const satisfies Record<string, MeasureRecordRule>;

export type MeasureRecord = keyof typeof MEASURE_RECORDS;

export const isMeasureRecord = (event: string): event is MeasureRecord =>
  Object.hasOwn(MEASURE_RECORDS, event);

/** The clocks a measure opens beside the measure's own, under these rules. */
export const CLOCKS_OPENED_BY_MEASURE: Partial<Record<string, readonly StepSpec[]>> = {
  // 刑事诉讼法 Art. 85–86: within 24 hours of detention.
  DETAIN: [
    { step: 'DETENTION_HOUSE_DELIVERY', policy: 'DETENTION_HOUSE_DELIVERY' },
    { step: 'FAMILY_NOTIFICATION', policy: 'FAMILY_NOTIFICATION' },
    { step: 'FIRST_INTERROGATION', policy: 'FIRST_INTERROGATION' },
  ],
  // Art. 92: the police may ask for 复议 of the refusal (the person is released at once).
  DENY_ARREST: [{ step: 'ARREST_DENIAL_RECONSIDERATION', policy: 'ARREST_DENIAL_RECONSIDERATION' }],
};

/** The duties owed to a detained person: they end with the custody, or by their own record. */
export const DETENTION_DUTY_POLICIES: readonly PolicyCode[] = [
  'DETENTION_HOUSE_DELIVERY',
  'FAMILY_NOTIFICATION',
  'FIRST_INTERROGATION',
];

/** Clocks that only their own record completes (the police's window for 复议). */
const RECORD_ONLY_POLICIES: readonly PolicyCode[] = ['ARREST_DENIAL_RECONSIDERATION'];

/**
 * Whether a change of measure ends this clock: a measure's own clock ends with every change; a
 * duty owed to a detained person ends once the person is no longer in custody; the window for
 * 复议 of a refused arrest only by its own record.
 */
export function endsWithMeasureChange(policy: PolicyCode, stillInCustody: boolean): boolean {
  if (RECORD_ONLY_POLICIES.includes(policy)) return false;
  if (DETENTION_DUTY_POLICIES.includes(policy)) return !stillInCustody;
  return true;
}

/** Why a measure record may not be taken now, or undefined. */
export function measureRecordRefusal(
  event: MeasureRecord,
  role: Role,
  openPolicies: readonly PolicyCode[],
  ground: string | undefined,
  measure: MeasureState,
): string | undefined {
  const rule: MeasureRecordRule = MEASURE_RECORDS[event];
  if (role !== rule.role)
    return `${event} (${rule.label}) is recorded by ${rule.role}, not ${role}.`;
  const open = rule.completes.filter((p) => openPolicies.includes(p));
  if (open.length === 0)
    return `${event} (${rule.label}) completes ${rule.completes.join(', ')}, and no such deadline is open on this case (the suspect is ${measure}): it follows ${
      DETENTION_DUTY_POLICIES.some((p) => rule.completes.includes(p))
        ? 'DETAIN, within 24 hours, while the suspect is in custody'
        : 'DENY_ARREST, within its 5 days'
    }.`;
  if (rule.requiresGround) {
    if (!ground)
      return `${event} (${rule.label}) requires the ground the law allows: send ground, one of ${Object.keys(FAMILY_NOTICE_GROUNDS).join(', ')}.`;
    if (!Object.hasOwn(FAMILY_NOTICE_GROUNDS, ground))
      return `The ground must be one of ${Object.keys(FAMILY_NOTICE_GROUNDS).join(', ')}, not ${ground}.`;
  } else if (ground) return `${event} (${rule.label}) takes no ground.`;
  return undefined;
}

/** The lawyers in whose presence the 认罪认罚具结书 is signed (刑事诉讼法 Art. 174). */
export const PLEA_AGREEMENT_LAWYERS = {
  DUTY_LAWYER: '值班律师',
  DEFENCE_COUNSEL: '辩护人',
} as const;
export type PleaAgreementLawyer = keyof typeof PLEA_AGREEMENT_LAWYERS;
