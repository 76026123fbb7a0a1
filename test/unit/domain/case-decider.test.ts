// The case engine's rules as tables: for each command, the state it leads to, the clocks it
// closes, opens, moves or fires, the effects it records, or the rule that refuses it.
import {
  adoptCase,
  caseRow,
  decide,
  openCase,
  rungsDue,
  type CaseCommand,
  type CaseEffect,
  type CaseModel,
  type CaseSettings,
  type NewCase,
} from '../../../domain/case-decider';
import { nextRungDue } from '../../../domain/clocks';
import { REMEMBERED_REQUESTS } from '../../../domain/steps';
import type { PolicyOverrides } from '../../../domain/deadline-policies';
import type { ActionFields, CaseKind } from '../../../domain/lifecycle';
import type { Role } from '../../../domain/roles';
import { eligibleFastTrackFacts } from '../../support/fixtures';

const T0 = Date.parse('2026-03-04T09:15:00+08:00');
const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const actor = (role: Role) => ({ id: `${role.toLowerCase()}-1`, role });
const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });

/** Filing review 100 s (reminder at 75 s, first level at 100 s, second level 10 s later). */
const SHORT: PolicyOverrides = {
  FILING_REVIEW: { period: seconds(100), grace: seconds(10) },
  LEGAL_REVIEW: { period: seconds(100), grace: seconds(10) },
};

function newCase(kind: CaseKind = 'CRIMINAL'): NewCase {
  return {
    caseId: 'case-1',
    kind,
    unitId: 'pcs-chengguan',
    handlerId: 'officer-7',
    title: '盗窃电动车案',
    queryCode: 'AB12CD34',
    acceptedAt: T0,
    acceptedBy: actor('HANDLER'),
  };
}

const action = (
  name: string,
  role: Role,
  at = T0 + HOUR,
  fields: ActionFields = {},
): CaseCommand => ({ type: 'ACTION', action: name, actor: actor(role), at, fields });

/** Applies commands in order, failing on the first refusal. */
function run(state: CaseModel, commands: CaseCommand[], settings: CaseSettings = {}) {
  let effects: CaseEffect[] = [];
  for (const command of commands) {
    const decision = decide(state, command, settings);
    if (!decision.ok) throw new Error(`${JSON.stringify(command)} refused: ${decision.reason}`);
    if (decision.duplicate) throw new Error('unexpected duplicate');
    state = decision.state;
    effects = decision.effects;
  }
  return { state, effects };
}

const refusalOf = (state: CaseModel, command: CaseCommand, settings: CaseSettings = {}) => {
  const decision = decide(state, command, settings);
  return decision.ok ? undefined : decision.reason;
};

const types = (effects: CaseEffect[]) =>
  effects.map((e) =>
    e.type === 'AUDIT'
      ? `AUDIT ${e.action}`
      : e.type === 'ESCALATION_FIRED'
        ? `FIRED ${e.level}${e.late ? ' late' : ''}`
        : e.type === 'TASK_OPENED' || e.type === 'TASK_RESCHEDULED'
          ? `${e.type} ${e.task.taskId.replace('case-1:', '')}`
          : e.type === 'TASK_COMPLETED'
            ? `TASK_COMPLETED ${e.taskId.replace('case-1:', '')}`
            : e.type,
  );

const criminal = (settings: CaseSettings = {}) => openCase(newCase('CRIMINAL'), settings).state;

const TO_COURT: CaseCommand[] = [
  action('FILE', 'HANDLER'),
  action('SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER'),
  action('APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER'),
  action('TRANSFER_FOR_PROSECUTION', 'HANDLER', T0 + HOUR, {
    route: 'FAST_TRACK',
    fastTrackFacts: { ...eligibleFastTrackFacts, likelySentenceMonths: 18 },
    prosecutionOrg: 'jcy-1',
  }),
  action('PROSECUTION_ACCEPT', 'PROSECUTOR'),
  action('INDICT', 'PROSECUTOR', T0 + HOUR, { sentencingProposal: '一年六个月', courtOrg: 'fy-1' }),
  action('COURT_ACCEPT', 'JUDGE'),
];

describe('opening a case', () => {
  it.each([
    ['CRIMINAL', 'FILING_REVIEW', ['AUDIT CASE_ACCEPTED', 'TASK_OPENED FILING_REVIEW:1']],
    ['ADMINISTRATIVE', 'INVESTIGATION', ['AUDIT CASE_ACCEPTED', 'TASK_OPENED ADMIN_CASE:1']],
  ] as const)('a %s case starts in %s with its clocks', (kind, stage, effects) => {
    const opened = openCase(newCase(kind), {});
    expect(opened.state.stage).toBe(stage);
    expect(opened.state.version).toBe(1);
    expect(types(opened.effects)).toEqual(effects);
  });

  it('explains the deadline it opens, and its ladder starts at acceptance', () => {
    const opened = openCase(newCase(), { policyOverrides: SHORT });
    const task = opened.effects.find((e) => e.type === 'TASK_OPENED')!;
    if (task.type !== 'TASK_OPENED') throw new Error('no task');
    expect(task.task).toMatchObject({
      ownerRole: 'HANDLER',
      ownerId: 'officer-7',
      dueAt: T0 + 100 * SECOND,
    });
    expect(task.task.rungs.map((r) => [r.level, r.at - T0, r.role])).toEqual([
      ['REMINDER', 75 * SECOND, 'HANDLER'],
      ['FIRST_LEVEL', 100 * SECOND, 'UNIT_LEADER'],
      ['SECOND_LEVEL', 110 * SECOND, 'BUREAU_LEADER'],
    ]);
    expect(task.task.explanation.length).toBeGreaterThan(0);
    expect(nextRungDue(opened.state)).toBe(T0 + 75 * SECOND);
  });
});

describe('actions move the case and its clocks', () => {
  it.each<[string, CaseCommand[], string, string[]]>([
    [
      'filing closes filing review; investigation has no clock',
      [action('FILE', 'HANDLER')],
      'INVESTIGATION',
      ['TASK_COMPLETED FILING_REVIEW:1', 'AUDIT FILE'],
    ],
    [
      'legal review opens its clock',
      [action('FILE', 'HANDLER'), action('SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER')],
      'LEGAL_REVIEW',
      ['AUDIT SUBMIT_FOR_LEGAL_REVIEW', 'TASK_OPENED LEGAL_REVIEW:1'],
    ],
    [
      'sending for prosecution opens no clock until the prosecutor accepts',
      TO_COURT.slice(0, 4),
      'PROSECUTION_REVIEW',
      ['AUDIT TRANSFER_FOR_PROSECUTION'],
    ],
    [
      "the prosecutor's acceptance starts the review clock",
      TO_COURT.slice(0, 5),
      'PROSECUTION_REVIEW',
      ['AUDIT PROSECUTION_ACCEPT', 'TASK_OPENED PROSECUTION_REVIEW:1'],
    ],
    [
      "the court's acceptance starts the trial clock",
      TO_COURT,
      'COURT_FAST_TRACK',
      ['AUDIT COURT_ACCEPT', 'TASK_OPENED TRIAL:1'],
    ],
    [
      'converting the procedure restarts the trial clock',
      [
        ...TO_COURT,
        action('CONVERT_PROCEDURE', 'JUDGE', T0 + HOUR, {
          procedure: 'ORDINARY',
          reason: '不宜速裁',
        }),
      ],
      'COURT_ORDINARY',
      ['TASK_COMPLETED TRIAL:1', 'AUDIT CONVERT_PROCEDURE', 'TASK_OPENED TRIAL:2'],
    ],
    [
      'a return for supplementary investigation numbers the next review',
      [
        ...TO_COURT.slice(0, 5),
        action('RETURN_FOR_SUPPLEMENTARY_INVESTIGATION', 'PROSECUTOR', T0 + HOUR, {
          reason: '补证',
        }),
        action('RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION', 'HANDLER'),
        action('PROSECUTION_ACCEPT', 'PROSECUTOR'),
      ],
      'PROSECUTION_REVIEW',
      ['AUDIT PROSECUTION_ACCEPT', 'TASK_OPENED PROSECUTION_REVIEW:2'],
    ],
    [
      'archiving closes every clock left',
      [
        ...TO_COURT,
        action('PRONOUNCE_JUDGMENT', 'JUDGE', T0 + HOUR, { judgment: '有期徒刑一年二个月' }),
        action('ARCHIVE', 'CASE_CENTER'),
      ],
      'ARCHIVED',
      ['AUDIT ARCHIVE'],
    ],
  ])('%s', (_, commands, stage, effects) => {
    const { state, effects: last } = run(criminal(), commands);
    expect(state.stage).toBe(stage);
    expect(types(last)).toEqual(effects);
    expect(state.version).toBe(1 + commands.length);
  });

  it('records the fast-track route, its sentence variant and the organisations', () => {
    const { state } = run(criminal(), TO_COURT);
    expect(state).toMatchObject({
      route: 'FAST_TRACK',
      sentenceVariant: 'SENTENCE_OVER_ONE_YEAR',
      prosecutionOrg: 'jcy-1',
      courtOrg: 'fy-1',
      prosecutionAccepted: true,
      courtAccepted: true,
    });
    expect(state.clocks.map((c) => [c.policyCode, c.variant])).toEqual([
      ['FAST_TRACK_TRIAL', 'SENTENCE_OVER_ONE_YEAR'],
    ]);
  });

  it('stamps the closing time, and a public-order case ends its 30-day clock there', () => {
    const admin = openCase(newCase('ADMINISTRATIVE'), {}).state;
    const { state, effects } = run(admin, [
      action('SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER'),
      action('APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER'),
      action('SERVE_PENALTY_DECISION', 'HANDLER', T0 + 2 * HOUR, { penalty: '罚款五百元' }),
    ]);
    expect(state).toMatchObject({ stage: 'CLOSED', closedAt: T0 + 2 * HOUR, clocks: [] });
    expect(types(effects)).toEqual([
      'TASK_COMPLETED PENALTY_SERVICE:1',
      'TASK_COMPLETED ADMIN_CASE:1',
      'AUDIT SERVE_PENALTY_DECISION',
    ]);
    expect(caseRow(state)).toMatchObject({ stage: 'CLOSED', closedAt: T0 + 2 * HOUR, version: 4 });
  });
});

describe('refusals say which rule failed, and change nothing', () => {
  const archived = () =>
    run(criminal(), [
      ...TO_COURT,
      action('PRONOUNCE_JUDGMENT', 'JUDGE', T0 + HOUR, { judgment: '有期徒刑一年二个月' }),
      action('ARCHIVE', 'CASE_CENTER'),
    ]).state;
  const filed = () => run(criminal(), [action('FILE', 'HANDLER')]).state;
  const publicOrder = () => openCase(newCase('ADMINISTRATIVE'), {}).state;
  const appraisal = (from: number, to: number, at: number): CaseCommand => ({
    type: 'PAUSE',
    actor: actor('HANDLER'),
    at,
    taskId: 'case-1:ADMIN_CASE:1',
    reason: 'APPRAISAL',
    from,
    to,
  });

  it.each<[string, () => CaseModel, CaseCommand, string]>([
    [
      'a wrong stage',
      criminal,
      action('ARCHIVE', 'CASE_CENTER'),
      'is not allowed in stage FILING_REVIEW',
    ],
    ['a wrong role', criminal, action('FILE', 'LEGAL_OFFICER'), 'is taken by HANDLER'],
    [
      'a missing field',
      criminal,
      action('DECLINE_FILING', 'HANDLER'),
      'requires the field "reason"',
    ],
    [
      'anything on an archived case',
      archived,
      action('FILE', 'HANDLER'),
      'not allowed in stage ARCHIVED',
    ],
    [
      'an extension without a reason',
      criminal,
      {
        type: 'EXTEND',
        actor: actor('UNIT_LEADER'),
        at: T0,
        taskId: 'case-1:FILING_REVIEW:1',
        by: { length: 1, unit: 'DAYS' },
        reason: ' ',
      },
      'An extension requires a reason.',
    ],
    [
      'an extension of a completed step',
      filed,
      {
        type: 'EXTEND',
        actor: actor('UNIT_LEADER'),
        at: T0,
        taskId: 'case-1:FILING_REVIEW:1',
        by: { length: 1, unit: 'DAYS' },
        reason: '案情复杂',
      },
      'The deadline case-1:FILING_REVIEW:1 is already completed.',
    ],
    [
      'an extension of no such step',
      criminal,
      {
        type: 'EXTEND',
        actor: actor('UNIT_LEADER'),
        at: T0,
        taskId: 'case-1:LEGAL_REVIEW:1',
        by: { length: 1, unit: 'DAYS' },
        reason: '案情复杂',
      },
      'No deadline case-1:LEGAL_REVIEW:1 in this case.',
    ],
    [
      'a pause recorded by a leader',
      criminal,
      {
        type: 'PAUSE',
        actor: actor('UNIT_LEADER'),
        at: T0,
        taskId: 'case-1:FILING_REVIEW:1',
        reason: 'APPRAISAL',
        from: T0,
        to: T0 + DAY,
      },
      'A pause is recorded by HANDLER, not UNIT_LEADER.',
    ],
    [
      'a pause of a step that does not pause',
      criminal,
      {
        type: 'PAUSE',
        actor: actor('HANDLER'),
        at: T0,
        taskId: 'case-1:FILING_REVIEW:1',
        reason: 'APPRAISAL',
        from: T0,
        to: T0 + DAY,
      },
      'FILING_REVIEW does not pause',
    ],
    [
      'a pause that has not ended yet (a handler stopping their own clock ahead)',
      publicOrder,
      appraisal(T0 + DAY, Date.parse('9990-01-01T00:00:00+08:00'), T0 + 2 * DAY),
      'A pause is recorded once it has ended',
    ],
    [
      'a pause from before the deadline began',
      publicOrder,
      appraisal(T0 - DAY, T0 + DAY, T0 + 2 * DAY),
      'A pause cannot start before the deadline began',
    ],
    [
      'a pause longer than the policy allows',
      publicOrder,
      appraisal(T0, T0 + 181 * DAY, T0 + 200 * DAY),
      'A pause for an appraisal lasts at most 180 days.',
    ],
    [
      'an acknowledgement of nothing fired',
      criminal,
      {
        type: 'ACKNOWLEDGE',
        actor: actor('UNIT_LEADER'),
        at: T0,
        taskId: 'case-1:FILING_REVIEW:1',
        level: 'FIRST_LEVEL',
      },
      'No FIRST_LEVEL escalation has fired',
    ],
    [
      'a reassignment by a handler',
      criminal,
      { type: 'REASSIGN', actor: actor('HANDLER'), at: T0, handlerId: 'officer-9', reason: '调岗' },
      'A case is reassigned by UNIT_LEADER or BUREAU_LEADER',
    ],
    [
      'an order without an instruction',
      criminal,
      { type: 'ORDER', actor: actor('UNIT_LEADER'), at: T0, instruction: '' },
      'An order requires an instruction.',
    ],
    [
      'a measure on a closed case',
      archived,
      { type: 'MEASURE', actor: actor('HANDLER'), at: T0, event: 'DETAIN' },
      'The case is closed.',
    ],
    [
      'an arrest approved by the police',
      criminal,
      { type: 'MEASURE', actor: actor('HANDLER'), at: T0, event: 'APPROVE_ARREST' },
      'APPROVE_ARREST (批准逮捕) is not possible while the suspect is NONE',
    ],
  ])('%s', (_, given, command, message) => {
    const state = given();
    const before = JSON.stringify(state);
    expect(refusalOf(state, command, { pauseTimingRules: true })).toContain(message);
    expect(JSON.stringify(state)).toBe(before);
  });
});

describe('the escalation ladder', () => {
  const settings = { policyOverrides: SHORT };
  const opened = () => openCase(newCase(), settings).state;

  it('fires nothing before a rung is due, and every rung due at once when the clock reaches it', () => {
    expect(
      rungsDue(opened(), { type: 'RUNGS_DUE', at: T0 + 74 * SECOND }, settings),
    ).toBeUndefined();
    const due = rungsDue(opened(), { type: 'RUNGS_DUE', at: T0 + 101 * SECOND }, settings)!;
    expect(types(due.effects)).toEqual([
      'FIRED REMINDER',
      'AUDIT ESCALATION_REMINDER',
      'FIRED FIRST_LEVEL',
      'AUDIT ESCALATION_FIRST_LEVEL',
    ]);
    expect(due.state.escalations.map((e) => [e.level, e.role])).toEqual([
      ['REMINDER', 'HANDLER'],
      ['FIRST_LEVEL', 'UNIT_LEADER'],
    ]);
    expect(nextRungDue(due.state)).toBe(T0 + 110 * SECOND);
    // Each rung's record carries its due instant, whenever it was written.
    const fired = due.effects.find(
      (e) => e.type === 'ESCALATION_FIRED' && e.level === 'FIRST_LEVEL',
    );
    expect(fired).toMatchObject({ dueAt: T0 + 100 * SECOND, late: false });
  });

  it('fires, late, the rungs that were due before a step completed, and none after', () => {
    const { effects } = run(opened(), [action('FILE', 'HANDLER', T0 + 105 * SECOND)], settings);
    expect(types(effects)).toEqual([
      'FIRED REMINDER late',
      'AUDIT ESCALATION_REMINDER',
      'FIRED FIRST_LEVEL late',
      'AUDIT ESCALATION_FIRST_LEVEL',
      'TASK_COMPLETED FILING_REVIEW:1',
      'AUDIT FILE',
    ]);
  });

  it('never fires a rung of a step completed before its due instant', () => {
    const { state, effects } = run(
      opened(),
      [action('FILE', 'HANDLER', T0 + 99 * SECOND)],
      settings,
    );
    expect(types(effects)).toEqual([
      'FIRED REMINDER late',
      'AUDIT ESCALATION_REMINDER',
      'TASK_COMPLETED FILING_REVIEW:1',
      'AUDIT FILE',
    ]);
    expect(rungsDue(state, { type: 'RUNGS_DUE', at: T0 + DAY }, settings)).toBeUndefined();
  });

  it('ends the complainant’s window for reconsideration when its deadline passes', () => {
    const { state } = run(opened(), [
      action('DECLINE_FILING', 'HANDLER', T0, { reason: '没有犯罪事实' }),
      action('SERVE_NON_FILING_NOTICE', 'HANDLER', T0),
    ]);
    expect(refusalOf(state, action('CLOSE_NOT_FILED', 'HANDLER'))).toContain(
      'may still apply for reconsideration',
    );
    const ended = rungsDue(state, { type: 'RUNGS_DUE', at: T0 + 30 * DAY }, {})!.state;
    expect(ended.reconsiderationWindowEnded).toBe(true);
    expect(refusalOf(ended, action('CLOSE_NOT_FILED', 'HANDLER', T0 + 30 * DAY))).toBeUndefined();
  });

  it('moves the rungs not yet fired when a leader extends the deadline; fired ones stay', () => {
    const admin = openCase(newCase('ADMINISTRATIVE'), {}).state;
    const fired = rungsDue(admin, { type: 'RUNGS_DUE', at: T0 + 29 * DAY }, {})!.state;
    expect(fired.clocks[0]!.fired).toEqual(['REMINDER']);
    const { state, effects } = run(fired, [
      {
        type: 'EXTEND',
        actor: actor('BUREAU_LEADER'),
        at: T0 + 29 * DAY,
        taskId: 'case-1:ADMIN_CASE:1',
        by: { length: 30, unit: 'DAYS' },
        reason: '案情重大复杂',
      },
    ]);
    const clock = state.clocks[0]!;
    expect(clock.fired).toEqual(['REMINDER']);
    // 30 more days, the last one moved past a weekend or holiday if it falls on one.
    expect(clock.dueAt - fired.clocks[0]!.dueAt).toBeGreaterThanOrEqual(30 * DAY);
    expect(clock.dueAt - fired.clocks[0]!.dueAt).toBeLessThan(40 * DAY);
    expect(clock.rungs.find((r) => r.level === 'FIRST_LEVEL')!.at).toBe(clock.dueAt);
    expect(types(effects)).toEqual(['TASK_RESCHEDULED ADMIN_CASE:1', 'AUDIT DEADLINE_EXTENDED']);
  });

  it('lets the leader the rung went to acknowledge it once', () => {
    const due = rungsDue(opened(), { type: 'RUNGS_DUE', at: T0 + 101 * SECOND }, settings)!.state;
    const acknowledge: CaseCommand = {
      type: 'ACKNOWLEDGE',
      actor: actor('UNIT_LEADER'),
      at: T0 + 102 * SECOND,
      taskId: 'case-1:FILING_REVIEW:1',
      level: 'FIRST_LEVEL',
      note: '已督促',
    };
    expect(refusalOf(due, { ...acknowledge, actor: actor('BUREAU_LEADER') })).toContain(
      'cannot acknowledge it',
    );
    const { state, effects } = run(due, [acknowledge], settings);
    expect(types(effects)).toEqual(['ESCALATION_ANSWERED', 'AUDIT ESCALATION_ACKNOWLEDGED']);
    expect(refusalOf(state, acknowledge)).toBe('This escalation has already been answered.');
  });

  it('lets one decision answer an escalation, in the same step, and no second one', () => {
    const due = rungsDue(opened(), { type: 'RUNGS_DUE', at: T0 + 101 * SECOND }, settings)!.state;
    const answers = { taskId: 'case-1:FILING_REVIEW:1', level: 'FIRST_LEVEL' as const };
    // The escalation went to the unit's leader; the bureau's leader may decide on it too.
    const reassign: CaseCommand = {
      type: 'REASSIGN',
      actor: actor('BUREAU_LEADER'),
      at: T0 + 102 * SECOND,
      answers,
      handlerId: 'officer-9',
      reason: '原承办人休假',
    };
    const { state, effects } = run(due, [reassign], settings);
    expect(types(effects)).toEqual([
      'TASKS_REASSIGNED',
      'AUDIT REASSIGNED',
      'ESCALATION_ANSWERED',
      'AUDIT ESCALATION_DECIDED',
    ]);
    expect(effects.find((e) => e.type === 'ESCALATION_ANSWERED')).toMatchObject({
      answer: 'REASSIGNED',
    });
    const order: CaseCommand = {
      type: 'ORDER',
      actor: actor('UNIT_LEADER'),
      at: T0 + 103 * SECOND,
      answers,
      instruction: '立即审查',
    };
    const before = JSON.stringify(state);
    expect(refusalOf(state, order)).toBe('This escalation has already been answered.');
    expect(JSON.stringify(state)).toBe(before);
    // Two leaders deciding at once: the second, decided against the first's state, is refused.
    expect(refusalOf(state, { ...reassign, handlerId: 'officer-10' })).toBe(
      'This escalation has already been answered.',
    );
  });
});

describe('leaders and measures', () => {
  it('hands the open steps to the new handler with the case', () => {
    const { state, effects } = run(criminal(), [
      {
        type: 'REASSIGN',
        actor: actor('UNIT_LEADER'),
        at: T0,
        handlerId: 'officer-9',
        reason: '调岗',
      },
    ]);
    expect(state.handlerId).toBe('officer-9');
    expect(effects[0]).toEqual({ type: 'TASKS_REASSIGNED', from: 'officer-7', to: 'officer-9' });
  });

  it('runs the measure clocks: detention, then the request for arrest, each ending the last', () => {
    const measure = (event: string, role: Role = 'HANDLER'): CaseCommand => ({
      type: 'MEASURE',
      actor: actor(role),
      at: T0 + HOUR,
      event,
    });
    const detained = run(criminal(), [measure('DETAIN')]);
    expect(types(detained.effects)).toEqual([
      'AUDIT MEASURE_DETAIN',
      'TASK_OPENED ARREST_REQUEST:1',
    ]);
    const requested = run(detained.state, [measure('REQUEST_ARREST')]);
    expect(requested.state.measure).toBe('ARREST_REQUESTED');
    expect(types(requested.effects)).toEqual([
      'TASK_COMPLETED ARREST_REQUEST:1',
      'AUDIT MEASURE_REQUEST_ARREST',
      'TASK_OPENED ARREST_DECISION:1',
    ]);
  });
});

describe('a request applied once', () => {
  it('is recognised by its id, and answered with the version it produced', () => {
    const file = { ...action('FILE', 'HANDLER'), requestId: 'key-1' };
    const { state } = run(criminal(), [file]);
    expect(decide(state, file, {})).toEqual({ ok: true, duplicate: true, version: 2 });
  });

  it(`remembers the last ${REMEMBERED_REQUESTS} requests`, () => {
    let state = criminal();
    const order = (n: number): CaseCommand => ({
      type: 'ORDER',
      actor: actor('UNIT_LEADER'),
      at: T0,
      instruction: `第${n}次督办`,
      requestId: `order-${n}`,
    });
    for (let n = 0; n <= REMEMBERED_REQUESTS; n++) state = run(state, [order(n)]).state;
    expect(state.applied).toHaveLength(REMEMBERED_REQUESTS);
    expect(decide(state, order(REMEMBERED_REQUESTS), {})).toMatchObject({ duplicate: true });
    expect(decide(state, order(0), {})).toMatchObject({ ok: true, duplicate: false });
  });

  it('keys every audit event of a step by the case and its version', () => {
    const { effects } = run(
      criminal({ policyOverrides: SHORT }),
      [action('FILE', 'HANDLER', T0 + 200 * SECOND)],
      {
        policyOverrides: SHORT,
      },
    );
    const keys = effects.flatMap((e) => (e.type === 'AUDIT' ? [e.key] : []));
    expect(keys).toEqual([
      'case-1:FILING_REVIEW:1:REMINDER',
      'case-1:FILING_REVIEW:1:FIRST_LEVEL',
      'case-1:FILING_REVIEW:1:SECOND_LEVEL',
      'case-1@2:0',
    ]);
  });
});

describe('a case adopted from the first engine', () => {
  it('records its open tasks’ details and the rungs it fired, once more, by their keys', () => {
    const fired = rungsDue(
      criminal({ policyOverrides: SHORT }),
      { type: 'RUNGS_DUE', at: T0 + 101 * SECOND },
      {
        policyOverrides: SHORT,
      },
    )!.state;
    const legacy = { ...fired, version: 0 };
    const adopted = adoptCase(legacy, T0 + DAY, { policyOverrides: SHORT });
    expect(adopted.state.version).toBe(1);
    expect(types(adopted.effects)).toEqual([
      'TASK_RESCHEDULED FILING_REVIEW:1',
      'FIRED REMINDER',
      'AUDIT ESCALATION_REMINDER',
      'FIRED FIRST_LEVEL',
      'AUDIT ESCALATION_FIRST_LEVEL',
      'AUDIT CASE_ADOPTED_BY_ENGINE_V2',
    ]);
  });
});

describe('the corrections of 2026, for runs under the patch, and the rules before them', () => {
  const CORRECTED: CaseSettings = { lawCorrections: true };
  const measure = (event: string, role: Role = 'HANDLER', extra: object = {}): CaseCommand => ({
    type: 'MEASURE',
    actor: actor(role),
    at: T0 + HOUR,
    event,
    ...extra,
  });
  const ARRESTED: CaseCommand[] = [
    measure('DETAIN'),
    measure('REQUEST_ARREST', 'HANDLER', { prosecutionOrg: 'jcy-1' }),
    measure('APPROVE_ARREST', 'PROSECUTOR'),
  ];
  const TO_PROSECUTION: CaseCommand[] = [
    action('FILE', 'HANDLER'),
    action('SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER'),
    action('APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER'),
    action('TRANSFER_FOR_PROSECUTION', 'HANDLER', T0 + 2 * HOUR, {
      suggestedRoute: 'FAST_TRACK',
      fastTrackFacts: eligibleFastTrackFacts,
      prosecutionOrg: 'jcy-1',
    }),
  ];
  const clocksOf = (state: CaseModel) => state.clocks.map((c) => c.policyCode);

  it('names the procuratorate when arrest is requested, so its prosecutors see the case', () => {
    const requested = run(criminal(CORRECTED), ARRESTED.slice(0, 2), CORRECTED);
    expect(requested.state.prosecutionOrg).toBe('jcy-1');
    expect(caseRow(requested.state).prosecutionOrg).toBe('jcy-1');
    expect(
      refusalOf(
        run(criminal(CORRECTED), [measure('DETAIN')], CORRECTED).state,
        measure('REQUEST_ARREST'),
        CORRECTED,
      ),
    ).toBe(
      'REQUEST_ARREST (提请批准逮捕) names the procuratorate asked to decide on the arrest: send prosecutionOrg. Its prosecutors see the case from then on.',
    );
    // Before the corrections the request named nobody.
    const before = run(criminal(), [measure('DETAIN'), measure('REQUEST_ARREST')]);
    expect(before.state.prosecutionOrg).toBeUndefined();
  });

  it('ends the police custody clock when the case is sent for prosecution', () => {
    const arrested = run(criminal(CORRECTED), ARRESTED, CORRECTED).state;
    expect(clocksOf(arrested)).toEqual(['FILING_REVIEW', 'CUSTODY_INVESTIGATION']);
    const sent = run(arrested, TO_PROSECUTION, CORRECTED);
    expect(clocksOf(sent.state)).toEqual([]);
    expect(types(sent.effects)).toEqual([
      'TASK_COMPLETED CUSTODY:1',
      'AUDIT TRANSFER_FOR_PROSECUTION',
    ]);
    // Before the corrections it kept running (and escalating to police leaders).
    const before = run(run(criminal(), ARRESTED).state, [
      ...TO_PROSECUTION.slice(0, 3),
      action('TRANSFER_FOR_PROSECUTION', 'HANDLER', T0 + 2 * HOUR, {
        route: 'ORDINARY',
        prosecutionOrg: 'jcy-1',
      }),
    ]);
    expect(clocksOf(before.state)).toEqual(['CUSTODY_INVESTIGATION']);
  });

  it('opens no police custody clock for an arrest approved once the case was sent', () => {
    const sent = run(
      criminal(CORRECTED),
      [...TO_PROSECUTION, ...ARRESTED.slice(0, 2)],
      CORRECTED,
    ).state;
    const approved = run(sent, [measure('APPROVE_ARREST', 'PROSECUTOR')], CORRECTED);
    expect(approved.state.measure).toBe('ARRESTED');
    expect(clocksOf(approved.state)).toEqual([]);
  });

  it.each(['DETAIN', 'BAIL', 'RESIDENTIAL_SURVEILLANCE'])(
    'refuses %s on a public-order case, saying why',
    (event) => {
      const admin = openCase(newCase('ADMINISTRATIVE'), CORRECTED).state;
      expect(refusalOf(admin, measure(event), CORRECTED)).toMatch(
        /is a coercive measure of the criminal law \(刑事强制措施\): it applies to CRIMINAL \(刑事\) cases only, and this case is ADMINISTRATIVE/,
      );
      // Before the corrections it was taken.
      expect(refusalOf(openCase(newCase('ADMINISTRATIVE'), {}).state, measure(event))).toBe(
        undefined,
      );
    },
  );

  it('escalates the procuratorate’s and the court’s steps to their own role, never to police leaders', () => {
    const accepted = run(
      criminal(CORRECTED),
      [
        ...TO_PROSECUTION,
        action('PROSECUTION_ACCEPT', 'PROSECUTOR', T0 + 3 * HOUR, { route: 'ORDINARY' }),
      ],
      CORRECTED,
    ).state;
    expect(accepted.clocks.map((c) => [c.policyCode, c.rungs.map((r) => r.role)])).toEqual([
      ['PROSECUTION_REVIEW_ORDINARY', ['PROSECUTOR', 'PROSECUTOR']],
    ]);
    const before = run(criminal(), TO_COURT).state;
    expect(before.clocks.map((c) => [c.policyCode, c.rungs.map((r) => r.role)])).toEqual([
      ['FAST_TRACK_TRIAL', ['JUDGE', 'UNIT_LEADER', 'BUREAU_LEADER']],
    ]);
  });

  it('lets the procuratorate decide the route on acceptance, which sets its review period', () => {
    const sent = run(criminal(CORRECTED), TO_PROSECUTION, CORRECTED).state;
    expect(sent).toMatchObject({ suggestedRoute: 'FAST_TRACK', prosecutionAccepted: false });
    expect(sent.route).toBeUndefined();
    // The police suggested 速裁; the prosecutor decides the ordinary route: one month.
    const ordinary = run(
      sent,
      [action('PROSECUTION_ACCEPT', 'PROSECUTOR', T0 + 3 * HOUR, { route: 'ORDINARY' })],
      CORRECTED,
    );
    expect(ordinary.state.route).toBe('ORDINARY');
    expect(clocksOf(ordinary.state)).toEqual(['PROSECUTION_REVIEW_ORDINARY']);
    // Or 速裁 on a likely sentence over one year: 15 days.
    const fast = run(
      sent,
      [
        action('PROSECUTION_ACCEPT', 'PROSECUTOR', T0 + 3 * HOUR, {
          route: 'FAST_TRACK',
          fastTrackFacts: { ...eligibleFastTrackFacts, likelySentenceMonths: 18 },
        }),
      ],
      CORRECTED,
    );
    expect(fast.state).toMatchObject({
      route: 'FAST_TRACK',
      sentenceVariant: 'SENTENCE_OVER_ONE_YEAR',
    });
    expect(fast.state.clocks.map((c) => [c.policyCode, c.variant])).toEqual([
      ['PROSECUTION_REVIEW_FAST_TRACK', 'SENTENCE_OVER_ONE_YEAR'],
    ]);
    expect(
      refusalOf(sent, action('PROSECUTION_ACCEPT', 'PROSECUTOR', T0 + 3 * HOUR, {}), CORRECTED),
    ).toBe('PROSECUTION_ACCEPT (检察院受理) requires the field "route".');
  });

  it.each<[string, boolean, string, string[]]>([
    [
      'with a complainant, owes the notice in 3 days',
      true,
      'NOT_FILED',
      ['TASK_COMPLETED FILING_REVIEW:1', 'AUDIT DECLINE_FILING', 'TASK_OPENED NON_FILING_NOTICE:1'],
    ],
    [
      'without a complainant, owes no notice and closes',
      false,
      'CLOSED',
      ['TASK_COMPLETED FILING_REVIEW:1', 'AUDIT DECLINE_FILING'],
    ],
  ])('non-filing %s', (_, hasComplainant, stage, effects) => {
    const declined = run(
      criminal(CORRECTED),
      [action('DECLINE_FILING', 'HANDLER', T0 + HOUR, { reason: '没有犯罪事实', hasComplainant })],
      CORRECTED,
    );
    expect(declined.state.stage).toBe(stage);
    expect(types(declined.effects)).toEqual(effects);
    const audit = declined.effects.find((e) => e.type === 'AUDIT');
    expect(audit?.type === 'AUDIT' && audit.data?.hasComplainant).toBe(hasComplainant);
  });

  it('counts a custody period from the last day of a month to the last day of the target month', () => {
    const feb28 = Date.parse('2026-02-28T10:00:00+08:00');
    const arrestOn = (settings: CaseSettings) =>
      run(
        criminal(settings),
        ARRESTED.map((c) => ({ ...c, at: feb28 })),
        settings,
      ).state.clocks.find((c) => c.policyCode === 'CUSTODY_INVESTIGATION')!.dueAt;
    expect(arrestOn(CORRECTED)).toBe(Date.parse('2026-04-30T23:59:59.999+08:00'));
    expect(arrestOn({})).toBe(Date.parse('2026-04-28T23:59:59.999+08:00'));
  });
});
