// 行政复议/行政诉讼 as tables: the reply's 10 working days (行政复议法 2023 Art. 48, 88 ¶2) and the
// defence's 15 days (行政诉讼法 Art. 67) with the law's examples, who appears in court (Art. 3 ¶3),
// the outcomes each kind has, performance (履行), and the refusals of a wrong order.
import { DEADLINE_POLICIES } from '../../../domain/deadline-policies';
import { computeDeadline } from '../../../domain/deadlines';
import { evaluate, type MatterRecord } from '../../../domain/evaluation';
import { evaluationCsv } from '../../../domain/evaluation-csv';
import {
  appearanceRefusal,
  contestedDecisionRefusal,
  copyReceivedRefusal,
  OUTCOMES,
  outcomeLabel,
  type MatterKind,
  type NewMatter,
} from '../../../domain/litigation';
import {
  decideMatter,
  matterEnded,
  matterRow,
  matterRungsDue,
  openMatter,
  type MatterCommand,
} from '../../../domain/litigation-decider';
import type { Role } from '../../../domain/roles';

const at = (text: string) => Date.parse(`${text}+08:00`);
const endOf = (date: string) => at(`${date}T23:59:59.999`);
const actor = (role: Role) => ({ id: `${role.toLowerCase()}-1`, role });
const legal = actor('LEGAL_OFFICER');
const leader = { name: '王局长', post: '分局局长' };
const officer = { name: '李警官', post: '法制大队民警' };

// Wednesday 2026-09-30, the day before National Day (Oct 1–7; Oct 10 a make-up working day).
const BEFORE_NATIONAL_DAY = at('2026-09-30T10:00:00');

function matter(kind: MatterKind, copyReceivedAt = BEFORE_NATIONAL_DAY): NewMatter {
  return {
    matterId: 'lit-1',
    kind,
    unitId: 'gaj.xc',
    decision: { caseId: 'case-1', summary: '行政拘留五日' },
    claimantName: '张某',
    forum: kind === 'LAWSUIT' ? '某区人民法院' : '某区人民政府',
    copyReceivedAt,
    registeredAt: copyReceivedAt,
    registeredBy: legal,
  };
}

type Step = Omit<MatterCommand, 'actor' | 'at'> & Partial<MatterCommand>;

/** Runs the commands in order from a new matter; the first refusal fails the test. */
function run(kind: MatterKind, steps: Step[], copyReceivedAt = BEFORE_NATIONAL_DAY) {
  let state = openMatter(matter(kind, copyReceivedAt)).state;
  const effects = [];
  for (const step of steps) {
    const decision = decideMatter(state, {
      actor: legal,
      at: copyReceivedAt + 86_400_000,
      ...step,
    } as MatterCommand);
    if (!decision.ok) throw new Error(decision.reason);
    if (decision.duplicate) continue;
    state = decision.state;
    effects.push(...decision.effects);
  }
  return { state, effects };
}

/** The refusal of the last command after the others. */
function refusalOf(kind: MatterKind, before: Step[], step: Step): string {
  const { state } = run(kind, before);
  const decision = decideMatter(state, {
    actor: legal,
    at: BEFORE_NATIONAL_DAY + 86_400_000,
    ...step,
  } as MatterCommand);
  if (decision.ok) throw new Error(`${step.type} was not refused`);
  return decision.reason;
}

describe('the answer clocks, with the law’s examples', () => {
  it.each([
    [
      'reply, copy received the day before National Day: 10 working days, the holiday not counted, the make-up Saturday counted (Art. 88 ¶2)',
      'ADMIN_RECONSIDERATION_REPLY',
      BEFORE_NATIONAL_DAY,
      endOf('2026-10-20'),
    ],
    [
      'reply, copy received the Friday before 清明 (Apr 4–6)',
      'ADMIN_RECONSIDERATION_REPLY',
      at('2026-04-03T10:00:00'),
      endOf('2026-04-20'),
    ],
    [
      'reply, copy received on a Monday: two weeks of working days',
      'ADMIN_RECONSIDERATION_REPLY',
      at('2026-03-02T10:00:00'),
      endOf('2026-03-16'),
    ],
    [
      'defence, copy received the day before National Day: 15 days end after it, nothing moves',
      'ADMIN_LITIGATION_DEFENCE',
      BEFORE_NATIONAL_DAY,
      endOf('2026-10-15'),
    ],
    [
      'defence whose 15th day is a holiday (Oct 7): the next working day, not in custody',
      'ADMIN_LITIGATION_DEFENCE',
      at('2026-09-22T10:00:00'),
      endOf('2026-10-08'),
    ],
    [
      'defence whose 15th day is a Saturday: the Monday',
      'ADMIN_LITIGATION_DEFENCE',
      at('2026-03-06T10:00:00'),
      endOf('2026-03-23'),
    ],
  ] as const)('%s', (_what, code, copyReceivedAt, due) => {
    const deadline = computeDeadline({
      policy: DEADLINE_POLICIES[code],
      triggeredAt: copyReceivedAt,
    });
    expect(new Date(deadline.dueAt).toISOString()).toBe(new Date(due).toISOString());
    expect(deadline.warnings).toEqual([]);
  });

  it.each([
    ['ADMIN_RECONSIDERATION_REPLY', 10, 'WORKING', '第四十八条', '第八十八条第二款'],
    ['ADMIN_LITIGATION_DEFENCE', 15, 'NATURAL', '第六十七条', '第一百零一条'],
  ] as const)(
    '%s: %i days (%s), owned by the legal office, escalated to the bureau’s leaders, cited',
    (code, length, calendar, article, counting) => {
      const policy = DEADLINE_POLICIES[code];
      expect(policy).toMatchObject({
        period: { length, unit: 'DAYS', calendar },
        custody: false,
        owner: 'LEGAL_OFFICER',
        escalatesTo: ['BUREAU_LEADER'],
        extensions: [],
      });
      expect(policy.source.article).toBe(article);
      expect(policy.counting?.article).toBe(counting);
      const explanation = computeDeadline({ policy, triggeredAt: BEFORE_NATIONAL_DAY }).steps;
      expect(explanation.at(-1)!.zh).toContain(counting);
    },
  );
});

describe('a matter from registration to its end', () => {
  it('opens the answer’s clock at the copy’s receipt, with the reminder and the bureau’s leaders', () => {
    const { state, effects } = openMatter(matter('RECONSIDERATION'));
    expect(state.stage).toBe('RESPONDING');
    expect(effects[0]).toMatchObject({ type: 'AUDIT', action: 'MATTER_REGISTERED' });
    const opened = effects.find((e) => e.type === 'TASK_OPENED');
    expect(opened).toMatchObject({
      task: {
        taskId: 'lit-1:REPLY:1',
        policyCode: 'ADMIN_RECONSIDERATION_REPLY',
        ownerRole: 'LEGAL_OFFICER',
        dueAt: endOf('2026-10-20'),
      },
    });
    expect(state.clocks[0]!.rungs.map((r) => [r.level, r.role])).toEqual([
      ['REMINDER', 'LEGAL_OFFICER'],
      ['FIRST_LEVEL', 'BUREAU_LEADER'],
    ]);
    expect(matterRow(state)).toMatchObject({
      stage: 'RESPONDING',
      answerDueAt: endOf('2026-10-20'),
    });
  });

  it('a reconsideration whose reply misses its deadline escalates once, then is replied to late, upheld and closed', () => {
    const opened = openMatter(matter('RECONSIDERATION')).state;
    const overdue = matterRungsDue(opened, endOf('2026-10-20') + 1)!;
    expect(overdue.effects.filter((e) => e.type === 'ESCALATION_FIRED')).toEqual([
      expect.objectContaining({ level: 'REMINDER', targetRole: 'LEGAL_OFFICER', late: false }),
      expect.objectContaining({ level: 'FIRST_LEVEL', targetRole: 'BUREAU_LEADER', late: false }),
    ]);
    expect(matterRungsDue(overdue.state, endOf('2026-10-22'))).toBeUndefined();
    const replied = decideMatter(overdue.state, {
      type: 'ANSWER_SUBMITTED',
      actor: legal,
      at: at('2026-10-21T09:00:00'),
    });
    if (!replied.ok || replied.duplicate) throw new Error('refused');
    expect(replied.state.stage).toBe('PENDING_DECISION');
    expect(replied.effects).toContainEqual(
      expect.objectContaining({
        type: 'AUDIT',
        action: 'MATTER_ANSWER_SUBMITTED',
        data: expect.objectContaining({ onTime: false }),
      }),
    );
    const upheld = decideMatter(replied.state, {
      type: 'DECIDED',
      outcome: 'UPHELD',
      actor: legal,
      at: at('2026-11-20T09:00:00'),
    });
    if (!upheld.ok || upheld.duplicate) throw new Error('refused');
    expect(upheld.state.stage).toBe('CLOSED');
    expect(matterEnded(upheld.state)).toBe(true);
  });

  it('a lawsuit defended in time, heard with the leader appearing, revoked and carried out', () => {
    const { state, effects } = run('LAWSUIT', [
      { type: 'ANSWER_SUBMITTED', note: '答辩状及证据目录' },
      { type: 'HEARING_RECORDED', leaderAppeared: true, leader },
      { type: 'DECIDED', outcome: 'REVOKED', documentNumber: '（2026）某0102行初12号' },
    ]);
    expect(state.stage).toBe('AWAITING_PERFORMANCE');
    expect(matterEnded(state)).toBe(false);
    expect(matterRow(state)).toMatchObject({
      answeredAt: BEFORE_NATIONAL_DAY + 86_400_000,
      answerDueAt: endOf('2026-10-15'),
      hearings: [expect.objectContaining({ leaderAppeared: true, leader })],
      outcome: 'REVOKED',
      outcomeDocument: '（2026）某0102行初12号',
    });
    expect(effects).toContainEqual(
      expect.objectContaining({ type: 'TASK_COMPLETED', taskId: 'lit-1:DEFENCE:1' }),
    );
    const done = decideMatter(state, {
      type: 'CARRIED_OUT',
      note: '已撤销原处罚决定并退还罚款',
      actor: legal,
      at: BEFORE_NATIONAL_DAY + 5 * 86_400_000,
    });
    if (!done.ok || done.duplicate) throw new Error('refused');
    expect(matterRow(done.state)).toMatchObject({
      stage: 'CLOSED',
      carriedOutNote: '已撤销原处罚决定并退还罚款',
    });
    expect(matterEnded(done.state)).toBe(true);
  });

  it.each([
    ['REVOKED', 'AWAITING_PERFORMANCE'],
    ['VARIED', 'AWAITING_PERFORMANCE'],
    ['CONFIRMED_ILLEGAL', 'AWAITING_PERFORMANCE'],
    ['ORDERED_TO_PERFORM', 'AWAITING_PERFORMANCE'],
    ['MEDIATED', 'AWAITING_PERFORMANCE'],
    ['CLAIM_REJECTED', 'CLOSED'],
    ['APPLICATION_DISMISSED', 'CLOSED'],
    ['WITHDRAWN', 'CLOSED'],
  ] as const)('a lawsuit decided %s is %s', (outcome, stage) => {
    const { state } = run('LAWSUIT', [{ type: 'ANSWER_SUBMITTED' }, { type: 'DECIDED', outcome }]);
    expect(state.stage).toBe(stage);
  });

  it('a withdrawal before the answer ends the matter and its clock', () => {
    const { state, effects } = run('RECONSIDERATION', [{ type: 'DECIDED', outcome: 'WITHDRAWN' }]);
    expect(state.stage).toBe('CLOSED');
    expect(state.clocks).toEqual([]);
    expect(effects).toContainEqual(expect.objectContaining({ type: 'TASK_COMPLETED' }));
  });

  it('acts once on a retried request', () => {
    const { state } = run('LAWSUIT', [{ type: 'ANSWER_SUBMITTED', requestId: 'r-1' }]);
    const again = decideMatter(state, {
      type: 'ANSWER_SUBMITTED',
      requestId: 'r-1',
      actor: legal,
      at: BEFORE_NATIONAL_DAY + 2 * 86_400_000,
    });
    expect(again).toEqual({ ok: true, duplicate: true, version: state.version });
  });
});

describe('the outcomes each kind has, and which go against the bureau', () => {
  it.each([
    ['UPHELD', 'RECONSIDERATION', '维持'],
    ['UPHELD', 'LAWSUIT', undefined],
    ['CLAIM_REJECTED', 'LAWSUIT', '判决驳回诉讼请求'],
    ['WITHDRAWN', 'LAWSUIT', '撤诉'],
    ['WITHDRAWN', 'RECONSIDERATION', '撤回行政复议申请'],
    ['BURNED', 'LAWSUIT', undefined],
  ] as const)('%s in a %s: %s', (outcome, kind, label) => {
    expect(outcomeLabel(outcome, kind)).toBe(label);
  });

  it('counts 撤销, 变更, 确认违法, 确认无效 and 责令履行 against the bureau, each to be carried out', () => {
    const against = Object.entries(OUTCOMES).filter(([, o]) => o.against);
    expect(against.map(([code]) => code)).toEqual([
      'REVOKED',
      'VARIED',
      'CONFIRMED_ILLEGAL',
      'CONFIRMED_VOID',
      'ORDERED_TO_PERFORM',
    ]);
    expect(against.every(([, o]) => o.performance)).toBe(true);
  });
});

describe('who appears in court (行政诉讼法 Art. 3 ¶3)', () => {
  it.each([
    ['the leader in person', 'LAWSUIT', { leaderAppeared: true, leader }, undefined],
    [
      'an officer in the leader’s place, with the reason',
      'LAWSUIT',
      { leaderAppeared: false, leader, officer, reason: '出席全市安保会议' },
      undefined,
    ],
    [
      'no officer in the leader’s place',
      'LAWSUIT',
      { leaderAppeared: false, leader, reason: '公务' },
      /an officer of the bureau \(相应的工作人员\) appears instead.*officer\.name/,
    ],
    [
      'no reason for the leader’s absence',
      'LAWSUIT',
      { leaderAppeared: false, leader, officer },
      /say why they could not.*give reason/,
    ],
    [
      'no leader named',
      'LAWSUIT',
      { leaderAppeared: true, leader: { name: ' ', post: '局长' } },
      /行政机关负责人.*leader\.name and leader\.post/,
    ],
    [
      'a court session on a reconsideration',
      'RECONSIDERATION',
      { leaderAppeared: true, leader },
      /recorded on a lawsuit \(LAWSUIT\), not on a 行政复议/,
    ],
  ] as const)('%s', (_what, kind, appearance, refusal) => {
    const reason = appearanceRefusal(kind, appearance);
    if (refusal) expect(reason).toMatch(refusal);
    else expect(reason).toBeUndefined();
  });

  it('keeps the officer and the reason only when the leader did not appear', () => {
    const { state } = run('LAWSUIT', [
      { type: 'HEARING_RECORDED', leaderAppeared: true, leader, officer, reason: '无' },
    ]);
    expect(state.hearings).toEqual([
      { hearingAt: BEFORE_NATIONAL_DAY + 86_400_000, leaderAppeared: true, leader },
    ]);
  });
});

describe('refusals', () => {
  const answered: Step[] = [{ type: 'ANSWER_SUBMITTED' }];
  it.each([
    [
      'a handler records the reply',
      'LAWSUIT',
      [],
      { type: 'ANSWER_SUBMITTED', actor: actor('HANDLER') },
      /recorded by LEGAL_OFFICER \(法制员\), not HANDLER/,
    ],
    [
      'a second reply',
      'LAWSUIT',
      answered,
      { type: 'ANSWER_SUBMITTED' },
      /while the matter is RESPONDING/,
    ],
    [
      'an outcome before the reply',
      'RECONSIDERATION',
      [],
      { type: 'DECIDED', outcome: 'REVOKED' },
      /书面答复及证据 is not yet recorded: record it first/,
    ],
    [
      'a reconsideration’s outcome in a lawsuit',
      'LAWSUIT',
      answered,
      { type: 'DECIDED', outcome: 'UPHELD' },
      /outcome of a 行政诉讼 \(LAWSUIT\) must be one of CLAIM_REJECTED, .*not UPHELD/,
    ],
    [
      'performance before any outcome',
      'LAWSUIT',
      answered,
      { type: 'CARRIED_OUT', note: '已履行' },
      /while the matter is AWAITING_PERFORMANCE/,
    ],
    [
      'performance without saying what was done',
      'LAWSUIT',
      [...answered, { type: 'DECIDED', outcome: 'VARIED' }],
      { type: 'CARRIED_OUT', note: ' ' },
      /Say what was done.*give note/,
    ],
    [
      'anything after the matter is closed',
      'LAWSUIT',
      [...answered, { type: 'DECIDED', outcome: 'CLAIM_REJECTED' }],
      { type: 'HEARING_RECORDED', leaderAppeared: true, leader },
      /CLOSED \(已结\): nothing more is recorded/,
    ],
    [
      'a reply dated in the future',
      'LAWSUIT',
      [],
      { type: 'ANSWER_SUBMITTED', occurredAt: BEFORE_NATIONAL_DAY + 30 * 86_400_000 },
      /is in the future; record it once it has happened/,
    ],
    [
      'a reply dated before the copy was received',
      'LAWSUIT',
      [],
      { type: 'ANSWER_SUBMITTED', occurredAt: BEFORE_NATIONAL_DAY - 86_400_000 },
      /is before the last event recorded on this matter/,
    ],
  ] as Array<[string, MatterKind, Step[], Step, RegExp]>)(
    '%s',
    (_what, kind, before, step, refusal) => {
      expect(refusalOf(kind, before, step)).toMatch(refusal);
    },
  );

  it.each([
    [{ summary: '处罚' }, undefined, /give caseId .* or documentNumber/],
    [
      { caseId: 'case-1', summary: '刑事拘留' },
      'CRIMINAL',
      /not administrative acts.*第一条第二款/,
    ],
    [{ caseId: 'case-1', summary: '行政拘留' }, 'ADMINISTRATIVE', undefined],
    [{ documentNumber: 'X公（治）行罚决字〔2026〕123号', summary: '罚款' }, undefined, undefined],
  ] as const)('the decision challenged %j (%s)', (decision, caseKind, refusal) => {
    const reason = contestedDecisionRefusal(decision, caseKind);
    if (refusal) expect(reason).toMatch(refusal);
    else expect(reason).toBeUndefined();
  });

  it('refuses a copy received in the future, naming the copy', () => {
    expect(copyReceivedRefusal('LAWSUIT', 2, 1)).toMatch(/起诉状副本 reached the bureau/);
    expect(copyReceivedRefusal('RECONSIDERATION', 1, 1)).toBeUndefined();
  });
});

describe('the evaluation of reconsiderations and lawsuits', () => {
  const period = { from: at('2026-10-01T00:00:00'), to: at('2026-11-01T00:00:00') };
  const base = {
    unitId: 'gaj.xc',
    answerDueAt: null,
    answeredAt: null,
    hearings: [],
    outcome: null,
    decidedAt: null,
    carriedOutAt: null,
  };
  const matters: MatterRecord[] = [
    // Received in October, replied to in time, revoked and carried out within the month.
    {
      ...base,
      id: 'm1',
      kind: 'RECONSIDERATION',
      copyReceivedAt: at('2026-10-08T10:00:00'),
      answerDueAt: at('2026-10-22T23:59:59.999'),
      answeredAt: at('2026-10-20T10:00:00'),
      outcome: 'REVOKED',
      decidedAt: at('2026-10-28T10:00:00'),
      carriedOutAt: at('2026-10-30T10:00:00'),
    },
    // Received in September; its defence due and late in October; two sessions, the leader at one;
    // confirmed illegal and not yet carried out.
    {
      ...base,
      id: 'm2',
      kind: 'LAWSUIT',
      copyReceivedAt: at('2026-09-20T10:00:00'),
      answerDueAt: at('2026-10-08T23:59:59.999'),
      answeredAt: at('2026-10-09T10:00:00'),
      hearings: [
        { hearingAt: at('2026-10-15T09:00:00'), leaderAppeared: true },
        { hearingAt: at('2026-10-25T09:00:00'), leaderAppeared: false },
      ],
      outcome: 'CONFIRMED_ILLEGAL',
      decidedAt: at('2026-10-29T10:00:00'),
    },
    // Received in October, its defence not due yet; dismissed (for the bureau) in October.
    {
      ...base,
      id: 'm3',
      kind: 'LAWSUIT',
      copyReceivedAt: at('2026-10-26T10:00:00'),
      answerDueAt: at('2026-11-10T23:59:59.999'),
      answeredAt: at('2026-10-27T10:00:00'),
      outcome: 'CLAIM_REJECTED',
      decidedAt: at('2026-10-31T10:00:00'),
    },
    // Another unit's: not counted.
    {
      ...base,
      id: 'm4',
      unitId: 'gaj.yy',
      kind: 'LAWSUIT',
      copyReceivedAt: at('2026-10-09T10:00:00'),
    },
  ];
  const tasks = [
    {
      id: 'm1:REPLY:1',
      caseId: null,
      alarmId: null,
      litigationMatterId: 'm1',
      step: 'ADMIN_RECONSIDERATION_REPLY',
      unitId: 'gaj.xc',
      dueAt: matters[0]!.answerDueAt!,
      completedAt: matters[0]!.answeredAt,
      overdue: false,
    },
    {
      id: 'm2:DEFENCE:1',
      caseId: null,
      alarmId: null,
      litigationMatterId: 'm2',
      step: 'ADMIN_LITIGATION_DEFENCE',
      unitId: 'gaj.xc',
      dueAt: matters[1]!.answerDueAt!,
      completedAt: matters[1]!.answeredAt,
      overdue: true,
    },
  ];

  it('counts receipts, answers on time, the leaders’ appearances and the outcomes against the bureau', () => {
    const figures = evaluate('gaj.xc', period, {
      cases: [],
      tasks,
      escalations: [
        { taskId: 'm2:DEFENCE:1', level: 'FIRST_LEVEL', firedAt: at('2026-10-09T00:00:00') },
      ],
      events: [],
      alarms: [],
      litigation: matters,
    }).litigation;
    expect(figures).toMatchObject({
      received: { total: 2, RECONSIDERATION: 1, LAWSUIT: 1 },
      answers: { due: 2, onTime: 1, late: 1, unanswered: 0, rate: 0.5 },
      hearings: { held: 2, leaderAppeared: 1, rate: 0.5 },
      outcomes: {
        decided: 3,
        byOutcome: [
          { outcome: { code: 'CLAIM_REJECTED', label: '驳回请求' }, count: 1 },
          { outcome: { code: 'REVOKED', label: '撤销' }, count: 1 },
          { outcome: { code: 'CONFIRMED_ILLEGAL', label: '确认违法' }, count: 1 },
        ],
        against: 2,
        carriedOut: 1,
        notCarriedOut: 1,
      },
      overdueSteps: { count: 1, open: 0, completedLate: 1 },
      escalations: { REMINDER: 0, FIRST_LEVEL: 1, SECOND_LEVEL: 0 },
    });
    expect(figures.steps.map((s) => [s.policy.code, s.completed, s.onTime, s.rate])).toEqual([
      ['ADMIN_RECONSIDERATION_REPLY', 1, 1, 1],
      ['ADMIN_LITIGATION_DEFENCE', 1, 0, 0],
    ]);
  });

  it('puts them in the CSV, with their per-step rates', () => {
    const evaluation = evaluate('gaj.xc', period, {
      cases: [],
      tasks,
      escalations: [],
      events: [],
      alarms: [],
      litigation: matters,
    });
    const csv = evaluationCsv(evaluation, '某派出所', []);
    expect(csv).toContain('行政复议/行政诉讼');
    expect(csv).toContain(',1,1,2,1,50.0%,2,1,50.0%,3,2,1,1');
    expect(csv).toContain('行政诉讼答辩举证,ADMIN_LITIGATION_DEFENCE,法制员,1,0,1,0.0%,1');
  });
});
