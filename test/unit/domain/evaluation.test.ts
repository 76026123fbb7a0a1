import {
  evaluate,
  type AlarmRecord,
  type CaseEventRecord,
  type CaseRecord,
  type EscalationRecord,
  type EvaluationRecords,
  type TaskRecord,
} from '../../../domain/evaluation';

const HOUR = 3_600_000;
/** March 2026 in Asia/Shanghai: [2026-03-01T00:00+08:00, 2026-04-01T00:00+08:00). */
const from = Date.UTC(2026, 1, 28, 16);
const to = Date.UTC(2026, 2, 31, 16);
const UNIT = 'gaj.xc';

const caseRow = (over: Partial<CaseRecord> = {}): CaseRecord => ({
  id: 'c1',
  unitId: UNIT,
  route: null,
  acceptedAt: from + HOUR,
  closedAt: null,
  ...over,
});
const taskRow = (over: Partial<TaskRecord> = {}): TaskRecord => ({
  id: 't1',
  caseId: 'c1',
  alarmId: null,
  step: 'FILING_REVIEW',
  unitId: UNIT,
  dueAt: from + 72 * HOUR,
  completedAt: null,
  overdue: false,
  ...over,
});
const alarmRow = (over: Partial<AlarmRecord> = {}): AlarmRecord => ({
  id: 'a1',
  unitId: UNIT,
  reportedAt: from + HOUR,
  disposedAt: null,
  ...over,
});
const event = (caseId: string, action: string, occurredAt: number): CaseEventRecord => ({
  caseId,
  action,
  occurredAt,
});

const none: EvaluationRecords = { cases: [], tasks: [], escalations: [], events: [], alarms: [] };
const run = (records: Partial<EvaluationRecords>, unit = UNIT) =>
  evaluate(unit, { from, to }, { ...none, ...records });

const filingReview = {
  policy: { code: 'FILING_REVIEW', label: '刑事立案审查' },
  owner: { code: 'HANDLER', label: '办案民警' },
};

describe('evaluate: an empty period', () => {
  it('has every figure at zero and no steps', () => {
    const zero = { REMINDER: 0, FIRST_LEVEL: 0, SECOND_LEVEL: 0 };
    const noDurations = { count: 0, meanHours: null, maxHours: null };
    expect(run({})).toEqual({
      unit: UNIT,
      period: { from, to },
      cases: { opened: 0, closed: 0 },
      steps: [],
      overdueSteps: { count: 0, open: 0, completedLate: 0 },
      escalations: zero,
      extensions: 0,
      supplementaryReturns: 0,
      fastTrack: {
        cases: 0,
        converted: 0,
        police: noDurations,
        procuratorate: noDurations,
        court: noDurations,
      },
      alarms: {
        received: 0,
        disposed: 0,
        steps: [],
        overdueSteps: { count: 0, open: 0, completedLate: 0 },
        escalations: zero,
      },
      infoRequests: {
        received: 0,
        answers: { due: 0, onTime: 0, late: 0, unanswered: 0, rate: null },
        steps: [],
        overdueSteps: { count: 0, open: 0, completedLate: 0 },
        escalations: zero,
      },
      litigation: {
        received: { total: 0, RECONSIDERATION: 0, LAWSUIT: 0 },
        answers: { due: 0, onTime: 0, late: 0, unanswered: 0, rate: null },
        hearings: { held: 0, leaderAppeared: 0, rate: null },
        outcomes: { decided: 0, byOutcome: [], against: 0, carriedOut: 0, notCarriedOut: 0 },
        steps: [],
        overdueSteps: { count: 0, open: 0, completedLate: 0 },
        escalations: zero,
      },
    });
  });
});

describe('evaluate: cases opened and closed', () => {
  it.each<[string, Partial<CaseRecord>, string, { opened: number; closed: number }]>([
    ['accepted at the start of the period', { acceptedAt: from }, UNIT, { opened: 1, closed: 0 }],
    ['accepted in its last millisecond', { acceptedAt: to - 1 }, UNIT, { opened: 1, closed: 0 }],
    ['accepted at its end (the next period)', { acceptedAt: to }, UNIT, { opened: 0, closed: 0 }],
    ['accepted just before it', { acceptedAt: from - 1 }, UNIT, { opened: 0, closed: 0 }],
    [
      'accepted before, closed at the start',
      { acceptedAt: from - HOUR, closedAt: from },
      UNIT,
      { opened: 0, closed: 1 },
    ],
    ['opened and closed within', { closedAt: from + 2 * HOUR }, UNIT, { opened: 1, closed: 1 }],
    ['closed at the end', { closedAt: to }, UNIT, { opened: 1, closed: 0 }],
    ['of a unit below', { unitId: 'gaj.xc.zaz' }, UNIT, { opened: 1, closed: 0 }],
    ['of the unit above', { unitId: 'gaj' }, UNIT, { opened: 0, closed: 0 }],
    ['of a sibling whose id starts alike', { unitId: 'gaj.xcx' }, UNIT, { opened: 0, closed: 0 }],
    [
      'of a sibling that `_` would match',
      { unitId: 'gaj.xac' },
      'gaj.x_c',
      { opened: 0, closed: 0 },
    ],
    [
      'of a unit with `_` in its id',
      { unitId: 'gaj.x_c.zaz' },
      'gaj.x_c',
      { opened: 1, closed: 0 },
    ],
    ['for the whole bureau', { unitId: 'gaj.xc.zaz' }, 'gaj', { opened: 1, closed: 0 }],
  ])('%s', (_, over, unit, expected) => {
    expect(run({ cases: [caseRow(over)] }, unit).cases).toEqual(expected);
  });
});

describe('evaluate: steps on time', () => {
  const due = from + 72 * HOUR;
  // Rows without figures say `null` outright: Jest hands a short row's missing argument its `done`.
  it.each<
    [string, Partial<TaskRecord>, { completed: number; onTime: number; late: number } | null]
  >([
    [
      'completed before its due time',
      { completedAt: due - HOUR },
      { completed: 1, onTime: 1, late: 0 },
    ],
    [
      'completed exactly at its due time',
      { completedAt: due },
      { completed: 1, onTime: 1, late: 0 },
    ],
    [
      'completed a millisecond late',
      { completedAt: due + 1 },
      { completed: 1, onTime: 0, late: 1 },
    ],
    [
      'completed at the start of the period',
      { dueAt: from + HOUR, completedAt: from },
      { completed: 1, onTime: 1, late: 0 },
    ],
    ['completed at the end of the period (the next one)', { dueAt: to, completedAt: to }, null],
    ['completed before the period', { dueAt: from, completedAt: from - 1 }, null],
    ['still open', { completedAt: null }, null],
    [
      'of a unit below',
      { unitId: 'gaj.xc.zaz', completedAt: due },
      { completed: 1, onTime: 1, late: 0 },
    ],
    ['of a sibling unit', { unitId: 'gaj.xcx', completedAt: due }, null],
    ['of an alarm, not a case', { caseId: null, alarmId: 'a1', completedAt: due }, null],
  ])('%s', (_, over, expected) => {
    const { steps } = run({ tasks: [taskRow(over)] });
    if (!expected) expect(steps).toEqual([]);
    else
      expect(steps).toEqual([
        { ...filingReview, ...expected, rate: expected.onTime / expected.completed, overdue: 0 },
      ]);
  });

  it('lists the policies in the order of the policy table, with their rates', () => {
    const tasks = [
      taskRow({ id: 'p1', step: 'PROSECUTION_REVIEW_FAST_TRACK', completedAt: from + HOUR }),
      taskRow({ id: 'f1', completedAt: from + HOUR }),
      taskRow({ id: 'f2', completedAt: from + 73 * HOUR, overdue: true }),
      taskRow({ id: 'f3', completedAt: from + 2 * HOUR }),
      taskRow({ id: 'l1', step: 'LEGAL_REVIEW', overdue: true, dueAt: from + 5 * HOUR }),
    ];
    expect(
      run({ tasks }).steps.map((s) => [
        s.policy.code,
        s.owner?.code,
        s.completed,
        s.rate,
        s.overdue,
      ]),
    ).toEqual([
      ['FILING_REVIEW', 'HANDLER', 3, 2 / 3, 1],
      // Listed for its overdue task, with no rate: none was completed.
      ['LEGAL_REVIEW', 'LEGAL_OFFICER', 0, null, 1],
      ['PROSECUTION_REVIEW_FAST_TRACK', 'PROSECUTOR', 1, 1, 0],
    ]);
  });

  it('labels a step whose code is not in the policy table with its code', () => {
    const [step] = run({ tasks: [taskRow({ step: 'RETIRED_POLICY', completedAt: from })] }).steps;
    expect(step).toEqual({
      policy: { code: 'RETIRED_POLICY', label: 'RETIRED_POLICY' },
      completed: 1,
      onTime: 1,
      late: 0,
      rate: 1,
      overdue: 0,
    });
  });

  it("leaves out the complainant's reconsideration window, which runs out by design", () => {
    const window = taskRow({
      step: 'RECONSIDERATION_APPLICATION',
      dueAt: from + HOUR,
      completedAt: from + 2 * HOUR,
      overdue: true,
    });
    const escalations: EscalationRecord[] = [
      { taskId: 't1', level: 'FIRST_LEVEL', firedAt: from + HOUR },
    ];
    const figures = run({ tasks: [window], escalations });
    expect(figures.steps).toEqual([]);
    expect(figures.overdueSteps.count).toBe(0);
    expect(figures.escalations.FIRST_LEVEL).toBe(0);
  });
});

describe("evaluate: the criminal side's clocks (issue 11 item 4)", () => {
  it('rates the detention duties and the windows for 复议 per step, like every police step', () => {
    const tasks = [
      taskRow({
        id: 'd1',
        step: 'DETENTION_HOUSE_DELIVERY',
        dueAt: from + 24 * HOUR,
        completedAt: from + 2 * HOUR,
      }),
      taskRow({
        id: 'n1',
        step: 'FAMILY_NOTIFICATION',
        dueAt: from + 24 * HOUR,
        completedAt: from + 30 * HOUR,
        overdue: true,
      }),
      taskRow({
        id: 'i1',
        step: 'FIRST_INTERROGATION',
        dueAt: from + 24 * HOUR,
        completedAt: from + 3 * HOUR,
      }),
      taskRow({
        id: 'a1',
        step: 'ARREST_DENIAL_RECONSIDERATION',
        dueAt: from + 120 * HOUR,
        completedAt: from + 5 * HOUR,
      }),
      taskRow({
        id: 'r1',
        step: 'REVIEW_DECISION',
        dueAt: from + 720 * HOUR,
        completedAt: from + 100 * HOUR,
      }),
      // The complainant's window for 复核 runs out by design, like the one for 复议.
      taskRow({
        id: 'w1',
        step: 'REVIEW_APPLICATION',
        dueAt: from + HOUR,
        completedAt: from + 2 * HOUR,
        overdue: true,
      }),
    ];
    expect(
      run({ tasks }).steps.map((s) => [s.policy.code, s.policy.label, s.owner?.code, s.rate]),
    ).toEqual([
      ['REVIEW_DECISION', '上级公安机关复核决定', 'CASE_CENTER', 1],
      ['DETENTION_HOUSE_DELIVERY', '拘留后送看守所羁押', 'HANDLER', 1],
      ['FAMILY_NOTIFICATION', '拘留后通知家属', 'HANDLER', 0],
      ['FIRST_INTERROGATION', '拘留后首次讯问', 'HANDLER', 1],
      ['ARREST_DENIAL_RECONSIDERATION', '不批准逮捕要求复议期限', 'HANDLER', 1],
    ]);
  });
});

describe('evaluate: overdue steps', () => {
  it.each<[string, Partial<TaskRecord>, { count: number; open: number; completedLate: number }]>([
    ['due in the period, still open', { overdue: true }, { count: 1, open: 1, completedLate: 0 }],
    [
      'due in the period, completed late within it',
      { overdue: true, completedAt: from + 80 * HOUR },
      { count: 1, open: 0, completedLate: 1 },
    ],
    [
      'due in the period, completed after it: open at its end',
      { overdue: true, completedAt: to },
      { count: 1, open: 1, completedLate: 0 },
    ],
    [
      'due at the start of the period',
      { overdue: true, dueAt: from },
      { count: 1, open: 1, completedLate: 0 },
    ],
    [
      'due at the end of the period',
      { overdue: true, dueAt: to },
      { count: 0, open: 0, completedLate: 0 },
    ],
    [
      'due before the period, completed late in it',
      { overdue: true, dueAt: from - 1, completedAt: from + HOUR },
      { count: 0, open: 0, completedLate: 0 },
    ],
    ['not marked overdue', { overdue: false }, { count: 0, open: 0, completedLate: 0 }],
    [
      'of a unit below',
      { overdue: true, unitId: 'gaj.xc.zaz' },
      { count: 1, open: 1, completedLate: 0 },
    ],
    [
      'of a sibling unit',
      { overdue: true, unitId: 'gaj.xcx' },
      { count: 0, open: 0, completedLate: 0 },
    ],
  ])('%s', (_, over, expected) => {
    expect(run({ tasks: [taskRow(over)] }).overdueSteps).toEqual(expected);
  });
});

describe('evaluate: a deadline extended after it went overdue', () => {
  const firstLevel = (firedAt: number): EscalationRecord => ({
    taskId: 't1',
    level: 'FIRST_LEVEL',
    firedAt,
  });

  it('is late, though completed within the extended due time', () => {
    const task = taskRow({
      overdue: true,
      dueAt: from + 200 * HOUR,
      completedAt: from + 80 * HOUR,
    });
    const [step] = run({ tasks: [task], escalations: [firstLevel(from + 72 * HOUR)] }).steps;
    expect(step).toMatchObject({ completed: 1, onTime: 0, late: 1, rate: 0, overdue: 1 });
  });

  it.each<[string, number, number, { count: number; open: number; completedLate: number }]>([
    [
      'went overdue in the period, extended into the next',
      from + 72 * HOUR,
      to + HOUR,
      { count: 1, open: 1, completedLate: 0 },
    ],
    [
      'went overdue before the period, extended into it',
      from - HOUR,
      from + HOUR,
      { count: 0, open: 0, completedLate: 0 },
    ],
  ])('%s: counted in the period its first level fired', (_, firedAt, dueAt, expected) => {
    const task = taskRow({ overdue: true, dueAt });
    const figures = run({ tasks: [task], escalations: [firstLevel(firedAt)] });
    expect(figures.overdueSteps).toEqual(expected);
  });
});

describe('evaluate: escalations', () => {
  const tasks = [
    taskRow({ id: 'mine' }),
    taskRow({ id: 'below', unitId: 'gaj.xc.zaz' }),
    taskRow({ id: 'sibling', unitId: 'gaj.xcx' }),
    taskRow({ id: 'alarm', caseId: null, alarmId: 'a1', step: 'ALARM_DISPOSAL' }),
  ];
  it.each<[string, EscalationRecord, 'case' | 'alarm' | 'none']>([
    [
      'fired at the start of the period',
      { taskId: 'mine', level: 'REMINDER', firedAt: from },
      'case',
    ],
    [
      'fired in its last millisecond',
      { taskId: 'mine', level: 'FIRST_LEVEL', firedAt: to - 1 },
      'case',
    ],
    ['fired at its end', { taskId: 'mine', level: 'FIRST_LEVEL', firedAt: to }, 'none'],
    ['fired before it', { taskId: 'mine', level: 'SECOND_LEVEL', firedAt: from - 1 }, 'none'],
    ['on a unit below', { taskId: 'below', level: 'SECOND_LEVEL', firedAt: from }, 'case'],
    ['on a sibling unit', { taskId: 'sibling', level: 'REMINDER', firedAt: from }, 'none'],
    ['on a task not among the rows', { taskId: 'other', level: 'REMINDER', firedAt: from }, 'none'],
    ["on an alarm's step", { taskId: 'alarm', level: 'FIRST_LEVEL', firedAt: from }, 'alarm'],
  ])('%s', (_, escalation, counted) => {
    const figures = run({ tasks, escalations: [escalation] });
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b);
    expect([total(figures.escalations), total(figures.alarms.escalations)]).toEqual(
      counted === 'case' ? [1, 0] : counted === 'alarm' ? [0, 1] : [0, 0],
    );
    if (counted === 'case') expect(figures.escalations[escalation.level]).toBe(1);
  });

  it('counts each level', () => {
    const escalations: EscalationRecord[] = [
      { taskId: 'mine', level: 'REMINDER', firedAt: from },
      { taskId: 'mine', level: 'FIRST_LEVEL', firedAt: from + 1 },
      { taskId: 'mine', level: 'SECOND_LEVEL', firedAt: from + 2 },
      { taskId: 'below', level: 'REMINDER', firedAt: from },
    ];
    expect(run({ tasks, escalations }).escalations).toEqual({
      REMINDER: 2,
      FIRST_LEVEL: 1,
      SECOND_LEVEL: 1,
    });
  });
});

describe('evaluate: extensions and supplementary-investigation returns', () => {
  const cases = [
    caseRow({ id: 'old', acceptedAt: from - 100 * HOUR }),
    caseRow({ id: 'below', unitId: 'gaj.xc.zaz' }),
    caseRow({ id: 'sibling', unitId: 'gaj.xcx' }),
  ];
  it.each<[string, CaseEventRecord, { extensions: number; supplementaryReturns: number }]>([
    [
      'an extension in the period, of a case accepted before it',
      event('old', 'DEADLINE_EXTENDED', from),
      { extensions: 1, supplementaryReturns: 0 },
    ],
    [
      'an extension at the end of the period',
      event('old', 'DEADLINE_EXTENDED', to),
      { extensions: 0, supplementaryReturns: 0 },
    ],
    [
      'a return in the period, in a unit below',
      event('below', 'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION', to - 1),
      { extensions: 0, supplementaryReturns: 1 },
    ],
    [
      'a return before the period',
      event('below', 'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION', from - 1),
      { extensions: 0, supplementaryReturns: 0 },
    ],
    [
      'an extension of a sibling unit',
      event('sibling', 'DEADLINE_EXTENDED', from),
      { extensions: 0, supplementaryReturns: 0 },
    ],
    [
      'an extension of a case not among the rows',
      event('other', 'DEADLINE_EXTENDED', from),
      { extensions: 0, supplementaryReturns: 0 },
    ],
    [
      'another action',
      event('old', 'RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION', from),
      { extensions: 0, supplementaryReturns: 0 },
    ],
  ])('%s', (_, e, expected) => {
    const { extensions, supplementaryReturns } = run({ cases, events: [e] });
    expect({ extensions, supplementaryReturns }).toEqual(expected);
  });
});

describe('evaluate: fast-track durations', () => {
  const accepted = from - 40 * HOUR;
  /** Police 10 h + 10 h (supplementary investigation), procuratorate 10 h + 5 h, court 15 h. */
  const withReturn = (caseId: string, judgedAt = accepted + 50 * HOUR) => [
    event(caseId, 'TRANSFER_FOR_PROSECUTION', accepted + 10 * HOUR),
    event(caseId, 'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION', accepted + 20 * HOUR),
    event(caseId, 'RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION', accepted + 30 * HOUR),
    event(caseId, 'INDICT', accepted + 35 * HOUR),
    event(caseId, 'PRONOUNCE_JUDGMENT', judgedAt),
  ];
  /** Police 30 h, procuratorate 8 h, court 4 h: judged 2 h into the period. */
  const direct = (caseId: string) => [
    event(caseId, 'TRANSFER_FOR_PROSECUTION', accepted + 30 * HOUR),
    event(caseId, 'INDICT', accepted + 38 * HOUR),
    event(caseId, 'PRONOUNCE_JUDGMENT', accepted + 42 * HOUR),
  ];
  const fast = (id: string, over: Partial<CaseRecord> = {}) =>
    caseRow({ id, route: 'FAST_TRACK', acceptedAt: accepted, ...over });

  it('splits the time from acceptance to judgment between police, procuratorate and court', () => {
    const figures = run({
      cases: [fast('a'), fast('b')],
      // Out of order on purpose: the trail is read in time order.
      events: [...withReturn('a').reverse(), ...direct('b')],
    });
    expect(figures.fastTrack).toEqual({
      cases: 2,
      converted: 0,
      police: { count: 2, meanHours: 25, maxHours: 30 },
      procuratorate: { count: 2, meanHours: 11.5, maxHours: 15 },
      court: { count: 2, meanHours: 9.5, maxHours: 15 },
    });
    // Case a was returned before the period: not one of this period's returns.
    expect(figures.supplementaryReturns).toBe(0);
  });

  it.each<[string, CaseRecord, CaseEventRecord[], { cases: number; converted: number }]>([
    [
      'judged at the start of the period',
      fast('a'),
      withReturn('a', from),
      { cases: 1, converted: 0 },
    ],
    ['judged at its end', fast('a'), withReturn('a', to), { cases: 0, converted: 0 }],
    ['judged before it', fast('a'), withReturn('a', from - 1), { cases: 0, converted: 0 }],
    [
      'on the ordinary route',
      fast('a', { route: 'ORDINARY' }),
      direct('a'),
      { cases: 0, converted: 0 },
    ],
    [
      'of a unit below',
      fast('a', { unitId: 'gaj.xc.zaz' }),
      direct('a'),
      { cases: 1, converted: 0 },
    ],
    [
      'of a sibling unit',
      fast('a', { unitId: 'gaj.xcx' }),
      direct('a'),
      { cases: 0, converted: 0 },
    ],
    [
      'converted by the court to another procedure',
      fast('a'),
      [...direct('a'), event('a', 'CONVERT_PROCEDURE', accepted + 40 * HOUR)],
      { cases: 0, converted: 1 },
    ],
  ])('%s', (_, record, events, expected) => {
    const { cases, converted } = run({ cases: [record], events }).fastTrack;
    expect({ cases, converted }).toEqual(expected);
  });

  it('counts a judged case whose trail lacks a handover, but not in the durations', () => {
    const events = direct('a').filter((e) => e.action !== 'TRANSFER_FOR_PROSECUTION');
    expect(run({ cases: [fast('a')], events }).fastTrack).toMatchObject({
      cases: 1,
      police: { count: 0, meanHours: null, maxHours: null },
    });
  });
});

describe('evaluate: alarms', () => {
  it.each<[string, Partial<AlarmRecord>, { received: number; disposed: number }]>([
    ['reported at the start of the period', { reportedAt: from }, { received: 1, disposed: 0 }],
    ['reported at its end', { reportedAt: to }, { received: 0, disposed: 0 }],
    [
      'reported before, disposed of in it',
      { reportedAt: from - HOUR, disposedAt: from + HOUR },
      { received: 0, disposed: 1 },
    ],
    ['disposed of at its end', { disposedAt: to }, { received: 1, disposed: 0 }],
    ['of a unit below', { unitId: 'gaj.xc.zaz' }, { received: 1, disposed: 0 }],
    ['of a sibling unit', { unitId: 'gaj.xcx' }, { received: 0, disposed: 0 }],
  ])('%s', (_, over, expected) => {
    const { received, disposed } = run({ alarms: [alarmRow(over)] }).alarms;
    expect({ received, disposed }).toEqual(expected);
  });

  it("rates the alarm's arrival and same-day disposal apart from the cases' steps", () => {
    const alarmTask = (id: string, step: string, dueAt: number, completedAt: number) =>
      taskRow({ id, caseId: null, alarmId: 'a1', step, dueAt, completedAt });
    const figures = run({
      tasks: [
        alarmTask('arrival', 'ALARM_ARRIVAL_TIER_1', from + 5 * 60_000, from + 4 * 60_000),
        { ...alarmTask('disposal', 'ALARM_DISPOSAL', from + HOUR, from + 2 * HOUR), overdue: true },
      ],
    });
    expect(figures.steps).toEqual([]);
    expect(figures.alarms.steps.map((s) => [s.policy, s.completed, s.onTime, s.rate])).toEqual([
      [{ code: 'ALARM_ARRIVAL_TIER_1', label: '1级响应到场' }, 1, 1, 1],
      [{ code: 'ALARM_DISPOSAL', label: '警情日清日结' }, 1, 0, 0],
    ]);
    expect(figures.alarms.overdueSteps).toEqual({ count: 1, open: 0, completedLate: 1 });
    expect(figures.overdueSteps.count).toBe(0);
  });
});
