// The corrections of 2026 (DOMAIN.md, "Corrections and additions"; issue 11 item 0): the month-end
// rule of 高法解释 Art. 202, the prosecutor's arrest decision during investigation, the police
// custody clock ending at transfer for prosecution, coercive measures on criminal cases only, no
// police escalation of the procuratorate's or the court's steps, the non-filing notice only to a
// complainant, and the fast-track route decided by the procuratorate. A case workflow decides
// under them from the patch on; a run started before it keeps the rules it was decided under.
import type { MonthCounting } from './calendar';
import type { DeadlinePolicy } from './deadline-policies';

/** The patch id under which a case is decided with the corrections of 2026. */
export const LAW_CORRECTIONS_PATCH = 'law-corrections-2026';

/**
 * The rules a decision is taken under, oldest first: as they were before the corrections (old
 * runs, case-v1), as corrected, as corrected with the criminal side's clocks
 * (domain/criminal-clocks.ts), and with the public-order procedure (domain/public-order.ts). A
 * run takes every patch at its start, so a later set always includes the earlier ones.
 */
export const LAW_RULES = [
  'BEFORE_CORRECTIONS',
  'CORRECTED',
  'CRIMINAL_CLOCKS',
  'PUBLIC_ORDER',
] as const;
export type LawRules = (typeof LAW_RULES)[number];

/** The rules new cases are decided under. */
export const LATEST_RULES: LawRules = 'PUBLIC_ORDER';

export const lawRules = (
  corrected: boolean | undefined,
  criminalClocks: boolean | undefined = false,
  publicOrder: boolean | undefined = false,
): LawRules =>
  !corrected
    ? 'BEFORE_CORRECTIONS'
    : !criminalClocks
      ? 'CORRECTED'
      : publicOrder
        ? 'PUBLIC_ORDER'
        : 'CRIMINAL_CLOCKS';

/** Whether these rules include `since` (every later set includes the earlier ones). */
export const rulesInclude = (rules: LawRules, since: LawRules) =>
  LAW_RULES.indexOf(rules) >= LAW_RULES.indexOf(since);

/** Whether the corrections of 2026 apply under these rules. */
export const isCorrected = (rules: LawRules) => rules !== 'BEFORE_CORRECTIONS';

/** Months are counted by 高法解释 Art. 202 as corrected; to the same date before. */
export const monthCounting = (rules: LawRules): MonthCounting =>
  isCorrected(rules) ? 'ART_202' : 'SAME_DATE';

/**
 * The policy as it applied before the corrections: every step of a case, the procuratorate's and
 * the court's included, escalated to the police's leaders.
 */
export function policyBeforeCorrections(policy: DeadlinePolicy): DeadlinePolicy {
  const agencyOwned = policy.owner === 'PROSECUTOR' || policy.owner === 'JUDGE';
  return agencyOwned ? { ...policy, escalatesTo: ['UNIT_LEADER', 'BUREAU_LEADER'] } : policy;
}
