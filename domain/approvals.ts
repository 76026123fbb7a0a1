// 审批: the decisions the law reserves to the bureau's leaders (DOMAIN.md, "Corrections and
// additions"). The handler proposes (呈请), each approver in the chain approves or refuses with a
// reason, each step with its own clock and escalation, and the decision takes effect once the last
// approver has approved. Which decisions pass the legal office first (the bureau's "两统一":
// 法制部门统一审核) is the policy table LEGAL_OFFICE_FIRST, not code.
import { type DeadlinePolicy, type Period, type PolicyCode } from './deadline-policies';
import { describePeriod } from './deadlines';
import { LEGAL_SOURCES, type LegalSource } from './legal-sources';
import { LATEST_RULES, rulesInclude, type LawRules } from './law-corrections';
import type { ActionFields, CaseActionCode } from './lifecycle';
import { ROLES, type Role } from './roles';

/** The patch id under which a case is decided with approvals. */
export const APPROVALS_PATCH = 'approvals-2026';

export interface ApprovalRule {
  name: string;
  /** The proposal's name on the form (呈请…). */
  label: string;
  /** Who decides; the legal office reviews first where LEGAL_OFFICE_FIRST says so. */
  approver: Role;
  /** Another agency decides after the bureau's leader (the procuratorate on custody). */
  thenDecidedBy?: Role;
  source: LegalSource;
}

export const APPROVALS = {
  FILE: {
    name: 'filing a criminal case',
    label: '呈请立案',
    approver: 'BUREAU_LEADER',
    source: LEGAL_SOURCES.FILING_DECISION,
  },
  DECLINE_FILING: {
    name: 'not filing a criminal case',
    label: '呈请不予立案',
    approver: 'BUREAU_LEADER',
    source: LEGAL_SOURCES.FILING_DECISION,
  },
  TRANSFER_FOR_PROSECUTION: {
    name: 'sending the case for prosecution (起诉意见书)',
    label: '呈请移送审查起诉',
    approver: 'BUREAU_LEADER',
    source: LEGAL_SOURCES.PROSECUTION_OPINION,
  },
  PENALTY_BY_STATION: {
    name: 'a public-order penalty a police station may decide (warning, small fine)',
    label: '呈请治安处罚（警告、小额罚款）',
    approver: 'UNIT_LEADER',
    source: LEGAL_SOURCES.PENALTY_DECISION_LEVEL,
  },
  PENALTY_BY_BUREAU: {
    name: 'a public-order penalty the bureau decides',
    label: '呈请治安处罚',
    approver: 'BUREAU_LEADER',
    source: LEGAL_SOURCES.PENALTY_DECISION_LEVEL,
  },
  ARREST_REQUEST_EXTENSION: {
    name: 'extending the time to request arrest approval',
    label: '呈请延长提请批准逮捕期限',
    approver: 'BUREAU_LEADER',
    source: LEGAL_SOURCES.ARREST_REQUEST_EXTENSION,
  },
  CUSTODY_EXTENSION_REQUEST: {
    name: 'asking the procuratorate to extend custody during investigation',
    label: '呈请提请延长侦查羁押期限',
    approver: 'BUREAU_LEADER',
    thenDecidedBy: 'PROSECUTOR',
    source: LEGAL_SOURCES.CUSTODY_EXTENSION_REQUEST,
  },
  ADMIN_CASE_EXTENSION: {
    name: 'extending the time to handle a public-order case',
    label: '呈请延长治安案件办理期限',
    approver: 'BUREAU_LEADER',
    source: LEGAL_SOURCES.ADMIN_CASE,
  },
  ALARM_TRANSFER: {
    name: 'transferring a crime report to the competent agency',
    label: '呈请移送管辖',
    approver: 'BUREAU_LEADER',
    source: LEGAL_SOURCES.TRANSFER,
  },
} as const satisfies Record<string, ApprovalRule>;

export type ApprovalCode = keyof typeof APPROVALS;

export const isApprovalCode = (value: string): value is ApprovalCode =>
  Object.hasOwn(APPROVALS, value);

/** The bureau's 两统一 policy: the decisions its legal office reviews before the leader approves. */
export const LEGAL_OFFICE_FIRST: readonly ApprovalCode[] = [
  'DECLINE_FILING',
  'CUSTODY_EXTENSION_REQUEST',
];

/** Who decides a proposal, in order. */
export function approvalChain(code: ApprovalCode): Role[] {
  const rule: ApprovalRule = APPROVALS[code];
  return [
    ...(LEGAL_OFFICE_FIRST.includes(code) ? (['LEGAL_OFFICER'] as const) : []),
    rule.approver,
    ...(rule.thenDecidedBy ? [rule.thenDecidedBy] : []),
  ];
}

/** Who is told when an approver's step stalls: another agency's own role, else the bureau's leaders. */
export const approvalLadder = (approver: Role): readonly [Role] =>
  approver === 'PROSECUTOR' || approver === 'JUDGE' ? [approver] : ['BUREAU_LEADER'];

/** 治安管理处罚的种类 (治安管理处罚法 2025, Art. 10). */
export const PENALTY_KINDS = {
  WARNING: '警告',
  FINE: '罚款',
  ADMIN_DETENTION: '行政拘留',
  LICENCE_REVOKED: '吊销公安机关发放的许可证件',
  DEPORTATION: '限期出境或者驱逐出境',
} as const;
export type PenaltyKind = keyof typeof PENALTY_KINDS;

/**
 * The largest fine a 派出所 may decide itself, in yuan (DOMAIN.md; the 2025 law's figure and
 * article still to confirm against the official text: one edit here).
 */
export const STATION_FINE_LIMIT_YUAN = 500;

/** Why the penalty's kind or fine is missing or wrong, or undefined. */
function penaltyRefusal(fields: ActionFields): string | undefined {
  const kinds = Object.keys(PENALTY_KINDS);
  if (!fields.penaltyKind)
    return `The penalty's level decides who approves it: send penaltyKind, one of ${kinds.map((k) => `${k} (${PENALTY_KINDS[k as PenaltyKind]})`).join(', ')}.`;
  if (!kinds.includes(fields.penaltyKind))
    return `The field "penaltyKind" must be one of ${kinds.join(', ')}, not ${fields.penaltyKind}.`;
  const fine = fields.fineYuan;
  if (fields.penaltyKind === 'FINE' && fine === undefined)
    return 'A fine (罚款) needs its amount: send fineYuan, a whole number of yuan.';
  if (fine !== undefined && (!Number.isInteger(fine) || fine < 1))
    return `The field "fineYuan" must be a whole number of yuan of at least 1, not ${fine}.`;
  return undefined;
}

/** A 派出所 may decide a warning, or a fine of at most STATION_FINE_LIMIT_YUAN, and nothing more. */
export const decidedByStation = (fields: Pick<ActionFields, 'penaltyKind' | 'fineYuan'>) =>
  (fields.penaltyKind === 'WARNING' && fields.fineYuan === undefined) ||
  (fields.penaltyKind === 'FINE' && (fields.fineYuan ?? 0) <= STATION_FINE_LIMIT_YUAN);

/** Who approves a penalty, by its kind and fine, or why the fields cannot say. */
function penaltyApproval(fields: ActionFields): { approval: ApprovalCode } | { refusal: string } {
  const refusal = penaltyRefusal(fields);
  if (refusal) return { refusal };
  return { approval: decidedByStation(fields) ? 'PENALTY_BY_STATION' : 'PENALTY_BY_BUREAU' };
}

/** The approval an action needs, none, or why its fields cannot say which. */
export function actionApproval(
  action: CaseActionCode,
  fields: ActionFields,
  rules: LawRules = LATEST_RULES,
): { approval?: ApprovalCode } | { refusal: string } {
  switch (action) {
    case 'FILE':
    case 'DECLINE_FILING':
    case 'TRANSFER_FOR_PROSECUTION':
      return { approval: action };
    case 'SERVE_PENALTY_DECISION':
      // Under the public-order procedure the penalty is decided (DECIDE_PENALTY), then served;
      // before it, this one action decided the penalty.
      return rulesInclude(rules, 'PUBLIC_ORDER') ? {} : penaltyApproval(fields);
    case 'DECIDE_PENALTY':
      return penaltyApproval(fields);
    default:
      return {};
  }
}

/**
 * The approval an alarm's disposition needs, if any: a crime report that is not this bureau's to
 * handle goes to the competent agency with the approval of its leader (公安刑规 Art. 175); other
 * reports are passed on by the officer on the scene.
 */
export const dispositionApproval = (
  category: string,
  disposition: string,
): ApprovalCode | undefined =>
  category === 'CRIME' && disposition === 'TRANSFERRED' ? 'ALARM_TRANSFER' : undefined;

/** The clocks whose extension is proposed and approved, and the approval each needs. */
export const EXTENSION_APPROVALS: Partial<Record<PolicyCode, ApprovalCode>> = {
  ARREST_REQUEST: 'ARREST_REQUEST_EXTENSION',
  CUSTODY_INVESTIGATION: 'CUSTODY_EXTENSION_REQUEST',
  ADMIN_CASE: 'ADMIN_CASE_EXTENSION',
};

/**
 * The approval a deadline's extension needs under these rules: a public-order case's time is
 * extended on the handler's proposal from the public-order procedure on; before it, the bureau's
 * leader extended it on its escalation.
 */
export const extensionApproval = (
  policy: PolicyCode,
  rules: LawRules = LATEST_RULES,
): ApprovalCode | undefined =>
  policy === 'ADMIN_CASE' && !rulesInclude(rules, 'PUBLIC_ORDER')
    ? undefined
    : EXTENSION_APPROVALS[policy];

/**
 * 流窜作案、多次作案、结伙作案的重大嫌疑分子 (刑事诉讼法 Art. 91 ¶2): the grounds on which the time to
 * request arrest approval may run to 30 days.
 */
export const ARREST_EXTENSION_GROUNDS = {
  ROAMING: '流窜作案',
  REPEATED: '多次作案',
  GANG: '结伙作案',
} as const;
export type ArrestExtensionGround = keyof typeof ARREST_EXTENSION_GROUNDS;

/**
 * Why this extension of the time to request arrest approval may not be proposed, or undefined.
 * In special circumstances 1 to 4 days (the policy's first step); for a suspect of roaming,
 * repeated or gang crime, with that ground recorded, to 30 days in all (every step together).
 */
export function arrestExtensionRefusal(
  policy: DeadlinePolicy,
  granted: readonly Period[],
  requested: Period,
  ground: string | undefined,
): string | undefined {
  const grounds = Object.keys(ARREST_EXTENSION_GROUNDS);
  if (ground !== undefined && !grounds.includes(ground))
    return `The ground must be one of ${grounds.join(', ')}, not ${ground}.`;
  const steps = policy.extensions.map((s) => s.upTo);
  const unit = steps[0]?.unit;
  if (!unit) return `${policy.name} (${policy.label}) cannot be extended.`;
  if (requested.unit !== unit)
    return `Extensions of ${policy.name} are counted in ${unit.toLowerCase()}, not ${requested.unit.toLowerCase()}.`;
  if (!Number.isInteger(requested.length) || requested.length < 1)
    return `An extension must be a whole number of at least 1, not ${requested.length}.`;
  const cap = ground ? steps.reduce((sum, s) => sum + s.length, 0) : steps[0]!.length;
  const so = granted.reduce((sum, p) => sum + (p.unit === unit ? p.length : 0), 0);
  if (so + requested.length > cap) {
    const capText = describePeriod({ ...steps[0]!, length: cap }).en;
    return ground
      ? `${policy.name} may be extended by at most ${capText} in all for a suspect of ${grounds.join('/')} crime; ${so} already granted.`
      : `${policy.name} may be extended by at most ${capText} in all (1 to 4 days in special circumstances); ${so} already granted. Beyond that only for a suspect of roaming, repeated or gang crime (流窜、多次、结伙作案): send ground, one of ${grounds.join(', ')}.`;
  }
  return undefined;
}

/**
 * The policy as it applied before approvals, for runs decided then: the unit's leader extended
 * the time to request arrest approval by up to 4 days.
 */
export function policyBeforeApprovals(policy: DeadlinePolicy): DeadlinePolicy {
  if (policy.code !== 'ARREST_REQUEST') return policy;
  return {
    ...policy,
    extensions: policy.extensions.map((step, i) =>
      i === 0 ? { ...step, approverRole: 'UNIT_LEADER' } : step,
    ),
  };
}

/** How a policy's extension is decided, for the deadline table: its caps and the approvers. */
export function extensionRuleZh(policy: DeadlinePolicy): string | undefined {
  const approval = EXTENSION_APPROVALS[policy.code as PolicyCode];
  if (!approval) return undefined;
  const steps = policy.extensions.map((e) => e.upTo);
  const caps =
    approval === 'ARREST_REQUEST_EXTENSION'
      ? `≤${describePeriod(steps[0]!).zh}；${Object.values(ARREST_EXTENSION_GROUNDS).join('、')}：共≤${describePeriod({ ...steps[0]!, length: steps.reduce((sum, p) => sum + p.length, 0) }).zh}`
      : steps.map((p, i) => `第${i + 1}次≤${describePeriod(p).zh}`).join('，');
  return `${caps}（呈请审批：${approvalChain(approval).join(' → ')}）`;
}

/** The custody extension must reach the procuratorate this long before the custody expires. */
export const CUSTODY_REQUEST_LEAD: Period = { length: 7, unit: 'DAYS' };

/** The last instant the request to extend custody may reach the procuratorate. */
export const custodyRequestCutoff = (custodyDueAt: number) =>
  custodyDueAt - CUSTODY_REQUEST_LEAD.length * 86_400_000;

/** Why a request to extend custody is too late now, or undefined. */
export function custodyRequestLateness(custodyDueAt: number, at: number): string | undefined {
  const cutoff = custodyRequestCutoff(custodyDueAt);
  return at > cutoff
    ? `The request to extend custody must reach the procuratorate 7 days before the custody expires (公安刑规 Art. 148), by ${new Date(cutoff).toISOString()}; it is now too late to send it.`
    : undefined;
}

/** Why `role` may not decide this step of a proposal, or undefined. */
export function approverRefusal(
  code: ApprovalCode,
  chain: readonly Role[],
  step: number,
  role: Role,
): string | undefined {
  const expected = chain[step];
  if (!expected) return 'This proposal has no step left to decide.';
  const rule: ApprovalRule = APPROVALS[code];
  return role === expected
    ? undefined
    : `${rule.label} is decided at this step (${step + 1} of ${chain.length}) by ${expected} (${ROLES[expected]}), not ${role}.`;
}
