// 案件流程: the stages of a case and the actions that move it, as data. Per action: the stages it
// is allowed in, the roles that may take it, the case kinds it applies to, the fields it requires,
// and where it leads. `checkAction` is the one rule every caller (workflow validators, the API)
// uses to accept or refuse an action, with a message that says which rule failed.
import { PENALTY_KINDS, type PenaltyKind } from './approvals';
import { PLEA_AGREEMENT_LAWYERS, type PleaAgreementLawyer } from './criminal-clocks';
import { assessFastTrack, type FastTrackFacts } from './fast-track';
import type { Labelled } from './labels';
import { LATEST_RULES, rulesInclude, type LawRules } from './law-corrections';
import { fastProcedureMisfits, type FastProcedureFacts } from './public-order';
import { ROLES, type Role } from './roles';

export const CASE_KINDS = { CRIMINAL: '刑事', ADMINISTRATIVE: '行政（治安）' } as const;
export type CaseKind = keyof typeof CASE_KINDS;

export const CASE_STAGES = {
  ACCEPTED: '受案',
  FILING_REVIEW: '立案审查',
  NOT_FILED: '不予立案',
  RECONSIDERATION_WINDOW: '复议申请期',
  RECONSIDERATION: '复议',
  REVIEW_WINDOW: '复核申请期',
  REVIEW: '复核',
  INVESTIGATION: '侦查/调查',
  LEGAL_REVIEW: '法制审核',
  PENALTY_DECISION: '处罚决定',
  PENALTY_SERVICE: '处罚决定书送达',
  FAST_TRACK_ASSESSMENT: '速裁评估',
  PROSECUTION_REVIEW: '审查起诉',
  SUPPLEMENTARY_INVESTIGATION: '补充侦查',
  NOT_PROSECUTED: '不起诉',
  NON_PROSECUTION_RECONSIDERATION: '不起诉复议',
  COURT_FAST_TRACK: '速裁审理',
  COURT_SIMPLIFIED: '简易程序审理',
  COURT_ORDINARY: '普通程序审理',
  CLOSED: '结案',
  ARCHIVED: '归档',
} as const;
export type CaseStage = keyof typeof CASE_STAGES;

export const caseStage = (code: CaseStage): Labelled<CaseStage> => ({
  code,
  label: CASE_STAGES[code],
});

/**
 * Where a case starts once accepted: a criminal case goes to filing review (立案审查); a
 * public-order case is investigated from acceptance, which counts as its filing.
 */
export const initialStage = (kind: CaseKind): CaseStage =>
  kind === 'CRIMINAL' ? 'FILING_REVIEW' : 'INVESTIGATION';

/** 补充侦查 at most twice (刑事诉讼法 Art. 175). */
export const MAX_SUPPLEMENTARY_INVESTIGATIONS = 2;

/** What the rules need to know about a case to judge an action. */
export interface CaseFacts {
  kind: CaseKind;
  stage: CaseStage;
  /** The route the procuratorate chose when it accepted the case (before 2026: the police's). */
  route?: 'FAST_TRACK' | 'ORDINARY';
  supplementaryReturns: number;
  /** Whether the prosecutor has accepted (受理) the case since it was last sent. */
  prosecutionAccepted?: boolean;
  /** Whether the court has accepted the case in its current procedure. */
  courtAccepted?: boolean;
  /** Whether the complainant's 7 days to apply for reconsideration (复议), or after it for review
   * (复核), have run out. */
  reconsiderationWindowEnded?: boolean;
  /** A public-order case: the procedure chosen (快速办理 or the normal one), once chosen. */
  procedure?: 'FAST' | 'NORMAL';
  /** A public-order case: when the person first arrived after a summons (到案). */
  arrivedAt?: number;
}

export type ActionField =
  | 'reason'
  | 'sentencingProposal'
  | 'judgment'
  | 'penalty'
  | 'procedure'
  | 'route'
  | 'suggestedRoute'
  | 'hasComplainant'
  | 'prosecutionOrg'
  | 'courtOrg'
  | 'pleaAgreementLawyer'
  | 'pleaAgreementLawyerName'
  | 'penaltyKind';

export interface ActionRule {
  code: string;
  name: string;
  label: string;
  from: CaseStage[];
  roles: Role[];
  kinds: CaseKind[];
  requires: ActionField[];
  /** Where the action leads, given the case and the action's fields. */
  to: (facts: CaseFacts, fields: ActionFields) => CaseStage;
  /** A further rule beyond stage, role, kind and fields; returns why it refuses. */
  refuses?: (facts: CaseFacts, fields: ActionFields) => string | undefined;
}

export interface ActionFields {
  reason?: string;
  sentencingProposal?: string;
  judgment?: string;
  penalty?: string;
  procedure?: 'SIMPLIFIED' | 'ORDINARY';
  /** PROSECUTION_ACCEPT: the route the procuratorate decides (速裁 or ordinary). */
  route?: 'FAST_TRACK' | 'ORDINARY';
  /** TRANSFER_FOR_PROSECUTION: the route the police suggest (公安刑规 Art. 289 ¶2). */
  suggestedRoute?: 'FAST_TRACK' | 'ORDINARY';
  /** With a FAST_TRACK route or suggestion: the facts the eligibility rules judge. */
  fastTrackFacts?: FastTrackFacts;
  /** DECLINE_FILING: whether there is a complainant (控告人), to whom the notice is owed. */
  hasComplainant?: boolean;
  /** TRANSFER_FOR_PROSECUTION: the procuratorate (检察院) the case is handed to. */
  prosecutionOrg?: string;
  /** INDICT: the court (法院) the case is brought before. */
  courtOrg?: string;
  /**
   * PROSECUTION_ACCEPT on the FAST_TRACK route: the 认罪认罚具结书 was signed with this lawyer
   * present (刑事诉讼法 Art. 174), a duty lawyer (值班律师) or defence counsel, and their name.
   */
  pleaAgreementLawyer?: PleaAgreementLawyer;
  pleaAgreementLawyerName?: string;
  /** The penalty decision: the kind of penalty and any fine, which decide who approves it. */
  penaltyKind?: PenaltyKind;
  fineYuan?: number;
  /** CHOOSE_FAST_PROCEDURE: the facts the fast procedure's conditions judge. */
  fastProcedureFacts?: FastProcedureFacts;
}

const BOTH: CaseKind[] = ['CRIMINAL', 'ADMINISTRATIVE'];

/** Why the fast-track route may not be suggested or chosen on these facts, or undefined. */
function fastTrackRefusal(fields: ActionFields, verb: 'suggest' | 'choose'): string | undefined {
  if (!fields.fastTrackFacts)
    return `To ${verb} the FAST_TRACK route, send fastTrackFacts, the facts the eligibility rules judge.`;
  const assessment = assessFastTrack(fields.fastTrackFacts);
  return assessment.eligible
    ? undefined
    : `Not eligible for the fast-track procedure: ${assessment.reasons.map((r) => `${r.reason} (${r.label})`).join('; ')}. ${verb === 'suggest' ? 'Suggest' : 'Choose'} the ORDINARY route.`;
}
const COURT: CaseStage[] = ['COURT_FAST_TRACK', 'COURT_SIMPLIFIED', 'COURT_ORDINARY'];

/**
 * Why the procuratorate may not decide the fast-track route without the suspect's 认罪认罚具结书,
 * signed with a duty lawyer or defence counsel present (刑事诉讼法 Art. 174), or undefined. The
 * law's exceptions (a blind, deaf or mute or partly mentally impaired suspect, a minor) are
 * excluded from the fast track anyway.
 */
function pleaAgreementRefusal(fields: ActionFields): string | undefined {
  const lawyers = Object.keys(PLEA_AGREEMENT_LAWYERS);
  if (!fields.pleaAgreementLawyer || !fields.pleaAgreementLawyerName?.trim())
    return `The FAST_TRACK route needs the suspect's 认罪认罚具结书, signed with a lawyer present (刑事诉讼法 Art. 174): send pleaAgreementLawyer (${lawyers.map((l) => `${l} ${PLEA_AGREEMENT_LAWYERS[l as PleaAgreementLawyer]}`).join(' or ')}) and pleaAgreementLawyerName.`;
  if (!lawyers.includes(fields.pleaAgreementLawyer))
    return `The field "pleaAgreementLawyer" must be one of ${lawyers.join(', ')}, not ${fields.pleaAgreementLawyer}.`;
  return undefined;
}

/** The complainant's window: 复议 after the notice, 复核 after a 复议 that upheld non-filing. */
const complainantWindow = (facts: CaseFacts) =>
  facts.stage === 'REVIEW_WINDOW' ? 'review (复核)' : 'reconsideration (复议)';

export const CASE_ACTIONS = {
  FILE: {
    code: 'FILE',
    name: 'file the case',
    label: '立案',
    from: ['FILING_REVIEW'],
    roles: ['HANDLER'],
    kinds: ['CRIMINAL'],
    requires: [],
    to: () => 'INVESTIGATION',
  },
  DECLINE_FILING: {
    code: 'DECLINE_FILING',
    name: 'decide not to file',
    label: '不予立案',
    from: ['FILING_REVIEW'],
    roles: ['HANDLER'],
    kinds: ['CRIMINAL'],
    requires: ['reason', 'hasComplainant'],
    // The notice, and the 复议 it opens, are owed to a complainant only (公安刑规 Art. 178 ¶2).
    to: (_, fields) => (fields.hasComplainant ? 'NOT_FILED' : 'CLOSED'),
  },
  SERVE_NON_FILING_NOTICE: {
    code: 'SERVE_NON_FILING_NOTICE',
    name: 'serve the notice of non-filing on the complainant',
    label: '送达不予立案通知书',
    from: ['NOT_FILED'],
    roles: ['HANDLER'],
    kinds: ['CRIMINAL'],
    requires: [],
    to: () => 'RECONSIDERATION_WINDOW',
  },
  APPLY_FOR_RECONSIDERATION: {
    code: 'APPLY_FOR_RECONSIDERATION',
    name: "record the complainant's application for reconsideration",
    label: '申请复议',
    from: ['RECONSIDERATION_WINDOW'],
    roles: ['PARTY', 'CASE_CENTER'],
    kinds: ['CRIMINAL'],
    requires: ['reason'],
    to: () => 'RECONSIDERATION',
    refuses: (facts) =>
      facts.reconsiderationWindowEnded
        ? 'The 7 days to apply for reconsideration (复议) have ended.'
        : undefined,
  },
  UPHOLD_NON_FILING: {
    code: 'UPHOLD_NON_FILING',
    name: 'uphold the decision not to file',
    label: '维持不予立案决定',
    from: ['RECONSIDERATION'],
    roles: ['LEGAL_OFFICER'],
    kinds: ['CRIMINAL'],
    requires: ['reason'],
    // The complainant may then apply to the next-higher bureau for 复核 (公安刑规 Art. 179 ¶2).
    to: () => 'REVIEW_WINDOW',
  },
  OVERTURN_NON_FILING: {
    code: 'OVERTURN_NON_FILING',
    name: 'overturn the decision and file the case',
    label: '撤销不予立案决定并立案',
    from: ['RECONSIDERATION'],
    roles: ['LEGAL_OFFICER'],
    kinds: ['CRIMINAL'],
    requires: ['reason'],
    to: () => 'INVESTIGATION',
  },
  APPLY_FOR_REVIEW: {
    code: 'APPLY_FOR_REVIEW',
    name: "record the next-higher bureau's receipt of the complainant's application for review",
    label: '上级公安机关收到复核申请',
    from: ['REVIEW_WINDOW'],
    roles: ['CASE_CENTER'],
    kinds: ['CRIMINAL'],
    requires: ['reason'],
    to: () => 'REVIEW',
    refuses: (facts) =>
      facts.reconsiderationWindowEnded
        ? 'The 7 days to apply for review (复核) have ended.'
        : undefined,
  },
  REVIEW_UPHOLDS_NON_FILING: {
    code: 'REVIEW_UPHOLDS_NON_FILING',
    name: "record the next-higher bureau's review upholding the decision not to file",
    label: '复核维持不予立案决定',
    from: ['REVIEW'],
    roles: ['CASE_CENTER'],
    kinds: ['CRIMINAL'],
    requires: ['reason'],
    to: () => 'CLOSED',
  },
  REVIEW_ORDERS_FILING: {
    code: 'REVIEW_ORDERS_FILING',
    name: "record the next-higher bureau's review ordering the case filed, which files it",
    label: '复核责令立案',
    from: ['REVIEW'],
    roles: ['CASE_CENTER'],
    kinds: ['CRIMINAL'],
    requires: ['reason'],
    to: () => 'INVESTIGATION',
  },
  CLOSE_NOT_FILED: {
    code: 'CLOSE_NOT_FILED',
    name: 'close once the complainant did not apply for reconsideration or review in time',
    label: '不予立案结案',
    from: ['RECONSIDERATION_WINDOW', 'REVIEW_WINDOW'],
    roles: ['HANDLER', 'CASE_CENTER'],
    kinds: ['CRIMINAL'],
    requires: [],
    to: () => 'CLOSED',
    refuses: (facts) =>
      facts.reconsiderationWindowEnded
        ? undefined
        : `The complainant may still apply for ${complainantWindow(facts)}: close the case once the 7 days have ended.`,
  },
  SUBMIT_FOR_LEGAL_REVIEW: {
    code: 'SUBMIT_FOR_LEGAL_REVIEW',
    name: 'submit for legal review',
    label: '提交法制审核',
    from: ['INVESTIGATION'],
    roles: ['HANDLER'],
    kinds: BOTH,
    requires: [],
    to: () => 'LEGAL_REVIEW',
  },
  RETURN_FOR_CORRECTION: {
    code: 'RETURN_FOR_CORRECTION',
    name: 'return to investigation for correction',
    label: '退回补正',
    from: ['LEGAL_REVIEW'],
    roles: ['LEGAL_OFFICER'],
    kinds: BOTH,
    requires: ['reason'],
    to: () => 'INVESTIGATION',
  },
  APPROVE_LEGAL_REVIEW: {
    code: 'APPROVE_LEGAL_REVIEW',
    name: 'pass the legal review',
    label: '审核通过',
    from: ['LEGAL_REVIEW'],
    roles: ['LEGAL_OFFICER'],
    kinds: BOTH,
    requires: [],
    to: (facts) => (facts.kind === 'ADMINISTRATIVE' ? 'PENALTY_DECISION' : 'FAST_TRACK_ASSESSMENT'),
  },
  CHOOSE_FAST_PROCEDURE: {
    code: 'CHOOSE_FAST_PROCEDURE',
    name: 'handle the case by the fast procedure (decision within 48 hours of arrival)',
    label: '快速办理',
    from: ['INVESTIGATION'],
    roles: ['HANDLER'],
    kinds: ['ADMINISTRATIVE'],
    requires: [],
    to: (facts) => facts.stage,
    refuses: (facts, fields) => {
      if (facts.procedure === 'FAST') return 'The case is already handled by the fast procedure.';
      if (facts.procedure === 'NORMAL')
        return 'The case was converted to the normal procedure; it does not return to the fast one.';
      if (facts.arrivedAt === undefined)
        return 'The fast procedure runs 48 hours from the person’s arrival: record it first (MEASURE SUMMONED with arrivedAt).';
      if (!fields.fastProcedureFacts)
        return 'Send fastProcedureFacts, the facts the fast procedure’s conditions judge.';
      const misfits = fastProcedureMisfits(fields.fastProcedureFacts);
      return misfits.length
        ? `The fast procedure (快速办理) does not fit: ${misfits.join('; ')}. Handle the case by the normal procedure.`
        : undefined;
    },
  },
  CONVERT_TO_NORMAL_PROCEDURE: {
    code: 'CONVERT_TO_NORMAL_PROCEDURE',
    name: 'convert a fast-procedure case to the normal procedure',
    label: '快速办理转为一般程序',
    from: ['INVESTIGATION', 'LEGAL_REVIEW', 'PENALTY_DECISION'],
    roles: ['HANDLER'],
    kinds: ['ADMINISTRATIVE'],
    requires: ['reason'],
    to: (facts) => facts.stage,
    refuses: (facts) =>
      facts.procedure === 'FAST'
        ? undefined
        : 'Only a case handled by the fast procedure (CHOOSE_FAST_PROCEDURE) is converted.',
  },
  CLOSE_BY_MEDIATION: {
    code: 'CLOSE_BY_MEDIATION',
    name: 'close the case by mediation (the parties reached and carried out an agreement)',
    label: '治安调解结案',
    from: ['INVESTIGATION'],
    roles: ['HANDLER'],
    kinds: ['ADMINISTRATIVE'],
    requires: ['reason'],
    to: () => 'CLOSED',
  },
  DECIDE_PENALTY: {
    code: 'DECIDE_PENALTY',
    name: 'decide the penalty (approved at the level the penalty needs)',
    label: '作出处罚决定',
    from: ['PENALTY_DECISION'],
    roles: ['HANDLER'],
    kinds: ['ADMINISTRATIVE'],
    requires: ['penalty', 'penaltyKind'],
    to: () => 'PENALTY_SERVICE',
  },
  SERVE_PENALTY_DECISION: {
    code: 'SERVE_PENALTY_DECISION',
    name: 'serve the penalty decision on the person (on the spot or within 2 days)',
    label: '送达处罚决定书',
    from: ['PENALTY_SERVICE'],
    roles: ['HANDLER'],
    kinds: ['ADMINISTRATIVE'],
    requires: [],
    to: () => 'CLOSED',
  },
  TRANSFER_FOR_PROSECUTION: {
    code: 'TRANSFER_FOR_PROSECUTION',
    name: 'transfer to the procuratorate for prosecution review, suggesting a route',
    label: '移送审查起诉',
    from: ['FAST_TRACK_ASSESSMENT'],
    roles: ['HANDLER'],
    kinds: ['CRIMINAL'],
    requires: ['suggestedRoute', 'prosecutionOrg'],
    to: () => 'PROSECUTION_REVIEW',
    refuses: (_, fields) =>
      fields.route
        ? 'The route is decided by the procuratorate when it accepts the case (PROSECUTION_ACCEPT); the police only suggest it (公安刑规 Art. 289 ¶2): send suggestedRoute, not route.'
        : fields.suggestedRoute === 'FAST_TRACK'
          ? fastTrackRefusal(fields, 'suggest')
          : undefined,
  },
  PROSECUTION_ACCEPT: {
    code: 'PROSECUTION_ACCEPT',
    name: 'accept the case for prosecution review, deciding its route',
    label: '检察院受理',
    from: ['PROSECUTION_REVIEW'],
    roles: ['PROSECUTOR'],
    kinds: ['CRIMINAL'],
    requires: ['route'],
    to: (facts) => facts.stage,
    refuses: (facts, fields) =>
      facts.prosecutionAccepted
        ? 'The prosecutor has already accepted this case.'
        : fields.route === 'FAST_TRACK'
          ? (fastTrackRefusal(fields, 'choose') ?? pleaAgreementRefusal(fields))
          : undefined,
  },
  RETURN_FOR_SUPPLEMENTARY_INVESTIGATION: {
    code: 'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION',
    name: 'return for supplementary investigation',
    label: '退回补充侦查',
    from: ['PROSECUTION_REVIEW'],
    roles: ['PROSECUTOR'],
    kinds: ['CRIMINAL'],
    requires: ['reason'],
    to: () => 'SUPPLEMENTARY_INVESTIGATION',
    refuses: (facts) =>
      !facts.prosecutionAccepted
        ? 'The prosecutor must accept the case (PROSECUTION_ACCEPT) first.'
        : facts.supplementaryReturns >= MAX_SUPPLEMENTARY_INVESTIGATIONS
          ? `A case may be returned for supplementary investigation at most ${MAX_SUPPLEMENTARY_INVESTIGATIONS} times; it already was ${facts.supplementaryReturns} times. Indict or decline instead.`
          : undefined,
  },
  RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION: {
    code: 'RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION',
    name: 'send the case back to the prosecutor after supplementary investigation',
    label: '补充侦查完毕重新移送',
    from: ['SUPPLEMENTARY_INVESTIGATION'],
    roles: ['HANDLER'],
    kinds: ['CRIMINAL'],
    requires: [],
    to: () => 'PROSECUTION_REVIEW',
  },
  INDICT: {
    code: 'INDICT',
    name: 'indict with a sentencing proposal',
    label: '提起公诉',
    from: ['PROSECUTION_REVIEW'],
    roles: ['PROSECUTOR'],
    kinds: ['CRIMINAL'],
    requires: ['sentencingProposal', 'courtOrg'],
    to: (facts) => (facts.route === 'FAST_TRACK' ? 'COURT_FAST_TRACK' : 'COURT_ORDINARY'),
    refuses: (facts) =>
      facts.prosecutionAccepted
        ? undefined
        : 'The prosecutor must accept the case (PROSECUTION_ACCEPT) first.',
  },
  DECLINE_PROSECUTION: {
    code: 'DECLINE_PROSECUTION',
    name: 'decline to prosecute',
    label: '不起诉',
    from: ['PROSECUTION_REVIEW'],
    roles: ['PROSECUTOR'],
    kinds: ['CRIMINAL'],
    requires: ['reason'],
    // The police may ask for 复议 within 7 days (刑事诉讼法 Art. 179).
    to: () => 'NOT_PROSECUTED',
    refuses: (facts) =>
      facts.prosecutionAccepted
        ? undefined
        : 'The prosecutor must accept the case (PROSECUTION_ACCEPT) first.',
  },
  REQUEST_NON_PROSECUTION_RECONSIDERATION: {
    code: 'REQUEST_NON_PROSECUTION_RECONSIDERATION',
    name: 'ask the procuratorate to reconsider its decision not to prosecute',
    label: '要求复议不起诉决定',
    from: ['NOT_PROSECUTED'],
    roles: ['HANDLER'],
    kinds: ['CRIMINAL'],
    requires: ['reason'],
    to: () => 'NON_PROSECUTION_RECONSIDERATION',
  },
  ACCEPT_NON_PROSECUTION: {
    code: 'ACCEPT_NON_PROSECUTION',
    name: 'accept the decision not to prosecute, and close',
    label: '不要求复议不起诉决定',
    from: ['NOT_PROSECUTED'],
    roles: ['HANDLER'],
    kinds: ['CRIMINAL'],
    requires: [],
    to: () => 'CLOSED',
  },
  UPHOLD_NON_PROSECUTION: {
    code: 'UPHOLD_NON_PROSECUTION',
    name: 'uphold the decision not to prosecute on reconsideration',
    label: '复议维持不起诉决定',
    from: ['NON_PROSECUTION_RECONSIDERATION'],
    roles: ['PROSECUTOR'],
    kinds: ['CRIMINAL'],
    requires: ['reason'],
    to: () => 'CLOSED',
  },
  REVOKE_NON_PROSECUTION: {
    code: 'REVOKE_NON_PROSECUTION',
    name: 'revoke the decision not to prosecute on reconsideration, and review the case again',
    label: '复议撤销不起诉决定',
    from: ['NON_PROSECUTION_RECONSIDERATION'],
    roles: ['PROSECUTOR'],
    kinds: ['CRIMINAL'],
    requires: ['reason'],
    to: () => 'PROSECUTION_REVIEW',
  },
  COURT_ACCEPT: {
    code: 'COURT_ACCEPT',
    name: 'accept the case in court',
    label: '法院受理',
    from: COURT,
    roles: ['JUDGE'],
    kinds: ['CRIMINAL'],
    requires: [],
    to: (facts) => facts.stage,
    refuses: (facts) =>
      facts.courtAccepted
        ? 'The court has already accepted this case in its current procedure.'
        : undefined,
  },
  CONVERT_PROCEDURE: {
    code: 'CONVERT_PROCEDURE',
    name: 'convert to simplified or ordinary procedure',
    label: '转换程序',
    from: ['COURT_FAST_TRACK'],
    roles: ['JUDGE'],
    kinds: ['CRIMINAL'],
    requires: ['procedure', 'reason'],
    to: (_, fields) => (fields.procedure === 'SIMPLIFIED' ? 'COURT_SIMPLIFIED' : 'COURT_ORDINARY'),
    refuses: (facts) =>
      facts.courtAccepted
        ? undefined
        : 'The court must accept the case (COURT_ACCEPT) before converting its procedure.',
  },
  PRONOUNCE_JUDGMENT: {
    code: 'PRONOUNCE_JUDGMENT',
    name: 'pronounce the judgment',
    label: '宣判',
    from: COURT,
    roles: ['JUDGE'],
    kinds: ['CRIMINAL'],
    requires: ['judgment'],
    to: () => 'CLOSED',
    refuses: (facts) =>
      facts.courtAccepted
        ? undefined
        : 'The court must accept the case (COURT_ACCEPT) before pronouncing a judgment.',
  },
  ARCHIVE: {
    code: 'ARCHIVE',
    name: 'archive the file in the case centre',
    label: '归档',
    from: ['CLOSED'],
    roles: ['CASE_CENTER'],
    kinds: BOTH,
    requires: [],
    to: () => 'ARCHIVED',
  },
} as const satisfies Record<string, ActionRule>;

export type CaseActionCode = keyof typeof CASE_ACTIONS;

/**
 * The actions as they were before the corrections of 2026, for cases decided under them: the
 * notice of non-filing owed whether or not there was a complainant, and the police choosing the
 * route when they sent the case.
 */
const ACTIONS_BEFORE_CORRECTIONS: Partial<Record<CaseActionCode, ActionRule>> = {
  DECLINE_FILING: { ...CASE_ACTIONS.DECLINE_FILING, requires: ['reason'], to: () => 'NOT_FILED' },
  TRANSFER_FOR_PROSECUTION: {
    ...CASE_ACTIONS.TRANSFER_FOR_PROSECUTION,
    name: 'transfer to the procuratorate for prosecution review',
    requires: ['route', 'prosecutionOrg'],
    refuses: (_, fields) =>
      fields.route === 'FAST_TRACK' ? fastTrackRefusal(fields, 'choose') : undefined,
  },
  PROSECUTION_ACCEPT: {
    ...CASE_ACTIONS.PROSECUTION_ACCEPT,
    name: 'accept the case for prosecution review',
    requires: [],
    refuses: (facts) =>
      facts.prosecutionAccepted ? 'The prosecutor has already accepted this case.' : undefined,
  },
};

/**
 * The actions as they were before the criminal side's clocks, for cases decided under earlier
 * rules: a 复议 upholding non-filing and a non-prosecution closed the case, and the fast-track
 * route was decided without the 认罪认罚具结书.
 */
const ACTIONS_BEFORE_CRIMINAL_CLOCKS: Partial<Record<CaseActionCode, ActionRule>> = {
  UPHOLD_NON_FILING: { ...CASE_ACTIONS.UPHOLD_NON_FILING, to: () => 'CLOSED' },
  DECLINE_PROSECUTION: { ...CASE_ACTIONS.DECLINE_PROSECUTION, to: () => 'CLOSED' },
  PROSECUTION_ACCEPT: {
    ...CASE_ACTIONS.PROSECUTION_ACCEPT,
    refuses: (facts, fields) =>
      facts.prosecutionAccepted
        ? 'The prosecutor has already accepted this case.'
        : fields.route === 'FAST_TRACK'
          ? fastTrackRefusal(fields, 'choose')
          : undefined,
  },
};

/** An action of the public-order procedure, refused on a case opened before it. */
const publicOrderOnly = (rule: ActionRule): ActionRule => ({
  ...rule,
  requires: [],
  refuses: () =>
    `${rule.code} (${rule.label}) belongs to the public-order procedure of 2026; this case was opened before it${rule.code === 'DECIDE_PENALTY' ? ': decide and serve the penalty with SERVE_PENALTY_DECISION' : ''}.`,
});

/**
 * The actions as they were before the public-order procedure, for cases decided under earlier
 * rules: the penalty decided and served in one action, and none of the procedure's own.
 */
const ACTIONS_BEFORE_PUBLIC_ORDER: Partial<Record<CaseActionCode, ActionRule>> = {
  SERVE_PENALTY_DECISION: {
    ...CASE_ACTIONS.SERVE_PENALTY_DECISION,
    name: 'decide the penalty and serve the decision',
    label: '作出并送达处罚决定',
    from: ['PENALTY_DECISION'],
    requires: ['penalty'],
  },
  CHOOSE_FAST_PROCEDURE: publicOrderOnly(CASE_ACTIONS.CHOOSE_FAST_PROCEDURE),
  CONVERT_TO_NORMAL_PROCEDURE: publicOrderOnly(CASE_ACTIONS.CONVERT_TO_NORMAL_PROCEDURE),
  CLOSE_BY_MEDIATION: publicOrderOnly(CASE_ACTIONS.CLOSE_BY_MEDIATION),
  DECIDE_PENALTY: publicOrderOnly(CASE_ACTIONS.DECIDE_PENALTY),
};

/** An action's rule under the rules a case is decided by. */
export const actionRule = (code: CaseActionCode, rules: LawRules = LATEST_RULES): ActionRule =>
  (rules === 'BEFORE_CORRECTIONS' ? ACTIONS_BEFORE_CORRECTIONS[code] : undefined) ??
  (!rulesInclude(rules, 'CRIMINAL_CLOCKS') ? ACTIONS_BEFORE_CRIMINAL_CLOCKS[code] : undefined) ??
  (!rulesInclude(rules, 'PUBLIC_ORDER') ? ACTIONS_BEFORE_PUBLIC_ORDER[code] : undefined) ??
  CASE_ACTIONS[code];

export const isCaseAction = (value: string): value is CaseActionCode =>
  Object.hasOwn(CASE_ACTIONS, value);

const FIELD_VALUES: Partial<Record<ActionField, readonly string[]>> = {
  procedure: ['SIMPLIFIED', 'ORDINARY'],
  route: ['FAST_TRACK', 'ORDINARY'],
  suggestedRoute: ['FAST_TRACK', 'ORDINARY'],
  pleaAgreementLawyer: Object.keys(PLEA_AGREEMENT_LAWYERS),
  penaltyKind: Object.keys(PENALTY_KINDS),
};

/** Required fields that are a yes or no, not a text. */
const YES_NO_FIELDS: readonly ActionField[] = ['hasComplainant'];

export type ActionCheck = { ok: true; to: CaseStage } | { ok: false; reason: string };

/** Whether `role` may take `action` on a case with these facts, and where it leads. */
export function checkAction(
  facts: CaseFacts,
  action: string,
  role: Role,
  fields: ActionFields,
  /** Required fields not to insist on: cases that took the action before a field was required. */
  waive: readonly ActionField[] = [],
  rules: LawRules = LATEST_RULES,
): ActionCheck {
  if (!isCaseAction(action)) {
    return {
      ok: false,
      reason: `Unknown action ${action}. Known actions: ${Object.keys(CASE_ACTIONS).join(', ')}.`,
    };
  }
  const rule = actionRule(action, rules);
  if (!rule.kinds.includes(facts.kind)) {
    return {
      ok: false,
      reason: `${action} (${rule.label}) does not apply to ${facts.kind} (${CASE_KINDS[facts.kind]}) cases.`,
    };
  }
  if (!rule.from.includes(facts.stage)) {
    return {
      ok: false,
      reason: `${action} (${rule.label}) is not allowed in stage ${facts.stage} (${CASE_STAGES[facts.stage]}); it is allowed in ${rule.from.join(', ')}.`,
    };
  }
  if (!rule.roles.includes(role)) {
    return {
      ok: false,
      reason: `${action} (${rule.label}) is taken by ${rule.roles.map((r) => `${r} (${ROLES[r]})`).join(' or ')}, not ${role}.`,
    };
  }
  for (const field of rule.requires.filter((f) => !waive.includes(f))) {
    const value = fields[field];
    if (YES_NO_FIELDS.includes(field)) {
      if (typeof value !== 'boolean')
        return {
          ok: false,
          reason: `${action} (${rule.label}) requires the field "${field}": true or false.`,
        };
      continue;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      return { ok: false, reason: `${action} (${rule.label}) requires the field "${field}".` };
    }
    const allowed = FIELD_VALUES[field];
    if (allowed && !allowed.includes(value)) {
      return {
        ok: false,
        reason: `The field "${field}" must be one of ${allowed.join(', ')}, not ${value}.`,
      };
    }
  }
  const refusal = rule.refuses?.(facts, fields);
  if (refusal) return { ok: false, reason: refusal };
  return { ok: true, to: rule.to(facts, fields) };
}

/** The actions a role may take in a case's current stage (for task lists and the API). */
export function availableActions(
  facts: CaseFacts,
  role: Role,
  rules: LawRules = LATEST_RULES,
): CaseActionCode[] {
  return (Object.keys(CASE_ACTIONS) as CaseActionCode[]).filter((code) => {
    const rule = actionRule(code, rules);
    return (
      rule.kinds.includes(facts.kind) &&
      rule.from.includes(facts.stage) &&
      rule.roles.includes(role) &&
      // A refusal by the case's facts (not yet accepted, returned twice …); what the request's
      // fields decide (the fast-track eligibility) is judged when the action is taken.
      rule.refuses?.(facts, {}) === undefined
    );
  });
}

/** What a client needs to offer an action: its label and the fields it requires (the forms). */
export const caseActionCatalogue = () =>
  Object.values(CASE_ACTIONS as Record<CaseActionCode, ActionRule>).map((rule) => ({
    code: rule.code,
    label: rule.label,
    name: rule.name,
    roles: rule.roles,
    requires: rule.requires,
  }));
