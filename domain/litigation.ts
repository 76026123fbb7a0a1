// 行政复议/行政诉讼: a reconsideration or a lawsuit against one of the bureau's decisions, as the
// bureau's legal office answers it. The respondent's reply is due 10 working days after the copy
// of the application reaches the bureau (行政复议法 2023 Art. 48, 88 ¶2), the defendant's defence
// 15 days after the copy of the complaint (行政诉讼法 Art. 67); in court the responsible leader
// appears, or an officer of the bureau does in their place (Art. 3 ¶3); then the outcome, and
// whether a decision against the bureau was carried out (履行).
import type { PolicyCode, PolicyOverrides } from './deadline-policies';
import type { Labelled } from './labels';
import { citeZh, LEGAL_SOURCES } from './legal-sources';
import { ROLES, type Role } from './roles';

/** 行政争议的种类: what was brought against the bureau, and what it owes in answer. */
export const MATTER_KINDS = {
  RECONSIDERATION: {
    label: '行政复议',
    claimant: '申请人',
    forum: '行政复议机关',
    copy: '行政复议申请书副本',
    answer: '书面答复及证据',
    step: { step: 'REPLY', policy: 'ADMIN_RECONSIDERATION_REPLY' },
  },
  LAWSUIT: {
    label: '行政诉讼',
    claimant: '原告',
    forum: '人民法院',
    copy: '起诉状副本',
    answer: '答辩状及证据',
    step: { step: 'DEFENCE', policy: 'ADMIN_LITIGATION_DEFENCE' },
  },
} as const satisfies Record<
  string,
  { label: string; step: { step: string; policy: PolicyCode } } & Record<string, unknown>
>;
export type MatterKind = keyof typeof MATTER_KINDS;

/** 办理状态 */
export const MATTER_STAGES = {
  RESPONDING: '答复（答辩）期内',
  PENDING_DECISION: '已答复，待决定（裁判）',
  AWAITING_PERFORMANCE: '待履行',
  CLOSED: '已结',
} as const;
export type MatterStage = keyof typeof MATTER_STAGES;

export function matterStage(code: MatterStage): Labelled<MatterStage> {
  return { code, label: MATTER_STAGES[code] };
}

/**
 * 结果: how a reconsideration organ or a court decided, by its general name (`label`) and as each
 * kind names it (`labels`). `against`: the bureau's decision was
 * found wrong (撤销, 变更, 确认违法, 确认无效, 责令履行); `performance`: the bureau owes something
 * to carry out (履行), so the matter stays open until that is recorded. An outcome without a kind's
 * label does not exist for that kind.
 */
export const OUTCOMES = {
  UPHELD: {
    label: '维持',
    labels: { RECONSIDERATION: '维持' },
    against: false,
    performance: false,
  },
  CLAIM_REJECTED: {
    label: '驳回请求',
    labels: { RECONSIDERATION: '驳回行政复议请求', LAWSUIT: '判决驳回诉讼请求' },
    against: false,
    performance: false,
  },
  APPLICATION_DISMISSED: {
    label: '驳回申请（起诉）',
    labels: { RECONSIDERATION: '驳回行政复议申请', LAWSUIT: '裁定驳回起诉' },
    against: false,
    performance: false,
  },
  REVOKED: {
    label: '撤销',
    labels: { RECONSIDERATION: '撤销', LAWSUIT: '判决撤销' },
    against: true,
    performance: true,
  },
  VARIED: {
    label: '变更',
    labels: { RECONSIDERATION: '变更', LAWSUIT: '判决变更' },
    against: true,
    performance: true,
  },
  CONFIRMED_ILLEGAL: {
    label: '确认违法',
    labels: { RECONSIDERATION: '确认违法', LAWSUIT: '判决确认违法' },
    against: true,
    performance: true,
  },
  CONFIRMED_VOID: {
    label: '确认无效',
    labels: { RECONSIDERATION: '确认无效', LAWSUIT: '判决确认无效' },
    against: true,
    performance: true,
  },
  ORDERED_TO_PERFORM: {
    label: '责令履行',
    labels: { RECONSIDERATION: '责令履行', LAWSUIT: '判决履行' },
    against: true,
    performance: true,
  },
  MEDIATED: {
    label: '调解',
    labels: { RECONSIDERATION: '调解', LAWSUIT: '调解' },
    against: false,
    performance: true,
  },
  SETTLED: {
    label: '和解',
    labels: { RECONSIDERATION: '和解（撤回申请）', LAWSUIT: '和解（撤诉）' },
    against: false,
    performance: false,
  },
  WITHDRAWN: {
    label: '撤回',
    labels: { RECONSIDERATION: '撤回行政复议申请', LAWSUIT: '撤诉' },
    against: false,
    performance: false,
  },
} as const satisfies Record<
  string,
  {
    label: string;
    labels: Partial<Record<MatterKind, string>>;
    against: boolean;
    performance: boolean;
  }
>;
export type Outcome = keyof typeof OUTCOMES;

/** Outcomes that end a matter whether or not the bureau has answered it yet. */
export const OUTCOMES_BEFORE_ANSWER: readonly Outcome[] = ['WITHDRAWN', 'SETTLED'];

/** The outcome's label for a kind of matter, if the kind has that outcome. */
export function outcomeLabel(outcome: string, kind: MatterKind): string | undefined {
  if (!Object.hasOwn(OUTCOMES, outcome)) return undefined;
  const labels: Partial<Record<MatterKind, string>> = OUTCOMES[outcome as Outcome].labels;
  return labels[kind];
}

/** Why the outcome cannot be recorded on a matter of this kind, or undefined. */
export function outcomeRefusal(outcome: string, kind: MatterKind): string | undefined {
  if (outcomeLabel(outcome, kind)) return undefined;
  const known = Object.keys(OUTCOMES).filter((code) => outcomeLabel(code, kind));
  const source =
    kind === 'LAWSUIT'
      ? citeZh(LEGAL_SOURCES.ADMIN_JUDGMENTS)
      : citeZh(LEGAL_SOURCES.ADMIN_RECONSIDERATION_DECISIONS);
  return `outcome of a ${MATTER_KINDS[kind].label} (${kind}) must be one of ${known.join(', ')} (${source}), not ${outcome}.`;
}

/** What may be recorded on a matter, and by whom: the legal office answers for the bureau. */
export const MATTER_ACTIONS = {
  REGISTER: { label: '登记行政复议/行政诉讼', roles: ['LEGAL_OFFICER', 'CASE_CENTER'] },
  ANSWER_SUBMITTED: { label: '提交书面答复（答辩状）及证据', roles: ['LEGAL_OFFICER'] },
  HEARING_RECORDED: { label: '记录开庭及出庭应诉', roles: ['LEGAL_OFFICER'] },
  DECIDED: { label: '记录复议决定（裁判结果）', roles: ['LEGAL_OFFICER'] },
  CARRIED_OUT: { label: '记录履行', roles: ['LEGAL_OFFICER'] },
} as const satisfies Record<string, { label: string; roles: readonly Role[] }>;
export type MatterAction = keyof typeof MATTER_ACTIONS;

/** Why `role` may not record `action`, or undefined. */
export function matterRoleRefusal(action: MatterAction, role: Role): string | undefined {
  const { label, roles } = MATTER_ACTIONS[action];
  const allowed: readonly Role[] = roles;
  return allowed.includes(role)
    ? undefined
    : `${label} (${action}) is recorded by ${allowed.map((r) => `${r} (${ROLES[r]})`).join(' or ')}, not ${role}.`;
}

/** A person named in a record: who appeared in court, and in which post. */
export interface NamedPerson {
  name: string;
  /** 职务, e.g. 分局局长, 副局长, 法制大队民警. */
  post: string;
}

/** 出庭应诉: one court session, and who appeared for the bureau. */
export interface Appearance {
  hearingAt: number;
  /** 行政机关负责人出庭: the responsible leader (正职, 副职 or 分管负责人) appeared in person. */
  leaderAppeared: boolean;
  /** The responsible leader: who appeared, or who should have. */
  leader: NamedPerson;
  /** 委托的工作人员: the officer who appeared in the leader's place. */
  officer?: NamedPerson;
  /** Why the leader could not appear. */
  reason?: string;
}

const named = (p: NamedPerson | undefined) => !!p && !!p.name.trim() && !!p.post.trim();

/** Why an appearance cannot be recorded as given (行政诉讼法 Art. 3 ¶3), or undefined. */
export function appearanceRefusal(
  kind: MatterKind,
  a: Omit<Appearance, 'hearingAt'>,
): string | undefined {
  const law = citeZh(LEGAL_SOURCES.COURT_APPEARANCE);
  if (kind !== 'LAWSUIT')
    return `A court session and who appeared (出庭应诉, ${law}) is recorded on a lawsuit (LAWSUIT), not on a ${MATTER_KINDS[kind].label} (${kind}).`;
  if (!named(a.leader))
    return `Name the bureau's responsible leader (行政机关负责人) with their post, whether or not they appeared (${law}): give leader.name and leader.post.`;
  if (a.leaderAppeared) return undefined;
  if (!named(a.officer))
    return `The responsible leader did not appear: an officer of the bureau (相应的工作人员) appears instead (${law}); give officer.name and officer.post.`;
  if (!a.reason?.trim())
    return `The responsible leader did not appear: say why they could not (${law}); give reason.`;
  return undefined;
}

/** 被诉（被申请复议）的行政行为: a case of this system, or a decision named by its document number. */
export interface ContestedDecision {
  caseId?: string;
  /** 文书编号, e.g. X公（治）行罚决字〔2026〕123号. */
  documentNumber?: string;
  /** What was decided (给予行政拘留五日 …). */
  summary: string;
}

/** Why a contested decision cannot be registered, or undefined. */
export function contestedDecisionRefusal(
  decision: ContestedDecision,
  caseKind?: string,
): string | undefined {
  if (!decision.caseId && !decision.documentNumber?.trim())
    return 'Name the decision challenged: give caseId (a case of this system) or documentNumber (文书编号).';
  if (decision.caseId && caseKind === 'CRIMINAL')
    return `Case ${decision.caseId} is a criminal case: acts under the Criminal Procedure Law are not administrative acts open to 行政复议 or 行政诉讼 (${citeZh(LEGAL_SOURCES.NOT_ADMINISTRATIVE_ACT)}).`;
  return undefined;
}

/** What a new matter carries; times are epoch milliseconds so workflows never call Date. */
export interface NewMatter {
  matterId: string;
  kind: MatterKind;
  /** The unit whose decision it is (its case's), or the registrant's: who sees the matter. */
  unitId: string;
  decision: ContestedDecision;
  /** 申请人 / 原告 */
  claimantName: string;
  /** The reconsideration organ (行政复议机关) or the court (人民法院). */
  forum: string;
  /** The forum's case number (案号), once known. */
  forumCaseNumber?: string;
  /** 收到申请书副本/起诉状副本之日: the answer's clock starts here. */
  copyReceivedAt: number;
  registeredAt: number;
  registeredBy: { id: string; role: string };
  /** Shortened deadlines for tests and drills; absent in production. */
  policyOverrides?: PolicyOverrides;
}

/** Why the copy's receipt cannot start the clock: it lies in the future. */
export function copyReceivedRefusal(kind: MatterKind, copyReceivedAt: number, now: number) {
  return copyReceivedAt > now
    ? `copyReceivedAt (${new Date(copyReceivedAt).toISOString()}) is in the future: record the day the ${MATTER_KINDS[kind].copy} reached the bureau.`
    : undefined;
}

/** Who reads the matters: the legal office that answers them, the case centre, the leaders. */
export const MATTER_READERS: readonly Role[] = [
  'LEGAL_OFFICER',
  'CASE_CENTER',
  'UNIT_LEADER',
  'BUREAU_LEADER',
];

/** A step recorded on a matter after its registration. */
export type MatterStep = Exclude<MatterAction, 'REGISTER'>;

/** The stages in which each step is recorded (the decider refuses it outside them). */
export const MATTER_STEP_STAGES: Record<MatterStep, readonly MatterStage[]> = {
  ANSWER_SUBMITTED: ['RESPONDING'],
  HEARING_RECORDED: ['RESPONDING', 'PENDING_DECISION'],
  DECIDED: ['RESPONDING', 'PENDING_DECISION'],
  CARRIED_OUT: ['AWAITING_PERFORMANCE'],
};

/** The steps a person holding `roles` may record on a matter now, in the table's order. */
export function openMatterSteps(
  matter: { stage: MatterStage; kind: MatterKind },
  roles: readonly string[],
): MatterStep[] {
  return (Object.keys(MATTER_STEP_STAGES) as MatterStep[]).filter(
    (step) =>
      MATTER_STEP_STAGES[step].includes(matter.stage) &&
      (MATTER_ACTIONS[step].roles as readonly Role[]).some((r) => roles.includes(r)) &&
      // Who appeared in court is recorded on a lawsuit (行政诉讼法 Art. 3 ¶3).
      (step !== 'HEARING_RECORDED' || matter.kind === 'LAWSUIT'),
  );
}
