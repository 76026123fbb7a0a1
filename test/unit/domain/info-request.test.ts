// The information request's rules as tables (政府信息公开条例 2019): the date of receipt by channel
// (Art. 31), the answer's 20 working days and its one extension (Art. 33), the correction asked
// within 7 working days that restarts the answer (Art. 30), the consultation whose working days do
// not count (Art. 32, 33 ¶3), the answer's types (Art. 36, 37, 39), and the refusals of a wrong order.
import { localDateOf } from '../../../domain/calendar';
import { DEADLINE_POLICIES } from '../../../domain/deadline-policies';
import { computeDeadline } from '../../../domain/deadlines';
import {
  answerRefusal,
  INFO_ANSWER_TYPES,
  receiptOf,
  type InfoRequestChannel,
  type NewInfoRequest,
  type ReceiptFacts,
} from '../../../domain/info-request';
import {
  decideInfoRequest,
  infoRequestEnded,
  infoRequestRow,
  infoRequestRungsDue,
  openInfoRequest,
  type InfoRequestCommand,
  type InfoRequestEffect,
  type InfoRequestModel,
} from '../../../domain/info-request-decider';
import { evaluate } from '../../../domain/evaluation';
import type { Role } from '../../../domain/roles';

const at = (text: string) => Date.parse(`${text}+08:00`);
const day = (instant: number) => localDateOf(instant);
const actor = (role: Role) => ({ id: `${role.toLowerCase()}-1`, role });
const center = actor('CASE_CENTER');
const officeHead = actor('UNIT_LEADER');

// Friday 2026-04-03, before 清明 (Apr 4–6): the first working day counted is Tuesday Apr 7.
const FRIDAY_BEFORE_QINGMING = at('2026-04-03T10:00:00');

function request(receivedAt = FRIDAY_BEFORE_QINGMING): NewInfoRequest {
  return {
    requestId: 'info-1',
    unitId: 'gaj',
    applicantName: '申请人甲',
    description: '2025年本局治安罚没款收支情况',
    channel: 'IN_PERSON',
    facts: { submittedAt: receivedAt },
    receivedAt,
    registeredAt: receivedAt,
    registeredBy: center,
  };
}

const opened = (receivedAt?: number) => openInfoRequest(request(receivedAt)).state;

/** A command whose actor defaults to the case centre. */
type Step = InfoRequestCommand extends infer C
  ? C extends InfoRequestCommand
    ? Omit<C, 'actor'> & { actor?: { id: string; role: Role } }
    : never
  : never;

function run(state: InfoRequestModel, steps: Step[]) {
  let effects: InfoRequestEffect[] = [];
  for (const step of steps) {
    const command = { actor: center, ...step } as InfoRequestCommand;
    const decision = decideInfoRequest(state, command);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.reason}`);
    if (decision.duplicate) throw new Error('unexpected duplicate');
    state = decision.state;
    effects = decision.effects;
  }
  return { state, effects };
}

const refusalOf = (state: InfoRequestModel, step: Step) => {
  const decision = decideInfoRequest(state, { actor: center, ...step } as InfoRequestCommand);
  return decision.ok ? undefined : decision.reason;
};

const answerDue = (state: InfoRequestModel) => day(infoRequestRow(state).answerDueAt!);
const clock = (state: InfoRequestModel, step: string) => state.clocks.find((c) => c.step === step);

describe('the date of receipt (Art. 31)', () => {
  const sent = at('2026-03-02T09:00:00');
  const signed = at('2026-03-04T15:00:00');
  const confirmed = at('2026-03-05T11:00:00');
  const now = at('2026-03-06T09:00:00');
  const cases: Array<[InfoRequestChannel, ReceiptFacts, number | RegExp]> = [
    ['IN_PERSON', { submittedAt: sent }, sent],
    ['POST', { submittedAt: sent, signedForAt: signed }, signed],
    ['POST', { signedForAt: signed }, signed],
    ['ORDINARY_MAIL', { submittedAt: sent, confirmedAt: confirmed }, confirmed],
    ['ONLINE', { submittedAt: sent, confirmedAt: confirmed }, confirmed],
    ['FAX', { confirmedAt: confirmed }, confirmed],
    [
      'POST',
      { submittedAt: sent },
      /by post: received the day the bureau signs for it.*give signedForAt/,
    ],
    ['ONLINE', { submittedAt: sent }, /give confirmedAt/],
    ['IN_PERSON', {}, /give submittedAt/],
    [
      'ONLINE',
      { confirmedAt: confirmed, signedForAt: signed },
      /signedForAt does not date a request made 互联网渠道/,
    ],
    ['POST', { signedForAt: at('2026-03-07T09:00:00') }, /signedForAt .* is in the future/],
    ['POST', { submittedAt: signed, signedForAt: sent }, /before the request was submitted/],
  ];
  it.each(cases)('%s %j → %s', (channel, facts, expected) => {
    const receipt = receiptOf(channel, facts, now);
    if (expected instanceof RegExp)
      expect('refusal' in receipt && receipt.refusal).toMatch(expected);
    else expect(receipt).toEqual({ receivedAt: expected });
  });
});

describe('the answer and its clocks (Art. 30, 33)', () => {
  it('a request received on the Friday before 清明 is answered by 2026-05-07, its correction asked by 2026-04-15', () => {
    const { state, effects } = openInfoRequest(request());
    expect(
      effects
        .filter((e) => e.type === 'TASK_OPENED')
        .map((e) => e.type === 'TASK_OPENED' && e.task.policyCode),
    ).toEqual(['INFO_DISCLOSURE', 'INFO_CORRECTION_NOTICE']);
    expect(answerDue(state)).toBe('2026-05-07');
    expect(day(clock(state, 'CORRECTION_REVIEW')!.dueAt)).toBe('2026-04-15');
    expect(state.stage).toBe('IN_PROGRESS');
  });

  it('the policy table: one extension of 20 working days by the disclosure office head; consultations pause; a correction restarts', () => {
    const policy = DEADLINE_POLICIES.INFO_DISCLOSURE;
    expect(policy.period).toEqual({ length: 20, unit: 'DAYS', calendar: 'WORKING' });
    expect(policy.extensions).toEqual([
      { upTo: { length: 20, unit: 'DAYS', calendar: 'WORKING' }, approverRole: 'UNIT_LEADER' },
    ]);
    expect(policy.pausesOn).toEqual(['THIRD_PARTY_CONSULTATION', 'AGENCY_CONSULTATION']);
    expect(policy.restartsOn).toEqual(['CORRECTED_APPLICATION_RECEIVED']);
    expect(DEADLINE_POLICIES.INFO_CORRECTION_NOTICE.period).toEqual({
      length: 7,
      unit: 'DAYS',
      calendar: 'WORKING',
    });
    expect(DEADLINE_POLICIES.INFO_THIRD_PARTY_OPINION.period.length).toBe(15);
  });

  it('found clear, extended by 20 working days and answered on time', () => {
    const { state } = run(opened(), [
      { type: 'APPLICATION_CLEAR', at: at('2026-04-08T09:00:00') },
      {
        type: 'EXTENDED',
        actor: officeHead,
        reason: '需调取多个单位档案',
        at: at('2026-04-30T09:00:00'),
      },
    ]);
    expect(clock(state, 'CORRECTION_REVIEW')).toBeUndefined();
    // 2026-05-07 + 20 working days (May 9 is a make-up working day).
    expect(answerDue(state)).toBe('2026-06-03');
    const answered = run(state, [
      { type: 'ANSWERED', answerType: 'DISCLOSED', at: at('2026-06-01T10:00:00') },
    ]).state;
    expect(answered.stage).toBe('ANSWERED');
    expect(infoRequestEnded(answered)).toBe(true);
    expect(infoRequestRow(answered)).toMatchObject({
      answerType: 'DISCLOSED',
      answeredAt: at('2026-06-01T10:00:00'),
    });
    expect(day(infoRequestRow(answered).answerDueAt!)).toBe('2026-06-03');
  });

  it('a correction closes the answer clock; the corrected application starts it anew (2026-04-20 → 2026-05-20)', () => {
    const { state, effects } = run(opened(), [
      {
        type: 'CORRECTION_REQUESTED',
        matters: '请明确所需信息的年份和文号',
        correctBy: at('2026-04-24T17:00:00'),
        at: at('2026-04-10T09:00:00'),
      },
    ]);
    expect(state.stage).toBe('AWAITING_CORRECTION');
    expect(state.clocks).toEqual([]);
    expect(
      effects
        .filter((e) => e.type === 'TASK_COMPLETED')
        .map((e) => e.type === 'TASK_COMPLETED' && e.taskId),
    ).toEqual(['info-1:CORRECTION_REVIEW:1', 'info-1:ANSWER:1']);
    const corrected = run(state, [
      { type: 'CORRECTED_APPLICATION_RECEIVED', at: at('2026-04-20T10:00:00') },
    ]);
    expect(corrected.state.stage).toBe('IN_PROGRESS');
    expect(clock(corrected.state, 'ANSWER')!.taskId).toBe('info-1:ANSWER:2');
    expect(answerDue(corrected.state)).toBe('2026-05-20');
  });

  it('a consultation holds the ladder; its working days do not count (2026-03-30 → 2026-04-10)', () => {
    const monday = at('2026-03-02T10:00:00');
    const start = run(opened(monday), [
      {
        type: 'CONSULTATION_STARTED',
        consultee: 'THIRD_PARTY',
        party: '某公司',
        at: at('2026-03-10T09:00:00'),
      },
    ]).state;
    expect(answerDue(start)).toBe('2026-03-30');
    expect(start.stage).toBe('CONSULTING');
    expect(clock(start, 'ANSWER')!.rungs).toEqual([]);
    // The third party's 15 working days run meanwhile; the answer's rungs do not fire.
    expect(day(clock(start, 'THIRD_PARTY_OPINION')!.dueAt)).toBe('2026-03-31');
    const late = infoRequestRungsDue(start, at('2026-03-31T00:00:01'));
    expect(
      late!.effects
        .filter((e) => e.type === 'ESCALATION_FIRED')
        .map((e) => e.type === 'ESCALATION_FIRED' && e.taskId),
    ).toEqual(['info-1:THIRD_PARTY_OPINION:1']);
    const ended = run(start, [
      { type: 'CONSULTATION_ENDED', outcome: '第三方不同意公开', at: at('2026-03-20T17:00:00') },
    ]).state;
    expect(ended.stage).toBe('IN_PROGRESS');
    expect(answerDue(ended)).toBe('2026-04-10');
    expect(clock(ended, 'ANSWER')!.pauses).toEqual([
      {
        from: at('2026-03-10T09:00:00'),
        to: at('2026-03-20T17:00:00'),
        reason: 'THIRD_PARTY_CONSULTATION',
      },
    ]);
    expect(clock(ended, 'ANSWER')!.rungs.map((r) => r.role)).toEqual([
      'CASE_CENTER',
      'UNIT_LEADER',
      'BUREAU_LEADER',
    ]);
  });

  it('an answer that misses its deadline: reminder, the disclosure office, then the bureau', () => {
    const state = opened();
    const due = clock(state, 'ANSWER')!.dueAt;
    const fired = infoRequestRungsDue(state, due + 2 * 86_400_000)!;
    expect(
      fired.effects.flatMap((e) =>
        e.type === 'ESCALATION_FIRED' ? [`${e.taskId} ${e.level} ${e.targetRole}`] : [],
      ),
    ).toEqual([
      'info-1:ANSWER:1 REMINDER CASE_CENTER',
      'info-1:ANSWER:1 FIRST_LEVEL UNIT_LEADER',
      'info-1:ANSWER:1 SECOND_LEVEL BUREAU_LEADER',
      'info-1:CORRECTION_REVIEW:1 REMINDER CASE_CENTER',
      'info-1:CORRECTION_REVIEW:1 FIRST_LEVEL UNIT_LEADER',
      'info-1:CORRECTION_REVIEW:1 SECOND_LEVEL BUREAU_LEADER',
    ]);
    expect(infoRequestRungsDue(fired.state, due + 3 * 86_400_000)).toBeUndefined();
  });

  it('deemed abandoned once the period for the correction has passed (Art. 30)', () => {
    const waiting = run(opened(), [
      {
        type: 'CORRECTION_REQUESTED',
        matters: '请补充所需信息的特征描述',
        correctBy: at('2026-04-24T17:00:00'),
        at: at('2026-04-07T09:00:00'),
      },
    ]).state;
    expect(refusalOf(waiting, { type: 'ABANDONED', at: at('2026-04-24T09:00:00') })).toMatch(
      /has until 2026-04-24 17:00 to correct/,
    );
    const abandoned = run(waiting, [{ type: 'ABANDONED', at: at('2026-04-27T09:00:00') }]).state;
    expect(abandoned.stage).toBe('ABANDONED');
    expect(infoRequestEnded(abandoned)).toBe(true);
  });
});

describe('refusals of a wrong order', () => {
  const correction = (when: string): Step => ({
    type: 'CORRECTION_REQUESTED',
    matters: '请明确所需信息',
    correctBy: at('2026-05-29T17:00:00'),
    at: at(when),
  });
  const cases: Array<[string, Step[], Step, RegExp]> = [
    [
      'an answer dated before the receipt',
      [],
      {
        type: 'ANSWERED',
        answerType: 'DISCLOSED',
        occurredAt: at('2026-04-02T10:00:00'),
        at: at('2026-04-08T10:00:00'),
      },
      /作出答复 \(ANSWERED\) .* is before the last event recorded on this request \(2026-04-03 10:00\)/,
    ],
    [
      'an answer dated in the future',
      [],
      {
        type: 'ANSWERED',
        answerType: 'DISCLOSED',
        occurredAt: at('2026-04-09T10:00:00'),
        at: at('2026-04-08T10:00:00'),
      },
      /is in the future/,
    ],
    [
      'a correction after 7 working days',
      [],
      correction('2026-04-16T09:00:00'),
      /within 7 working days of receipt \(Art. 30\), by 2026-04-15 23:59/,
    ],
    [
      'a second correction',
      [
        correction('2026-04-08T09:00:00'),
        { type: 'CORRECTED_APPLICATION_RECEIVED', at: at('2026-04-13T09:00:00') },
      ],
      correction('2026-04-14T09:00:00'),
      /asked once \(一次性告知/,
    ],
    [
      'a correction after the request was found clear',
      [{ type: 'APPLICATION_CLEAR', at: at('2026-04-07T09:00:00') }],
      correction('2026-04-08T09:00:00'),
      /treated as clear/,
    ],
    [
      'a correction without a reasonable period',
      [],
      { ...correction('2026-04-08T09:00:00'), correctBy: at('2026-04-08T08:00:00') } as Step,
      /合理的补正期限/,
    ],
    [
      'a second extension',
      [{ type: 'EXTENDED', actor: officeHead, reason: '需要', at: at('2026-04-20T09:00:00') }],
      { type: 'EXTENDED', actor: officeHead, reason: '还需要', at: at('2026-04-21T09:00:00') },
      /at most 1 time\(s\); 1 already granted/,
    ],
    [
      'an extension approved by the bureau leader',
      [],
      {
        type: 'EXTENDED',
        actor: actor('BUREAU_LEADER'),
        reason: '需要',
        at: at('2026-04-20T09:00:00'),
      },
      /延长答复期限 \(EXTENDED\) is recorded by UNIT_LEADER/,
    ],
    [
      'an extension of more than 20 working days',
      [],
      {
        type: 'EXTENDED',
        actor: officeHead,
        reason: '需要',
        period: { length: 25, unit: 'DAYS', calendar: 'WORKING' },
        at: at('2026-04-20T09:00:00'),
      },
      /may add at most 20 working days, not 25 working days/,
    ],
    [
      'an extension in natural days',
      [],
      {
        type: 'EXTENDED',
        actor: officeHead,
        reason: '需要',
        period: { length: 20, unit: 'DAYS' },
        at: at('2026-04-20T09:00:00'),
      },
      /counted in working days, not days/,
    ],
    [
      'an extension after the answer was due',
      [],
      { type: 'EXTENDED', actor: officeHead, reason: '需要', at: at('2026-05-08T09:00:00') },
      /before the answer is due \(2026-05-07 23:59/,
    ],
    [
      'an answer while awaiting the correction',
      [correction('2026-04-08T09:00:00')],
      { type: 'ANSWERED', answerType: 'DISCLOSED', at: at('2026-04-09T09:00:00') },
      /awaits its correction/,
    ],
    [
      'an answer during a consultation',
      [
        {
          type: 'CONSULTATION_STARTED',
          consultee: 'OTHER_AGENCY',
          party: '县市场监管局',
          at: at('2026-04-08T09:00:00'),
        },
      ],
      { type: 'ANSWERED', answerType: 'DISCLOSED', at: at('2026-04-09T09:00:00') },
      /record its end first/,
    ],
    [
      'a consultation ended that never began',
      [],
      { type: 'CONSULTATION_ENDED', at: at('2026-04-09T09:00:00') },
      /while the request is CONSULTING/,
    ],
    [
      'a corrected application nobody asked for',
      [],
      { type: 'CORRECTED_APPLICATION_RECEIVED', at: at('2026-04-09T09:00:00') },
      /while the request is AWAITING_CORRECTION/,
    ],
    [
      'a refusal without its reasons',
      [],
      { type: 'ANSWERED', answerType: 'NOT_DISCLOSED', at: at('2026-04-09T09:00:00') },
      /不予公开.*第三十六条第（三）项\) states its reasons/,
    ],
    [
      'an answer by a handler',
      [],
      {
        type: 'ANSWERED',
        answerType: 'DISCLOSED',
        actor: actor('HANDLER'),
        at: at('2026-04-09T09:00:00'),
      },
      /recorded by CASE_CENTER \(案管中心\), not HANDLER/,
    ],
    [
      'anything after the answer',
      [{ type: 'ANSWERED', answerType: 'INFORMATION_NOT_FOUND', at: at('2026-04-09T09:00:00') }],
      { type: 'WITHDRAWN', at: at('2026-04-10T09:00:00') },
      /is ANSWERED \(已答复\): nothing more is recorded/,
    ],
  ];
  it.each(cases)('%s', (_, before, step, expected) => {
    const state = run(opened(), before).state;
    expect(refusalOf(state, step)).toMatch(expected);
  });
});

describe('the answer types (Art. 36, 37, 39)', () => {
  it('has the regulation’s types with Chinese labels, and asks reasons where the law does', () => {
    expect(Object.keys(INFO_ANSWER_TYPES)).toEqual([
      'ALREADY_PUBLISHED',
      'DISCLOSED',
      'PARTIALLY_DISCLOSED',
      'NOT_DISCLOSED',
      'INFORMATION_NOT_FOUND',
      'NOT_THIS_AGENCY',
      'REPEATED_REQUEST',
      'OTHER_PROCEDURE',
      'NOT_AN_INFO_REQUEST',
    ]);
    expect(answerRefusal('PARTIALLY_DISCLOSED', undefined)).toMatch(/部分公开/);
    expect(answerRefusal('PARTIALLY_DISCLOSED', '涉及个人隐私部分不予公开')).toBeUndefined();
    expect(answerRefusal('INFORMATION_NOT_FOUND', undefined)).toBeUndefined();
    expect(answerRefusal('MAYBE', undefined)).toMatch(
      /answerType must be one of ALREADY_PUBLISHED/,
    );
  });

  it('the deadline explanation names the consultation in Chinese and English', () => {
    const deadline = computeDeadline({
      policy: DEADLINE_POLICIES.INFO_DISCLOSURE,
      triggeredAt: at('2026-03-02T10:00:00'),
      pauses: [
        {
          from: at('2026-03-10T09:00:00'),
          to: at('2026-03-20T17:00:00'),
          reason: 'AGENCY_CONSULTATION',
        },
      ],
    });
    expect(deadline.steps.map((s) => s.zh)).toContain(
      '中止：征求其他机关意见期间（2026-03-10至2026-03-20，8个工作日）不计入，届满日为2026-04-10。',
    );
    expect(deadline.steps.map((s) => s.en)).toContain(
      'Paused: consulting another agency (2026-03-10 to 2026-03-20, 8 working days) does not count, so the last day is 2026-04-10.',
    );
  });
});

describe("the bureau's answer rate (evaluation)", () => {
  const month = { from: at('2026-05-01T00:00:00'), to: at('2026-06-01T00:00:00') };
  const request = (
    id: string,
    answerDueAt: string | null,
    answeredAt: string | null,
    unitId = 'gaj.office',
  ) => ({
    id,
    unitId,
    receivedAt: at('2026-04-03T10:00:00'),
    answerDueAt: answerDueAt === null ? null : at(answerDueAt),
    answeredAt: answeredAt === null ? null : at(answeredAt),
  });
  const task = (id: string, step: string, dueAt: string, completedAt: string | null) => ({
    id,
    caseId: null,
    alarmId: null,
    infoRequestId: id.split(':')[0]!,
    step,
    unitId: 'gaj.office',
    dueAt: at(dueAt),
    completedAt: completedAt === null ? null : at(completedAt),
    overdue: completedAt === null || at(completedAt) > at(dueAt),
  });

  it('counts the answers due in the month, on time, late or not yet, and the steps from the tasks', () => {
    const figures = evaluate('gaj', month, {
      cases: [],
      tasks: [
        task('info-1:ANSWER:1', 'INFO_DISCLOSURE', '2026-05-07T23:59:59', '2026-05-06T10:00:00'),
        task('info-2:ANSWER:1', 'INFO_DISCLOSURE', '2026-05-07T23:59:59', '2026-05-12T10:00:00'),
        task(
          'info-3:CORRECTION_REVIEW:1',
          'INFO_CORRECTION_NOTICE',
          '2026-05-15T23:59:59',
          '2026-05-08T10:00:00',
        ),
      ],
      escalations: [],
      events: [],
      alarms: [],
      infoRequests: [
        request('info-1', '2026-05-07T23:59:59', '2026-05-06T10:00:00'),
        request('info-2', '2026-05-07T23:59:59', '2026-05-12T10:00:00'),
        request('info-3', '2026-05-20T23:59:59', null),
        // Due next month, or no answer owed (awaiting a correction), or another unit's: not counted.
        request('info-4', '2026-06-03T23:59:59', '2026-05-20T10:00:00'),
        request('info-5', null, null),
        request('info-6', '2026-05-07T23:59:59', null, 'other'),
      ],
    });
    expect(figures.infoRequests.answers).toEqual({
      due: 3,
      onTime: 1,
      late: 1,
      unanswered: 1,
      rate: 1 / 3,
    });
    expect(
      figures.infoRequests.steps.map((s) => [s.policy.code, s.completed, s.onTime, s.rate]),
    ).toEqual([
      ['INFO_DISCLOSURE', 2, 1, 0.5],
      ['INFO_CORRECTION_NOTICE', 1, 1, 1],
    ]);
    // Not counted among the cases' or the alarms' steps.
    expect(figures.steps).toEqual([]);
    expect(figures.alarms.steps).toEqual([]);
  });
});
