// 政府信息公开申请 in the workbench: which steps a person may record on a request now, their forms,
// the date of receipt each channel asks (政府信息公开条例 Art. 31), and the request's timeline in
// words. The rules stay the API's (domain/info-request-decider.ts): a step offered here that the
// request's state refuses comes back with the rule's words.
import { describePeriod, formatShanghai } from '../../domain/deadlines';
import {
  CONSULTEES,
  INFO_ANSWER_TYPES,
  INFO_REQUEST_ACTIONS,
  INFO_REQUEST_CHANNELS,
  openInfoSteps,
  RECEIPT_RULES,
  type InfoAnswerType,
  type InfoRequestChannel,
  type InfoRequestStage,
  type InfoStep,
} from '../../domain/info-request';
import type { InfoRequestModel } from '../../domain/info-request-decider';
import type { InfoRequestView } from '../../api/views';
import {
  givenTexts,
  inOrder,
  stepForm,
  textOf,
  type FormField,
  type FormValues,
  type PostBody,
  type TimelineEntry,
} from './step-forms';

export type { InfoRequestView, InfoStep };

/**
 * A row of GET /info-requests. The route builds it inline (no view function to take its type from,
 * as matterListItem is for the matters), so the fields it shares with the request's view come from
 * that view and the rest are named here.
 */
export type InfoRequestListItem = Pick<InfoRequestView, 'unitId' | 'description' | 'stage'> & {
  id: string;
  applicantName: string;
  receivedAt: string;
  answerDueAt: string | null;
  answeredAt: string | null;
};

/** The steps a person holding `roles` may record on the request now (domain/info-request.ts). */
export const infoRequestSteps = (view: InfoRequestView, roles: readonly string[]): InfoStep[] =>
  openInfoSteps(
    {
      stage: view.stage.code as InfoRequestStage,
      reviewSettled: view.clearAt !== undefined || view.correction !== undefined,
      extended: view.extension !== undefined,
    },
    roles,
  );

const RECEIPT_FACT_LABELS = {
  submittedAt: '提交时间',
  signedForAt: '签收时间',
  confirmedAt: '确认时间',
} as const;

/**
 * The instants a registration asks for its channel: the fact that dates the receipt (Art. 31),
 * required except in person (handed in as it is registered), and when it was sent, if known.
 */
export function receiptFields(channel: InfoRequestChannel | undefined): FormField[] {
  if (!channel) return [];
  const rule = RECEIPT_RULES[channel];
  const dating: FormField = {
    name: rule.fact,
    label:
      channel === 'IN_PERSON'
        ? `${RECEIPT_FACT_LABELS[rule.fact]}（不填为现在）`
        : RECEIPT_FACT_LABELS[rule.fact],
    control: 'instant',
    required: channel !== 'IN_PERSON',
    help: rule.zh,
  };
  if (rule.fact === 'submittedAt') return [dating];
  return [
    dating,
    {
      name: 'submittedAt',
      label: `${RECEIPT_FACT_LABELS.submittedAt}（可不填）`,
      control: 'instant',
    },
  ];
}

export const CHANNEL_OPTIONS = Object.entries(INFO_REQUEST_CHANNELS).map(([value, label]) => ({
  value,
  label,
}));

const ANSWER_TYPE_OPTIONS = Object.entries(INFO_ANSWER_TYPES).map(([value, t]) => ({
  value,
  label: `${t.label}（${t.article}）`,
}));

const reasonRequired = (values: FormValues) =>
  INFO_ANSWER_TYPES[values.answerType as InfoAnswerType]?.reasonRequired === true;

const when = (name: string, label: string): FormField => ({
  name,
  label: `${label}（不填为现在）`,
  control: 'instant',
});

/** Each step's form and body, by the route that records it. */
export const INFO_STEP_FORMS = {
  APPLICATION_CLEAR: stepForm({
    action: 'APPLICATION_CLEAR',
    label: INFO_REQUEST_ACTIONS.APPLICATION_CLEAR.label,
    path: '/info-requests/{id}/clear',
    fields: () => [],
    body: () => undefined,
  }),
  CORRECTION_REQUESTED: stepForm({
    action: 'CORRECTION_REQUESTED',
    label: INFO_REQUEST_ACTIONS.CORRECTION_REQUESTED.label,
    path: '/info-requests/{id}/correction',
    fields: () => [
      { name: 'matters', label: '需要补正的事项', control: 'textarea', required: true, max: 2000 },
      {
        name: 'correctBy',
        label: '补正期限',
        control: 'instant',
        required: true,
        daysAhead: 15,
        help: '合理的补正期限；逾期未补正的，视为放弃申请（第三十条）',
      },
      when('sentAt', '告知时间'),
    ],
    body: (v) => ({
      matters: textOf(v, 'matters') ?? '',
      correctBy: textOf(v, 'correctBy') ?? '',
      ...givenTexts(v, 'sentAt'),
    }),
  }),
  CORRECTED_APPLICATION_RECEIVED: stepForm({
    action: 'CORRECTED_APPLICATION_RECEIVED',
    label: INFO_REQUEST_ACTIONS.CORRECTED_APPLICATION_RECEIVED.label,
    path: '/info-requests/{id}/corrected-application',
    fields: () => [when('receivedAt', '收到时间')],
    body: (v) => givenTexts(v, 'receivedAt'),
  }),
  ABANDONED: stepForm({
    action: 'ABANDONED',
    label: INFO_REQUEST_ACTIONS.ABANDONED.label,
    path: '/info-requests/{id}/abandonment',
    fields: () => [],
    body: () => undefined,
  }),
  CONSULTATION_STARTED: stepForm({
    action: 'CONSULTATION_STARTED',
    label: INFO_REQUEST_ACTIONS.CONSULTATION_STARTED.label,
    path: '/info-requests/{id}/consultation',
    fields: () => [
      {
        name: 'consultee',
        label: '征求意见对象',
        control: 'choice',
        required: true,
        options: Object.entries(CONSULTEES).map(([value, c]) => ({ value, label: c.label })),
        help: '征求意见的时间不计入答复期限（第三十三条第三款）',
      },
      { name: 'party', label: '第三方或机关名称', control: 'text', required: true, max: 200 },
      when('startedAt', '征求意见时间'),
    ],
    body: (v) => ({
      consultee: textOf(v, 'consultee') as keyof typeof CONSULTEES,
      party: textOf(v, 'party') ?? '',
      ...givenTexts(v, 'startedAt'),
    }),
  }),
  CONSULTATION_ENDED: stepForm({
    action: 'CONSULTATION_ENDED',
    label: INFO_REQUEST_ACTIONS.CONSULTATION_ENDED.label,
    path: '/info-requests/{id}/consultation-end',
    fields: () => [
      { name: 'outcome', label: '意见', control: 'textarea', max: 2000 },
      when('endedAt', '结束时间'),
    ],
    body: (v) => givenTexts(v, 'outcome', 'endedAt'),
  }),
  EXTENDED: stepForm({
    action: 'EXTENDED',
    label: INFO_REQUEST_ACTIONS.EXTENDED.label,
    path: '/info-requests/{id}/extension',
    fields: () => [
      {
        name: 'workingDays',
        label: '延长（工作日，不填为20个工作日）',
        control: 'number',
        min: 1,
        max: 20,
        help: '延长答复期限最长不得超过20个工作日（第三十三条第二款）',
      },
      { name: 'reason', label: '理由', control: 'textarea', required: true, max: 2000 },
    ],
    body: (v) => ({
      ...(typeof v.workingDays === 'number'
        ? { period: { length: v.workingDays, unit: 'DAYS' as const, calendar: 'WORKING' as const } }
        : {}),
      reason: textOf(v, 'reason') ?? '',
    }),
  }),
  ANSWERED: stepForm({
    action: 'ANSWERED',
    label: INFO_REQUEST_ACTIONS.ANSWERED.label,
    path: '/info-requests/{id}/answer',
    fields: () => [
      {
        name: 'answerType',
        label: '答复类型',
        control: 'choice',
        required: true,
        options: ANSWER_TYPE_OPTIONS,
      },
      {
        name: 'reason',
        label: '理由',
        control: 'textarea',
        max: 4000,
        requiredWhen: reasonRequired,
        help: '部分公开、不予公开、非本机关负责公开、不作为信息公开申请处理的，应当说明理由',
      },
      when('answeredAt', '答复时间'),
    ],
    body: (v) => ({
      answerType: textOf(v, 'answerType') as InfoAnswerType,
      ...givenTexts(v, 'reason', 'answeredAt'),
    }),
  }),
  WITHDRAWN: stepForm({
    action: 'WITHDRAWN',
    label: INFO_REQUEST_ACTIONS.WITHDRAWN.label,
    path: '/info-requests/{id}/withdrawal',
    fields: () => [{ name: 'reason', label: '撤回理由', control: 'textarea', max: 2000 }],
    body: (v) => givenTexts(v, 'reason'),
  }),
} satisfies { [S in InfoStep]: { action: S } };

const shanghai = (at: string | undefined) => (at ? formatShanghai(Date.parse(at)) : '—');

/** The request's history as its record tells it, oldest first. */
export function infoRequestTimeline(view: InfoRequestView): TimelineEntry[] {
  const extension = view.extension as InfoRequestModel['extension'] | undefined;
  const answer = view.answer;
  return inOrder([
    view.receipt.receivedAt !== undefined && {
      at: view.receipt.receivedAt,
      label: `收到申请（${view.channel.label}）`,
      ...(view.receipt.rule ? { detail: view.receipt.rule } : {}),
    },
    view.registeredAt !== undefined && {
      at: view.registeredAt,
      label: '登记',
      detail: `登记人 ${view.registeredBy}`,
    },
    // Found clear, or treated as such by a later step (a consultation, the extension, the answer).
    view.clearAt !== undefined &&
      !view.correction &&
      view.clearAt !== answer?.at && {
        at: view.clearAt,
        label: '申请内容明确，无需补正',
      },
    view.correction && {
      at: view.correction.sentAt ?? '',
      label: '一次性告知补正',
      detail: `需要补正的事项：${view.correction.matters ?? ''}；补正期限 ${shanghai(view.correction.correctBy)}`,
    },
    view.correction?.receivedAt !== undefined && {
      at: view.correction.receivedAt,
      label: '收到补正后的申请，答复期限重新计算',
    },
    view.consultation && {
      at: view.consultation.since ?? '',
      label: `征求意见中（${view.consultation.consultee?.label ?? ''}）`,
      detail: view.consultation.party ?? '',
    },
    extension && {
      at: new Date(extension.at).toISOString(),
      label: `延长答复期限 ${describePeriod(extension.period).zh}`,
      detail: `批准人 ${extension.approvedBy}；理由：${extension.reason}`,
    },
    answer && {
      at: answer.at ?? '',
      label: `作出答复：${answer.type?.label ?? ''}${answer.onTime ? '' : '（超期）'}`,
      ...(answer.reason ? { detail: `理由：${answer.reason}` } : {}),
    },
    view.closedAt !== undefined &&
      !answer && {
        at: view.closedAt,
        label: view.stage.label,
      },
  ]);
}

/**
 * The registration's fields (登记): the disclosure office's unit (the caller's own unless chosen),
 * the applicant, what is asked for, the channel, and the instants its receipt is dated by.
 */
export function infoRegistrationFields(
  units: Array<{ id: string; name: string }>,
  ownUnit: string | undefined,
  values: FormValues,
): FormField[] {
  return [
    {
      name: 'unitId',
      label: '政府信息公开工作机构（单位）',
      control: 'choice',
      required: true,
      options: units.map((u) => ({ value: u.id, label: `${u.name}（${u.id}）` })),
      ...(ownUnit ? { initial: ownUnit } : {}),
      help: '该单位负责人批准延长答复期限',
    },
    { name: 'applicantName', label: '申请人', control: 'text', required: true, max: 100 },
    {
      name: 'applicantContact',
      label: '联系方式',
      control: 'text',
      max: 50,
      help: '手机号码，或带区号的固定电话（如 010-12345678）',
    },
    {
      name: 'description',
      label: '所需政府信息的描述',
      control: 'textarea',
      required: true,
      max: 2000,
      help: '名称、文号或者便于查询的其他特征性描述（第二十九条）',
    },
    {
      name: 'channel',
      label: '提交方式',
      control: 'choice',
      required: true,
      options: CHANNEL_OPTIONS,
      initial: 'IN_PERSON',
    },
    ...receiptFields((textOf(values, 'channel') ?? 'IN_PERSON') as InfoRequestChannel),
  ];
}

/** The registration's body, as POST /info-requests takes it. */
export function infoRegistrationBody(values: FormValues): PostBody<'/info-requests'> {
  return {
    applicantName: textOf(values, 'applicantName') ?? '',
    description: textOf(values, 'description') ?? '',
    channel: textOf(values, 'channel') as InfoRequestChannel,
    ...givenTexts(
      values,
      'unitId',
      'applicantContact',
      'submittedAt',
      'signedForAt',
      'confirmedAt',
    ),
  };
}
