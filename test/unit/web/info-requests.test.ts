// The information request's page without a browser: which steps it offers to whom in each stage,
// the date of receipt each channel asks (政府信息公开条例 Art. 31), the bodies its forms send, and
// the timeline in words.
import {
  INFO_ANSWER_TYPES,
  INFO_REQUEST_ACTIONS,
  RECEIPT_RULES,
} from '../../../domain/info-request';
import {
  INFO_STEP_FORMS,
  infoRegistrationBody,
  infoRequestSteps,
  infoRequestTimeline,
  receiptFields,
  type InfoRequestView,
} from '../../../web/src/info-requests';
import { normaliseValues } from '../../../web/src/step-forms';

const received = '2026-03-02T01:00:00.000Z';

/** A request as GET /info-requests/{id} shows it, in the given stage. */
function request(stage: string, more: Partial<InfoRequestView> = {}): InfoRequestView {
  return {
    requestId: 'info-1',
    version: 1,
    stage: { code: stage, label: stage },
    unitId: 'gaj',
    applicant: { name: '王某', contact: null },
    description: '2025年本县道路交通事故统计',
    channel: { code: 'IN_PERSON', label: '当面提交' },
    receipt: { submittedAt: received, receivedAt: received, rule: RECEIPT_RULES.IN_PERSON.zh },
    registeredAt: received,
    registeredBy: 'center-zhou',
    consultations: 0,
    answerDueAt: '2026-03-30T16:00:00.000Z',
    deadlines: [],
    escalations: [],
    ...more,
  } as InfoRequestView;
}

const CENTRE = ['CASE_CENTER'];
const HEAD = ['UNIT_LEADER'];

it.each([
  [
    'IN_PROGRESS',
    {},
    CENTRE,
    ['APPLICATION_CLEAR', 'CORRECTION_REQUESTED', 'CONSULTATION_STARTED', 'ANSWERED', 'WITHDRAWN'],
  ],
  // Found clear: no correction can be asked any more.
  ['IN_PROGRESS', { clearAt: received }, CENTRE, ['CONSULTATION_STARTED', 'ANSWERED', 'WITHDRAWN']],
  ['IN_PROGRESS', {}, HEAD, ['EXTENDED']],
  // The one extension (Art. 33 ¶2).
  ['IN_PROGRESS', { extension: { at: 0 } }, HEAD, []],
  [
    'AWAITING_CORRECTION',
    { correction: { sentAt: received, matters: '请写明年份', correctBy: received } },
    CENTRE,
    ['CORRECTED_APPLICATION_RECEIVED', 'ABANDONED', 'WITHDRAWN'],
  ],
  ['AWAITING_CORRECTION', {}, HEAD, []],
  ['CONSULTING', { clearAt: received }, CENTRE, ['CONSULTATION_ENDED', 'WITHDRAWN']],
  ['CONSULTING', {}, HEAD, ['EXTENDED']],
  ['ANSWERED', {}, [...CENTRE, ...HEAD], []],
  ['WITHDRAWN', {}, CENTRE, []],
  ['IN_PROGRESS', {}, ['BUREAU_LEADER'], []],
])('in %s with %j, %j may record %j', (stage, more, roles, steps) => {
  expect(infoRequestSteps(request(stage, more as Partial<InfoRequestView>), roles)).toEqual(steps);
});

it('offers each step under the label and to the roles of its rule', () => {
  for (const [action, form] of Object.entries(INFO_STEP_FORMS)) {
    expect(form.action).toBe(action);
    expect(form.label).toBe(INFO_REQUEST_ACTIONS[action as keyof typeof INFO_STEP_FORMS].label);
  }
});

it.each(Object.entries(RECEIPT_RULES))(
  'asks a request made %s for the fact that dates it',
  (channel, rule) => {
    const fields = receiptFields(channel as keyof typeof RECEIPT_RULES);
    const dating = fields.find((f) => f.name === rule.fact)!;
    expect(dating.help).toBe(rule.zh);
    // Handed in person, it is received as it is registered unless said otherwise.
    expect(dating.required).toBe(channel !== 'IN_PERSON');
  },
);

it('sends a registration with only what was given', () => {
  const values = normaliseValues({
    unitId: 'gaj',
    applicantName: ' 王某 ',
    applicantContact: '',
    description: '统计数据',
    channel: 'POST',
    signedForAt: new Date(received),
  });
  expect(infoRegistrationBody(values)).toEqual({
    unitId: 'gaj',
    applicantName: '王某',
    description: '统计数据',
    channel: 'POST',
    signedForAt: received,
  });
});

it('asks the reasons of an answer that refuses or redirects, and sends them', () => {
  const [, reason] = INFO_STEP_FORMS.ANSWERED.fields(undefined);
  for (const [type, { reasonRequired }] of Object.entries(INFO_ANSWER_TYPES))
    expect([type, reason!.requiredWhen!({ answerType: type })]).toEqual([type, reasonRequired]);
  expect(
    INFO_STEP_FORMS.ANSWERED.body({ answerType: 'NOT_DISCLOSED', reason: '涉及个人隐私' }),
  ).toEqual({ answerType: 'NOT_DISCLOSED', reason: '涉及个人隐私' });
});

it('extends by working days, or by the most the law allows when no length is given', () => {
  expect(INFO_STEP_FORMS.EXTENDED.body({ workingDays: 10, reason: '需调取档案' })).toEqual({
    period: { length: 10, unit: 'DAYS', calendar: 'WORKING' },
    reason: '需调取档案',
  });
  expect(INFO_STEP_FORMS.EXTENDED.body({ reason: '需调取档案' })).toEqual({ reason: '需调取档案' });
});

it('tells a corrected and answered request in order', () => {
  const view = request('ANSWERED', {
    clearAt: '2026-03-10T02:00:00.000Z',
    correction: {
      sentAt: '2026-03-03T02:00:00.000Z',
      matters: '请写明年份',
      correctBy: '2026-03-17T15:59:59.000Z',
      receivedAt: '2026-03-10T02:00:00.000Z',
    },
    answer: {
      type: { code: 'DISCLOSED', label: '予以公开' },
      at: '2026-03-20T02:00:00.000Z',
      onTime: true,
    },
    closedAt: '2026-03-20T02:00:00.000Z',
  } as Partial<InfoRequestView>);
  expect(infoRequestTimeline(view).map((e) => [e.label, e.detail])).toEqual([
    ['收到申请（当面提交）', RECEIPT_RULES.IN_PERSON.zh],
    ['登记', '登记人 center-zhou'],
    ['一次性告知补正', '需要补正的事项：请写明年份；补正期限 2026-03-17 23:59'],
    ['收到补正后的申请，答复期限重新计算', undefined],
    ['作出答复：予以公开', undefined],
  ]);
});

it('tells a withdrawn request by its stage, and a late answer as late', () => {
  const withdrawn = request('WITHDRAWN', {
    stage: { code: 'WITHDRAWN', label: '申请人撤回' },
    closedAt: '2026-03-04T02:00:00.000Z',
  } as Partial<InfoRequestView>);
  expect(infoRequestTimeline(withdrawn).at(-1)!.label).toBe('申请人撤回');
  const late = request('ANSWERED', {
    answer: {
      type: { code: 'NOT_DISCLOSED', label: '不予公开' },
      reason: '涉及个人隐私',
      at: '2026-04-20T02:00:00.000Z',
      onTime: false,
    },
  } as Partial<InfoRequestView>);
  expect(infoRequestTimeline(late).at(-1)).toEqual({
    at: '2026-04-20T02:00:00.000Z',
    label: '作出答复：不予公开（超期）',
    detail: '理由：涉及个人隐私',
  });
});
