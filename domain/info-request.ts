// 政府信息公开申请: an open-government information request, from its receipt to the answer, under
// the Regulations on Open Government Information (2019). The receipt is dated by how the request
// came in (Art. 31); the bureau answers within 20 working days, +20 once with the approval of the
// head of its disclosure office (Art. 33); an unclear request is corrected (补正) once, asked for
// within 7 working days of receipt, and the answer is counted anew from the corrected application
// (Art. 30); the time a third party or another agency is consulted does not count (Art. 32, 33 ¶3).
// The clocks are in domain/deadline-policies.ts; this module holds the vocabulary and the rules.
import type { PolicyOverrides } from './deadline-policies';
import type { Labelled } from './labels';
import { ROLES, type Role } from './roles';

/** 提交方式: how the request reached the bureau, which decides the date of receipt (Art. 31). */
export const INFO_REQUEST_CHANNELS = {
  IN_PERSON: '当面提交',
  POST: '邮寄（签收）',
  ORDINARY_MAIL: '平常信函（无需签收）',
  ONLINE: '互联网渠道',
  FAX: '传真',
} as const;
export type InfoRequestChannel = keyof typeof INFO_REQUEST_CHANNELS;

/** The facts that may date a receipt: when it was handed in, signed for, or confirmed. */
export interface ReceiptFacts {
  /** 提交: when the applicant handed it in or sent it. */
  submittedAt?: number;
  /** 签收: when the bureau signed for a registered letter. */
  signedForAt?: number;
  /** 确认: when the bureau and the applicant confirmed it (online, fax, ordinary mail). */
  confirmedAt?: number;
}
type ReceiptFact = keyof ReceiptFacts;

/** Art. 31: the fact whose day is the day of receipt, per channel. */
export const RECEIPT_RULES: Record<
  InfoRequestChannel,
  { fact: ReceiptFact; zh: string; en: string }
> = {
  IN_PERSON: {
    fact: 'submittedAt',
    zh: '当面提交的，以提交之日为收到申请之日',
    en: 'handed in person: received the day it is handed in',
  },
  POST: {
    fact: 'signedForAt',
    zh: '以邮寄方式提交的，以行政机关签收之日为收到申请之日',
    en: 'by post: received the day the bureau signs for it',
  },
  ORDINARY_MAIL: {
    fact: 'confirmedAt',
    zh: '以平常信函等无需签收的方式提交的，以与申请人确认之日为收到申请之日',
    en: 'by ordinary mail that needs no signature: received the day the bureau confirms it with the applicant',
  },
  ONLINE: {
    fact: 'confirmedAt',
    zh: '通过互联网渠道提交的，以双方确认之日为收到申请之日',
    en: 'online: received the day the bureau and the applicant confirm it',
  },
  FAX: {
    fact: 'confirmedAt',
    zh: '通过传真提交的，以双方确认之日为收到申请之日',
    en: 'by fax: received the day the bureau and the applicant confirm it',
  },
};

const iso = (at: number) => new Date(at).toISOString();

/**
 * The instant of receipt (收到申请之日, Art. 31) from the channel and the facts given, or why it
 * cannot be dated: the channel's fact is missing, a fact of another channel is given, a fact is
 * in the future, or the bureau received the request before it was sent.
 */
export function receiptOf(
  channel: InfoRequestChannel,
  facts: ReceiptFacts,
  now: number,
): { receivedAt: number } | { refusal: string } {
  const rule = RECEIPT_RULES[channel];
  const receivedAt = facts[rule.fact];
  if (receivedAt === undefined)
    return {
      refusal: `A request ${rule.en} (Art. 31): give ${rule.fact}.`,
    };
  for (const fact of ['signedForAt', 'confirmedAt'] as const)
    if (fact !== rule.fact && facts[fact] !== undefined)
      return {
        refusal: `${fact} does not date a request made ${INFO_REQUEST_CHANNELS[channel]} (${channel}); ${rule.en} (Art. 31).`,
      };
  for (const fact of ['submittedAt', 'signedForAt', 'confirmedAt'] as const) {
    const at = facts[fact];
    if (at !== undefined && at > now)
      return { refusal: `${fact} (${iso(at)}) is in the future; record what has happened.` };
  }
  if (facts.submittedAt !== undefined && receivedAt < facts.submittedAt)
    return {
      refusal: `${rule.fact} (${iso(receivedAt)}) is before the request was submitted (submittedAt ${iso(facts.submittedAt)}).`,
    };
  return { receivedAt };
}

/** 办理状态 */
export const INFO_REQUEST_STAGES = {
  IN_PROGRESS: '办理中',
  AWAITING_CORRECTION: '待补正',
  CONSULTING: '征求意见中',
  ANSWERED: '已答复',
  ABANDONED: '逾期未补正，视为放弃申请',
  WITHDRAWN: '申请人撤回',
} as const;
export type InfoRequestStage = keyof typeof INFO_REQUEST_STAGES;

/** The stages after which nothing more is recorded. */
export const FINAL_INFO_REQUEST_STAGES: readonly InfoRequestStage[] = [
  'ANSWERED',
  'ABANDONED',
  'WITHDRAWN',
];

export function infoRequestStage(code: InfoRequestStage): Labelled<InfoRequestStage> {
  return { code, label: INFO_REQUEST_STAGES[code] };
}

/**
 * 答复类型: the answers the regulation names (Art. 36 (1)–(7), partial disclosure Art. 37, and a
 * request that is not one, Art. 39). `reasonRequired`: the answer must state its reasons.
 */
export const INFO_ANSWER_TYPES = {
  ALREADY_PUBLISHED: {
    label: '已主动公开，告知获取方式',
    article: '第三十六条第（一）项',
    reasonRequired: false,
  },
  DISCLOSED: { label: '予以公开', article: '第三十六条第（二）项', reasonRequired: false },
  PARTIALLY_DISCLOSED: { label: '部分公开', article: '第三十七条', reasonRequired: true },
  NOT_DISCLOSED: { label: '不予公开', article: '第三十六条第（三）项', reasonRequired: true },
  INFORMATION_NOT_FOUND: {
    label: '信息不存在',
    article: '第三十六条第（四）项',
    reasonRequired: false,
  },
  NOT_THIS_AGENCY: {
    label: '非本机关负责公开',
    article: '第三十六条第（五）项',
    reasonRequired: true,
  },
  REPEATED_REQUEST: {
    label: '重复申请，不予重复处理',
    article: '第三十六条第（六）项',
    reasonRequired: false,
  },
  OTHER_PROCEDURE: {
    label: '依照有关法律、行政法规的规定办理',
    article: '第三十六条第（七）项',
    reasonRequired: false,
  },
  NOT_AN_INFO_REQUEST: {
    label: '不作为政府信息公开申请处理',
    article: '第三十九条',
    reasonRequired: true,
  },
} as const;
export type InfoAnswerType = keyof typeof INFO_ANSWER_TYPES;

/** 征求意见: whom the bureau consults; the time is not counted (Art. 33 ¶3). */
export const CONSULTEES = {
  THIRD_PARTY: { label: '第三方', pause: 'THIRD_PARTY_CONSULTATION' },
  OTHER_AGENCY: { label: '其他机关', pause: 'AGENCY_CONSULTATION' },
} as const;
export type Consultee = keyof typeof CONSULTEES;

/**
 * What may be recorded on a request, and by whom: the case centre (案管中心) keeps the requests;
 * the extension is approved by the head of the disclosure office (Art. 33 ¶2), a unit leader.
 */
export const INFO_REQUEST_ACTIONS = {
  REGISTER: { label: '登记政府信息公开申请', roles: ['CASE_CENTER'] },
  APPLICATION_CLEAR: { label: '申请内容明确，无需补正', roles: ['CASE_CENTER'] },
  CORRECTION_REQUESTED: { label: '一次性告知补正', roles: ['CASE_CENTER'] },
  CORRECTED_APPLICATION_RECEIVED: { label: '收到补正后的申请', roles: ['CASE_CENTER'] },
  ABANDONED: { label: '逾期未补正，视为放弃申请', roles: ['CASE_CENTER'] },
  WITHDRAWN: { label: '申请人撤回申请', roles: ['CASE_CENTER'] },
  CONSULTATION_STARTED: { label: '书面征求意见', roles: ['CASE_CENTER'] },
  CONSULTATION_ENDED: { label: '征求意见结束', roles: ['CASE_CENTER'] },
  EXTENDED: { label: '延长答复期限', roles: ['UNIT_LEADER'] },
  ANSWERED: { label: '作出答复', roles: ['CASE_CENTER'] },
} as const satisfies Record<string, { label: string; roles: readonly Role[] }>;
export type InfoRequestAction = keyof typeof INFO_REQUEST_ACTIONS;

/** Why `role` may not record `action`, or undefined. */
export function infoRoleRefusal(action: InfoRequestAction, role: Role): string | undefined {
  const { label, roles } = INFO_REQUEST_ACTIONS[action];
  const allowed: readonly Role[] = roles;
  return allowed.includes(role)
    ? undefined
    : `${label} (${action}) is recorded by ${allowed.map((r) => `${r} (${ROLES[r]})`).join(' or ')}, not ${role}.`;
}

/** Why this answer may not be given as it is, or undefined. */
export function answerRefusal(answerType: string, reason: string | undefined): string | undefined {
  if (!Object.hasOwn(INFO_ANSWER_TYPES, answerType))
    return `answerType must be one of ${Object.keys(INFO_ANSWER_TYPES).join(', ')}, not ${answerType}.`;
  const type = INFO_ANSWER_TYPES[answerType as InfoAnswerType];
  if (type.reasonRequired && !reason?.trim())
    return `An answer ${answerType} (${type.label}, 政府信息公开条例${type.article}) states its reasons: give reason.`;
  return undefined;
}

/** What a new request carries; times are epoch milliseconds so workflows never call Date. */
export interface NewInfoRequest {
  requestId: string;
  /** The disclosure office's unit: its leader approves the extension, its people see the request. */
  unitId: string;
  applicantName: string;
  /** 联系方式, normalised like an alarm reporter's (domain/alarm.ts reporterContact). */
  applicantContact?: string;
  /** 所需政府信息的描述 (Art. 29): the name, number or features of the information asked for. */
  description: string;
  channel: InfoRequestChannel;
  facts: ReceiptFacts;
  /** 收到申请之日 as Art. 31 dates it (receiptOf): the clocks start here. */
  receivedAt: number;
  /** When it was registered here (not before the receipt). */
  registeredAt: number;
  registeredBy: { id: string; role: string };
  /** Shortened deadlines for tests and drills; absent in production. */
  policyOverrides?: PolicyOverrides;
}

/** Who reads the requests: the case centre that keeps them, and the leaders over it. */
export const INFO_REQUEST_READERS: readonly Role[] = [
  'CASE_CENTER',
  'UNIT_LEADER',
  'BUREAU_LEADER',
];

/** A step recorded on a request after its registration. */
export type InfoStep = Exclude<InfoRequestAction, 'REGISTER'>;

/**
 * The stages in which each step is recorded. The decider refuses a step outside them; a few steps
 * have further rules of their own there (the review settled once, one extension, no answer while a
 * consultation runs).
 */
export const INFO_STEP_STAGES: Record<InfoStep, readonly InfoRequestStage[]> = {
  APPLICATION_CLEAR: ['IN_PROGRESS'],
  CORRECTION_REQUESTED: ['IN_PROGRESS'],
  CORRECTED_APPLICATION_RECEIVED: ['AWAITING_CORRECTION'],
  ABANDONED: ['AWAITING_CORRECTION'],
  CONSULTATION_STARTED: ['IN_PROGRESS'],
  CONSULTATION_ENDED: ['CONSULTING'],
  EXTENDED: ['IN_PROGRESS', 'CONSULTING'],
  ANSWERED: ['IN_PROGRESS'],
  WITHDRAWN: ['IN_PROGRESS', 'AWAITING_CORRECTION', 'CONSULTING'],
};

/** The steps a person holding `roles` may record on a request now, in the table's order. */
export function openInfoSteps(
  request: { stage: InfoRequestStage; reviewSettled: boolean; extended: boolean },
  roles: readonly string[],
): InfoStep[] {
  if (FINAL_INFO_REQUEST_STAGES.includes(request.stage)) return [];
  return (Object.keys(INFO_STEP_STAGES) as InfoStep[]).filter(
    (step) =>
      INFO_STEP_STAGES[step].includes(request.stage) &&
      (INFO_REQUEST_ACTIONS[step].roles as readonly Role[]).some((r) => roles.includes(r)) &&
      // The review ends once: found clear, or a correction asked (一次性告知, Art. 30).
      !(
        request.reviewSettled &&
        (step === 'APPLICATION_CLEAR' || step === 'CORRECTION_REQUESTED')
      ) &&
      // The one extension (Art. 33 ¶2).
      !(request.extended && step === 'EXTENDED'),
  );
}
