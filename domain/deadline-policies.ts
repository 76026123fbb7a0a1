// 期限: every deadline the system enforces, as one table of data. A workflow never holds a literal
// duration: it looks its deadlines up here (tests pass overrides that shorten them to seconds).
import { LEGAL_SOURCES, type LegalSource } from './legal-sources';
import type { Role } from './roles';

export type PeriodUnit = 'SECONDS' | 'MINUTES' | 'HOURS' | 'DAYS' | 'MONTHS' | 'END_OF_DAY';

export interface Period {
  length: number;
  unit: PeriodUnit;
  /** Days only: natural days (自然日) or working days (工作日, where the law says so). */
  calendar?: 'NATURAL' | 'WORKING';
}

export interface ExtensionStep {
  /** The most one grant may add; a leader may approve less. */
  upTo: Period;
  approverRole: Role;
}

export interface DeadlinePolicy {
  code: string;
  name: string;
  label: string;
  /** The event that starts the clock. */
  trigger: { code: string; name: string; label: string };
  period: Period;
  /** Longer periods the law sets for named circumstances, chosen when the clock starts. */
  variants?: Record<string, { period: Period; name: string; label: string }>;
  /** A person in custody: the period ends on its calendar date, never rolled past a holiday. */
  custody: boolean;
  /**
   * Hours counted from the exact instant of the trigger (a person's arrival, 到案), not from the
   * next full hour as the general counting rule has it.
   */
  fromExactInstant?: boolean;
  /** Events whose duration does not count (鉴定, 听证). */
  pausesOn: string[];
  /** Events that start the clock anew. */
  restartsOn: string[];
  /** The n-th extension uses the n-th step; no steps: no extension allowed. */
  extensions: ExtensionStep[];
  /** Who must act before the deadline. */
  owner: Role;
  /**
   * Escalation ladder: the first level at the deadline (the step goes overdue, 超期), the second
   * after the grace. The police's leaders for police steps; the procuratorate's and the court's
   * steps go to their own agency's role, which has no higher level here, so they have no second.
   */
  escalatesTo: readonly [Role, Role] | readonly [Role];
  /** How long after the deadline the second level is told. */
  grace: Period;
  source: LegalSource;
  /** How the period is counted, where not by the Criminal Procedure Law (Art. 105). */
  counting?: LegalSource;
  /** Set by drill overrides (DRILL_DEADLINES), shortened or not: the explanation says so. */
  drill?: 'SHORTENED' | 'LEGAL_LENGTH';
}

const days = (length: number, calendar: 'NATURAL' | 'WORKING' = 'NATURAL'): Period => ({
  length,
  unit: 'DAYS',
  calendar,
});
const months = (length: number): Period => ({ length, unit: 'MONTHS' });
const hours = (length: number): Period => ({ length, unit: 'HOURS' });
const minutes = (length: number): Period => ({ length, unit: 'MINUTES' });

const CASE_LADDER = ['UNIT_LEADER', 'BUREAU_LEADER'] as const;
const ALARM_LADDER = ['DUTY_LEADER', 'BUREAU_LEADER'] as const;
// Police leaders are not escalated to about another agency's steps (DOMAIN.md, corrections).
const PROCURATORATE_LADDER = ['PROSECUTOR'] as const;
const COURT_LADDER = ['JUDGE'] as const;

const policy = (
  p: Omit<DeadlinePolicy, 'pausesOn' | 'restartsOn' | 'extensions' | 'custody'> &
    Partial<DeadlinePolicy>,
) =>
  ({ pausesOn: [], restartsOn: [], extensions: [], custody: false, ...p }) satisfies DeadlinePolicy;

const alarmArrival = (tier: 1 | 2 | 3, length: number) =>
  policy({
    code: `ALARM_ARRIVAL_TIER_${tier}`,
    name: `arrival at the scene, response tier ${tier}`,
    label: `${tier}级响应到场`,
    trigger: { code: 'ALARM_RECEIVED', name: 'alarm received', label: '接警' },
    period: minutes(length),
    owner: 'HANDLER',
    escalatesTo: ALARM_LADDER,
    grace: minutes(length),
    source: LEGAL_SOURCES.BUREAU_RULE,
  });

export const DEADLINE_POLICIES = {
  ALARM_ARRIVAL_TIER_1: alarmArrival(1, 5),
  ALARM_ARRIVAL_TIER_2: alarmArrival(2, 15),
  ALARM_ARRIVAL_TIER_3: alarmArrival(3, 30),
  ALARM_DISPOSAL: policy({
    code: 'ALARM_DISPOSAL',
    name: 'alarm disposed of the same day (日清日结)',
    label: '警情日清日结',
    trigger: { code: 'ALARM_RECEIVED', name: 'alarm received', label: '接警' },
    period: { length: 0, unit: 'END_OF_DAY' },
    owner: 'HANDLER',
    escalatesTo: ALARM_LADDER,
    grace: hours(8),
    source: LEGAL_SOURCES.BUREAU_RULE,
  }),
  TRANSFER_TO_AGENCY: policy({
    code: 'TRANSFER_TO_AGENCY',
    name: 'transfer to the competent agency',
    label: '移送主管机关',
    trigger: { code: 'TRANSFER_DECIDED', name: 'transfer decided', label: '决定移送' },
    period: hours(24),
    owner: 'HANDLER',
    escalatesTo: ALARM_LADDER, // an alarm's step: the duty leader follows it
    grace: hours(24),
    source: LEGAL_SOURCES.TRANSFER,
  }),
  REGISTER_REPORT: policy({
    code: 'REGISTER_REPORT',
    name: 'register an emergency report after scene handling',
    label: '紧急情况现场处置后受案登记',
    trigger: { code: 'SCENE_HANDLED', name: 'scene handled', label: '现场处置完毕' },
    period: hours(24),
    owner: 'HANDLER',
    escalatesTo: ALARM_LADDER, // an alarm's step: the duty leader follows it
    grace: hours(24),
    source: LEGAL_SOURCES.REGISTER_REPORT,
  }),
  FILING_REVIEW: policy({
    code: 'FILING_REVIEW',
    name: 'criminal filing review',
    label: '刑事立案审查',
    trigger: { code: 'CASE_ACCEPTED', name: 'case accepted', label: '受案' },
    period: days(3),
    // 3 days; to 7 when the lead must be checked; to 30 for major or complex cases.
    extensions: [
      { upTo: days(4), approverRole: 'UNIT_LEADER' },
      { upTo: days(23), approverRole: 'BUREAU_LEADER' },
    ],
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.FILING_REVIEW,
  }),
  NON_FILING_NOTICE: policy({
    code: 'NON_FILING_NOTICE',
    name: 'notice of non-filing to the complainant',
    label: '不予立案通知',
    trigger: { code: 'NOT_FILED', name: 'decided not to file', label: '决定不予立案' },
    period: days(3),
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.NON_FILING_NOTICE,
  }),
  RECONSIDERATION_APPLICATION: policy({
    code: 'RECONSIDERATION_APPLICATION',
    name: "complainant's application for reconsideration (复议)",
    label: '申请复议期限',
    trigger: {
      code: 'NON_FILING_NOTICE_SERVED',
      name: 'non-filing notice served',
      label: '不予立案通知送达',
    },
    period: days(7),
    owner: 'PARTY',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.RECONSIDERATION,
  }),
  RECONSIDERATION_DECISION: policy({
    code: 'RECONSIDERATION_DECISION',
    name: 'decision on reconsideration',
    label: '复议决定',
    trigger: {
      code: 'RECONSIDERATION_APPLIED',
      name: 'reconsideration applied for',
      label: '申请复议',
    },
    period: days(30),
    extensions: [{ upTo: days(30), approverRole: 'BUREAU_LEADER' }],
    owner: 'LEGAL_OFFICER',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.RECONSIDERATION,
  }),
  REVIEW_APPLICATION: policy({
    code: 'REVIEW_APPLICATION',
    name: "complainant's application for review (复核) by the next-higher bureau",
    label: '申请复核期限',
    trigger: {
      code: 'NON_FILING_UPHELD',
      name: 'reconsideration upheld the non-filing',
      label: '复议维持不予立案',
    },
    period: days(7),
    owner: 'PARTY',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.RECONSIDERATION,
  }),
  // The next-higher bureau decides, outside this system: the case centre records its receipt,
  // any extension it grants (major or complex cases, Art. 179 ¶3) and its decision; the bureau's
  // leaders follow it up.
  REVIEW_DECISION: policy({
    code: 'REVIEW_DECISION',
    name: 'decision on review (复核) by the next-higher bureau',
    label: '上级公安机关复核决定',
    trigger: {
      code: 'REVIEW_RECEIVED',
      name: 'application for review received by the next-higher bureau',
      label: '上级公安机关收到复核申请',
    },
    period: days(30),
    extensions: [{ upTo: days(30), approverRole: 'CASE_CENTER' }],
    owner: 'CASE_CENTER',
    escalatesTo: ['BUREAU_LEADER'],
    grace: days(1),
    source: LEGAL_SOURCES.RECONSIDERATION,
  }),
  ADMIN_CASE: policy({
    code: 'ADMIN_CASE',
    name: 'public-order case handled',
    label: '治安案件办理期限',
    trigger: { code: 'CASE_FILED', name: 'case filed', label: '立案' },
    period: days(30),
    pausesOn: ['APPRAISAL', 'HEARING'],
    extensions: [
      { upTo: days(30), approverRole: 'BUREAU_LEADER' },
      { upTo: days(30), approverRole: 'BUREAU_LEADER' },
    ],
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.ADMIN_CASE,
  }),
  ADMIN_QUESTIONING: policy({
    code: 'ADMIN_QUESTIONING',
    name: 'questioning after a summons',
    label: '传唤后询问查证',
    trigger: { code: 'SUMMONED', name: 'person summoned arrived', label: '传唤到案' },
    period: hours(8),
    fromExactInstant: true,
    variants: {
      COMPLEX: { period: hours(12), name: 'complex case', label: '案情复杂' },
      DETENTION_POSSIBLE: {
        period: hours(24),
        name: 'administrative detention possible',
        label: '可能适用行政拘留',
      },
    },
    custody: true,
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: hours(1),
    source: LEGAL_SOURCES.ADMIN_QUESTIONING,
  }),
  FAST_ADMIN_DECISION: policy({
    code: 'FAST_ADMIN_DECISION',
    name: 'decision in a fast administrative case',
    label: '快速办理行政案件决定',
    trigger: { code: 'PERSON_ARRIVED', name: 'person arrived', label: '到案' },
    period: hours(48),
    fromExactInstant: true,
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: hours(8),
    source: LEGAL_SOURCES.FAST_ADMIN_CASE,
  }),
  PENALTY_SERVICE: policy({
    code: 'PENALTY_SERVICE',
    name: 'serve the penalty decision',
    label: '处罚决定书送达',
    trigger: { code: 'PENALTY_DECIDED', name: 'penalty decided', label: '作出处罚决定' },
    period: days(2),
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.PENALTY_SERVICE,
  }),
  ARREST_REQUEST: policy({
    code: 'ARREST_REQUEST',
    name: 'request for arrest approval after detention',
    label: '提请批准逮捕',
    trigger: { code: 'DETAINED', name: 'suspect detained', label: '刑事拘留' },
    period: days(3),
    custody: true,
    // 1 to 4 days in special circumstances; to 30 days in all for 流窜/多次/结伙 (every step
    // together, domain/approvals.ts): proposed by the handler, approved by the bureau's leader.
    extensions: [
      { upTo: days(4), approverRole: 'BUREAU_LEADER' },
      { upTo: days(23), approverRole: 'BUREAU_LEADER' },
    ],
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: hours(12),
    source: LEGAL_SOURCES.ARREST_REQUEST,
  }),
  ARREST_DECISION: policy({
    code: 'ARREST_DECISION',
    name: "prosecutor's decision on arrest",
    label: '审查批准逮捕',
    trigger: { code: 'ARREST_REQUESTED', name: 'arrest approval requested', label: '提请批准逮捕' },
    period: days(7),
    custody: true,
    owner: 'PROSECUTOR',
    escalatesTo: PROCURATORATE_LADDER,
    grace: hours(12),
    source: LEGAL_SOURCES.ARREST_REQUEST,
  }),
  // 刑事诉讼法 Art. 85–86: within 24 hours of detention, each duty completed by its own record.
  DETENTION_HOUSE_DELIVERY: policy({
    code: 'DETENTION_HOUSE_DELIVERY',
    name: 'deliver the detained person to the detention house',
    label: '拘留后送看守所羁押',
    trigger: { code: 'DETAINED', name: 'suspect detained', label: '刑事拘留' },
    period: hours(24),
    custody: true,
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: hours(4),
    source: LEGAL_SOURCES.DETENTION,
  }),
  FAMILY_NOTIFICATION: policy({
    code: 'FAMILY_NOTIFICATION',
    name: "notify the detained person's family (or record the statutory ground not to)",
    label: '拘留后通知家属',
    trigger: { code: 'DETAINED', name: 'suspect detained', label: '刑事拘留' },
    period: hours(24),
    custody: true,
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: hours(4),
    source: LEGAL_SOURCES.DETENTION,
  }),
  FIRST_INTERROGATION: policy({
    code: 'FIRST_INTERROGATION',
    name: 'first interrogation after detention',
    label: '拘留后首次讯问',
    trigger: { code: 'DETAINED', name: 'suspect detained', label: '刑事拘留' },
    period: hours(24),
    custody: true,
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: hours(4),
    source: LEGAL_SOURCES.FIRST_INTERROGATION,
  }),
  ARREST_DENIAL_RECONSIDERATION: policy({
    code: 'ARREST_DENIAL_RECONSIDERATION',
    name: 'police decide whether to ask for reconsideration (复议) of a refused arrest',
    label: '不批准逮捕要求复议期限',
    trigger: { code: 'ARREST_DENIED', name: 'arrest refused', label: '不批准逮捕' },
    period: days(5),
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.ARREST_DENIAL_RECONSIDERATION,
  }),
  CUSTODY_INVESTIGATION: policy({
    code: 'CUSTODY_INVESTIGATION',
    name: 'custody during investigation',
    label: '侦查羁押期限',
    trigger: { code: 'ARRESTED', name: 'suspect arrested', label: '逮捕' },
    period: months(2),
    custody: true,
    extensions: [
      { upTo: months(1), approverRole: 'PROSECUTOR' },
      { upTo: months(2), approverRole: 'PROSECUTOR' },
      { upTo: months(2), approverRole: 'PROSECUTOR' },
    ],
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.CUSTODY_INVESTIGATION,
  }),
  BAIL: policy({
    code: 'BAIL',
    name: 'bail pending trial',
    label: '取保候审',
    trigger: { code: 'BAILED', name: 'bail granted', label: '取保候审' },
    period: months(12),
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.BAIL_AND_SURVEILLANCE,
  }),
  RESIDENTIAL_SURVEILLANCE: policy({
    code: 'RESIDENTIAL_SURVEILLANCE',
    name: 'residential surveillance',
    label: '监视居住',
    trigger: { code: 'SURVEILLANCE_STARTED', name: 'surveillance started', label: '监视居住' },
    period: months(6),
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.BAIL_AND_SURVEILLANCE,
  }),
  LEGAL_REVIEW: policy({
    code: 'LEGAL_REVIEW',
    name: 'legal review',
    label: '法制审核',
    trigger: {
      code: 'SUBMITTED_FOR_REVIEW',
      name: 'submitted for legal review',
      label: '提交法制审核',
    },
    period: days(3, 'WORKING'),
    owner: 'LEGAL_OFFICER',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.BUREAU_RULE,
  }),
  PROSECUTION_REVIEW_FAST_TRACK: policy({
    code: 'PROSECUTION_REVIEW_FAST_TRACK',
    name: 'prosecution review, fast-track',
    label: '速裁审查起诉',
    trigger: {
      code: 'TRANSFERRED_FOR_PROSECUTION',
      name: 'transferred for prosecution',
      label: '移送审查起诉',
    },
    period: days(10),
    variants: {
      SENTENCE_OVER_ONE_YEAR: {
        period: days(15),
        name: 'likely sentence over one year',
        label: '可能判处超过一年',
      },
    },
    restartsOn: ['RETURNED_FROM_SUPPLEMENTARY_INVESTIGATION'],
    owner: 'PROSECUTOR',
    escalatesTo: PROCURATORATE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.PROSECUTION_REVIEW,
  }),
  PROSECUTION_REVIEW_ORDINARY: policy({
    code: 'PROSECUTION_REVIEW_ORDINARY',
    name: 'prosecution review, ordinary procedure',
    label: '审查起诉',
    trigger: {
      code: 'TRANSFERRED_FOR_PROSECUTION',
      name: 'transferred for prosecution',
      label: '移送审查起诉',
    },
    period: months(1),
    restartsOn: ['RETURNED_FROM_SUPPLEMENTARY_INVESTIGATION'],
    extensions: [{ upTo: days(15), approverRole: 'PROSECUTOR' }],
    owner: 'PROSECUTOR',
    escalatesTo: PROCURATORATE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.PROSECUTION_REVIEW,
  }),
  SUPPLEMENTARY_INVESTIGATION: policy({
    code: 'SUPPLEMENTARY_INVESTIGATION',
    name: 'supplementary investigation',
    label: '补充侦查',
    trigger: {
      code: 'RETURNED_FOR_SUPPLEMENTARY_INVESTIGATION',
      name: 'returned for supplementary investigation',
      label: '退回补充侦查',
    },
    period: months(1),
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.SUPPLEMENTARY_INVESTIGATION,
  }),
  NON_PROSECUTION_RECONSIDERATION: policy({
    code: 'NON_PROSECUTION_RECONSIDERATION',
    name: 'police decide whether to ask for reconsideration (复议) of a non-prosecution',
    label: '不起诉要求复议期限',
    trigger: { code: 'NOT_PROSECUTED', name: 'decided not to prosecute', label: '不起诉决定' },
    period: days(7),
    owner: 'HANDLER',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.NON_PROSECUTION_RECONSIDERATION,
  }),
  NON_PROSECUTION_RECONSIDERATION_DECISION: policy({
    code: 'NON_PROSECUTION_RECONSIDERATION_DECISION',
    name: "procuratorate's decision on the police's reconsideration of a non-prosecution",
    label: '不起诉复议决定',
    trigger: {
      code: 'NON_PROSECUTION_RECONSIDERATION_REQUESTED',
      name: 'reconsideration requested',
      label: '要求复议',
    },
    period: days(30),
    owner: 'PROSECUTOR',
    escalatesTo: PROCURATORATE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.NON_PROSECUTION_RECONSIDERATION_DECISION,
  }),
  FAST_TRACK_TRIAL: policy({
    code: 'FAST_TRACK_TRIAL',
    name: 'fast-track trial',
    label: '速裁审理',
    trigger: { code: 'COURT_ACCEPTED', name: 'accepted by the court', label: '法院受理' },
    period: days(10),
    variants: {
      SENTENCE_OVER_ONE_YEAR: {
        period: days(15),
        name: 'likely sentence over one year',
        label: '可能判处超过一年',
      },
    },
    restartsOn: ['CONVERTED_TO_SIMPLIFIED', 'CONVERTED_TO_ORDINARY'],
    owner: 'JUDGE',
    escalatesTo: COURT_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.FAST_TRACK_TRIAL,
  }),
  SIMPLIFIED_TRIAL: policy({
    code: 'SIMPLIFIED_TRIAL',
    name: 'trial in simplified procedure',
    label: '简易程序审理',
    trigger: {
      code: 'CONVERTED_TO_SIMPLIFIED',
      name: 'converted to simplified procedure',
      label: '转为简易程序',
    },
    period: days(20),
    variants: {
      // 一个半月: one month and 15 days (高法解释 Art. 202).
      SENTENCE_OVER_THREE_YEARS: {
        period: months(1.5),
        name: 'likely sentence over three years',
        label: '可能判处超过三年',
      },
    },
    owner: 'JUDGE',
    escalatesTo: COURT_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.SIMPLIFIED_TRIAL,
  }),
  ORDINARY_TRIAL: policy({
    code: 'ORDINARY_TRIAL',
    name: 'trial in ordinary procedure',
    label: '普通程序审理',
    trigger: {
      code: 'CONVERTED_TO_ORDINARY',
      name: 'converted to ordinary procedure',
      label: '转为普通程序',
    },
    period: months(2),
    extensions: [{ upTo: months(1), approverRole: 'JUDGE' }],
    owner: 'JUDGE',
    escalatesTo: COURT_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.ORDINARY_TRIAL,
  }),
  // A proposal waits on one approver at a time (审批, domain/approvals.ts); each step's owner is
  // that approver, and a stalled step is escalated to the bureau's leaders (to the procuratorate's
  // own role on its step).
  APPROVAL: policy({
    code: 'APPROVAL',
    name: 'approval of a proposed decision',
    label: '审批',
    trigger: { code: 'PROPOSED', name: 'decision proposed', label: '呈请审批' },
    period: hours(24),
    owner: 'BUREAU_LEADER',
    escalatesTo: ['BUREAU_LEADER'],
    grace: hours(24),
    source: LEGAL_SOURCES.BUREAU_RULE,
  }),
  // The answer runs from the receipt (Art. 31), or anew from a corrected application (Art. 30);
  // the time a third party or another agency is consulted does not count (Art. 33 ¶3). One
  // extension, approved by the head of the disclosure office (政府信息公开工作机构负责人, Art. 33
  // ¶2), a unit leader's level, not the bureau's leaders.
  INFO_DISCLOSURE: policy({
    code: 'INFO_DISCLOSURE',
    name: 'answer to an open-government information request',
    label: '政府信息公开答复',
    trigger: { code: 'INFO_REQUESTED', name: 'information request received', label: '收到申请' },
    period: days(20, 'WORKING'),
    pausesOn: ['THIRD_PARTY_CONSULTATION', 'AGENCY_CONSULTATION'],
    restartsOn: ['CORRECTED_APPLICATION_RECEIVED'],
    extensions: [{ upTo: days(20, 'WORKING'), approverRole: 'UNIT_LEADER' }],
    owner: 'CASE_CENTER',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.INFO_DISCLOSURE,
  }),
  INFO_CORRECTION_NOTICE: policy({
    code: 'INFO_CORRECTION_NOTICE',
    name: 'review an information request: ask once for a correction (补正) or find it clear',
    label: '政府信息公开申请补正告知',
    trigger: { code: 'INFO_REQUESTED', name: 'information request received', label: '收到申请' },
    period: days(7, 'WORKING'),
    owner: 'CASE_CENTER',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.INFO_CORRECTION,
  }),
  // After it the bureau decides without the opinion (Art. 32): the consultation is to be ended.
  INFO_THIRD_PARTY_OPINION: policy({
    code: 'INFO_THIRD_PARTY_OPINION',
    name: "a third party's opinion on disclosure",
    label: '第三方提出意见期限',
    trigger: {
      code: 'THIRD_PARTY_CONSULTED',
      name: 'third party consulted in writing',
      label: '书面征求第三方意见',
    },
    period: days(15, 'WORKING'),
    owner: 'CASE_CENTER',
    escalatesTo: CASE_LADDER,
    grace: days(1),
    source: LEGAL_SOURCES.INFO_THIRD_PARTY,
  }),
  // 行政复议/行政诉讼 against the bureau's decisions (domain/litigation.ts): the legal office answers
  // for the bureau, and a stalled answer goes to the bureau's leaders, in whose name it is given.
  // The reconsideration law's 10 days are working days (Art. 88 ¶2 of the 2023 law).
  ADMIN_RECONSIDERATION_REPLY: policy({
    code: 'ADMIN_RECONSIDERATION_REPLY',
    name: 'written reply and evidence to an administrative reconsideration (行政复议答复)',
    label: '行政复议书面答复',
    trigger: {
      code: 'RECONSIDERATION_COPY_RECEIVED',
      name: 'copy of the application for reconsideration received',
      label: '收到行政复议申请书副本',
    },
    period: days(10, 'WORKING'),
    owner: 'LEGAL_OFFICER',
    escalatesTo: ['BUREAU_LEADER'],
    grace: days(1),
    source: LEGAL_SOURCES.ADMIN_RECONSIDERATION_REPLY,
    counting: LEGAL_SOURCES.ADMIN_RECONSIDERATION_DAYS,
  }),
  ADMIN_LITIGATION_DEFENCE: policy({
    code: 'ADMIN_LITIGATION_DEFENCE',
    name: 'defence and evidence in an administrative lawsuit (行政诉讼答辩)',
    label: '行政诉讼答辩举证',
    trigger: {
      code: 'COMPLAINT_COPY_RECEIVED',
      name: 'copy of the complaint received',
      label: '收到起诉状副本',
    },
    period: days(15),
    owner: 'LEGAL_OFFICER',
    escalatesTo: ['BUREAU_LEADER'],
    grace: days(1),
    source: LEGAL_SOURCES.ADMIN_LITIGATION_DEFENCE,
    counting: LEGAL_SOURCES.ADMIN_LITIGATION_COUNTING,
  }),
} as const satisfies Record<string, DeadlinePolicy>;

export type PolicyCode = keyof typeof DEADLINE_POLICIES;

/** When, as a share of the period, the owner is reminded (DOMAIN.md: "say 75%"). */
export const REMINDER_SHARE = 0.75;

/**
 * Shortened policies for tests and drills, per code: a period (its variants follow it unless
 * given their own), a grace, and extension caps (one for every step, or one per step). `drill`
 * marks overrides that come from drill mode, so that every explanation says so.
 */
export type PolicyOverrides = Partial<
  Record<
    PolicyCode,
    {
      period?: Period;
      variants?: Record<string, Period>;
      grace?: Period;
      extensionUpTo?: Period;
      extensionSteps?: Period[];
      drill?: boolean;
    }
  >
>;

export const isPolicyCode = (value: string): value is PolicyCode =>
  Object.hasOwn(DEADLINE_POLICIES, value);

/** The policy as it applies: the table's, with any override of its periods. */
export function resolvePolicy(code: PolicyCode, overrides: PolicyOverrides = {}): DeadlinePolicy {
  const base: DeadlinePolicy = DEADLINE_POLICIES[code];
  const override = overrides[code];
  if (!override) return base;
  return {
    ...base,
    period: override.period ?? base.period,
    // A shortened period shortens the policy's variants alike, unless they are given.
    variants:
      (override.period || override.variants) && base.variants
        ? Object.fromEntries(
            Object.entries(base.variants).map(([name, v]) => [
              name,
              { ...v, period: override.variants?.[name] ?? override.period ?? v.period },
            ]),
          )
        : base.variants,
    grace: override.grace ?? base.grace,
    extensions: base.extensions.map((step, i) => ({
      ...step,
      upTo: override.extensionSteps?.[i] ?? override.extensionUpTo ?? step.upTo,
    })),
    ...(override.drill ? { drill: override.period ? 'SHORTENED' : 'LEGAL_LENGTH' } : {}),
  };
}
