// 治安案件办理程序 (issue 11 item 3): the summons and its questioning clock, counted from the exact
// arrival (8 hours; longer only on a ground the law names, recorded), ended when the person leaves
// or is released; the fast procedure (快速办理), with its 48 hours from arrival and its conversion to
// the normal route; mediation (治安调解) as a way to close; the penalty decided at the right level
// (domain/approvals.ts) and then served, on the spot or within 2 days. A case workflow decides under
// these rules from the patch on; a run started before it keeps the rules it was decided under.
import type { PolicyCode } from './deadline-policies';
import type { Role } from './roles';

/** The patch id under which a case is decided with the public-order procedure. */
export const PUBLIC_ORDER_PATCH = 'public-order-2026';

/**
 * The grounds on which questioning after a summons may run past 8 hours (治安管理处罚法 2025,
 * Art. 97; the wording still to confirm against the official text): the keys are the variants of
 * ADMIN_QUESTIONING in the policy table, which holds their lengths.
 */
export const QUESTIONING_GROUNDS = {
  COMPLEX: '案情复杂',
  DETENTION_POSSIBLE: '情况复杂，可能适用行政拘留',
} as const;
export type QuestioningGround = keyof typeof QUESTIONING_GROUNDS;

/** What is recorded on a public-order case's person: the arrival after a summons, and the end. */
export const PUBLIC_ORDER_RECORDS = {
  SUMMONED: { label: '传唤到案', role: 'HANDLER' },
  QUESTIONING_ENDED: { label: '询问查证结束（离开或释放）', role: 'HANDLER' },
} as const satisfies Record<string, { label: string; role: Role }>;
export type PublicOrderRecord = keyof typeof PUBLIC_ORDER_RECORDS;

export const isPublicOrderRecord = (event: string): event is PublicOrderRecord =>
  Object.hasOwn(PUBLIC_ORDER_RECORDS, event);

/** The questioning clock a summons opens. */
export const QUESTIONING_POLICY: PolicyCode = 'ADMIN_QUESTIONING';
/** The fast procedure's clock. */
export const FAST_PROCEDURE_POLICY: PolicyCode = 'FAST_ADMIN_DECISION';

/** Why a record on a public-order case's person may not be taken now, or undefined. */
export function publicOrderRecordRefusal(
  event: PublicOrderRecord,
  request: {
    kind: string;
    role: Role;
    at: number;
    arrivedAt?: number;
    ground?: string;
    questioningOpen: boolean;
  },
): string | undefined {
  const rule = PUBLIC_ORDER_RECORDS[event];
  if (request.kind !== 'ADMINISTRATIVE')
    return `${event} (${rule.label}) is recorded on public-order (治安) cases; a criminal suspect is detained or summoned under the criminal law (MEASURE DETAIN …).`;
  if (request.role !== rule.role)
    return `${event} (${rule.label}) is recorded by ${rule.role}, not ${request.role}.`;
  if (event === 'QUESTIONING_ENDED') {
    if (request.arrivedAt !== undefined || request.ground !== undefined)
      return `${event} (${rule.label}) takes no arrivedAt or ground.`;
    return request.questioningOpen
      ? undefined
      : `${event} (${rule.label}) ends a questioning, and none is under way on this case: record SUMMONED (传唤到案) first.`;
  }
  if (request.questioningOpen)
    return `A questioning is already under way on this case: record QUESTIONING_ENDED (${PUBLIC_ORDER_RECORDS.QUESTIONING_ENDED.label}) before the next summons.`;
  if (request.arrivedAt === undefined)
    return `${event} (${rule.label}) records the exact time the person arrived: send arrivedAt. The questioning is counted from it.`;
  if (request.arrivedAt > request.at)
    return `The arrival (arrivedAt ${new Date(request.arrivedAt).toISOString()}) is in the future.`;
  const grounds = Object.keys(QUESTIONING_GROUNDS);
  if (request.ground !== undefined && !grounds.includes(request.ground))
    return `The ground must be one of ${grounds.join(', ')}, not ${request.ground}.`;
  return undefined;
}

/**
 * 快速办理 (公安机关办理行政案件程序规定, Art. 40–41, article numbers still to confirm): facts
 * clear, the person does not dispute them and agrees; not for a blind, deaf or mute person, a
 * minor or a person suspected of mental illness, a case that needs a hearing, or one that may end
 * in more than 10 days' administrative detention.
 */
export interface FastProcedureFacts {
  factsClear: boolean;
  admitsFacts: boolean;
  agreesToFastProcedure: boolean;
  personBlindDeafMuteMinorOrMentallyIll: boolean;
  hearingRequired: boolean;
  detentionOverTenDaysPossible: boolean;
}

export const FAST_PROCEDURE_FACT_LABELS: Record<keyof FastProcedureFacts, string> = {
  factsClear: '案件事实清楚',
  admitsFacts: '违法嫌疑人对违法事实和性质没有异议',
  agreesToFastProcedure: '违法嫌疑人同意快速办理',
  personBlindDeafMuteMinorOrMentallyIll: '违法嫌疑人系盲、聋、哑人、未成年人或者疑似精神病人',
  hearingRequired: '依法应当适用听证程序',
  detentionOverTenDaysPossible: '可能作出十日以上行政拘留处罚',
};

/** Each fact the fast procedure needs (true) or excludes (false), with what fails. */
const FAST_PROCEDURE_NEEDS: Record<keyof FastProcedureFacts, boolean> = {
  factsClear: true,
  admitsFacts: true,
  agreesToFastProcedure: true,
  personBlindDeafMuteMinorOrMentallyIll: false,
  hearingRequired: false,
  detentionOverTenDaysPossible: false,
};

/** The reasons the fast procedure does not fit these facts (none: it fits). */
export function fastProcedureMisfits(facts: FastProcedureFacts): string[] {
  return (Object.keys(FAST_PROCEDURE_NEEDS) as Array<keyof FastProcedureFacts>)
    .filter((name) => facts[name] !== FAST_PROCEDURE_NEEDS[name])
    .map((name) =>
      FAST_PROCEDURE_NEEDS[name]
        ? `not ${name} (${FAST_PROCEDURE_FACT_LABELS[name]}：否)`
        : `${name} (${FAST_PROCEDURE_FACT_LABELS[name]})`,
    );
}

/** The stages in which a public-order case's penalty is decided or being served. */
export const PENALTY_DECIDED_STAGES = ['PENALTY_SERVICE', 'CLOSED', 'ARCHIVED'] as const;
