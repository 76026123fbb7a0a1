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
import { eligibleFastTrackFacts, signedPleaAgreement } from '../../support/fixtures';

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

describe("the criminal side's clocks (issue 11 item 4), for runs under the patch, and before it", () => {
  const CLOCKS: CaseSettings = { lawCorrections: true, criminalClocks: true };
  const BEFORE: CaseSettings = { lawCorrections: true };
  const measure = (
    event: string,
    at = T0 + HOUR,
    extra: { ground?: string; prosecutionOrg?: string } = {},
    role: Role = 'HANDLER',
  ): CaseCommand => ({ type: 'MEASURE', actor: actor(role), at, event, ...extra });
  const open = (state: CaseModel) => state.clocks.map((c) => `${c.policyCode} ${c.ownerRole}`);
  const dueOf = (state: CaseModel, policy: string) =>
    state.clocks.find((c) => c.policyCode === policy)?.dueAt;
  // Detained at 22:30 on 2026-02-16, in the Spring Festival holiday: the starting hour does not
  // count, so the 24 hours run from 23:00 and end at 23:00 the next day, never moved past the
  // holiday (刑事诉讼法 Art. 85–86, 105).
  const DETAINED_AT = Date.parse('2026-02-16T22:30:00+08:00');
  const detained = () => run(criminal(CLOCKS), [measure('DETAIN', DETAINED_AT)], CLOCKS);

  it('opens, with detention, 24 hours each to the detention house, the family and the first interrogation', () => {
    const { state, effects } = detained();
    expect(types(effects)).toEqual([
      'AUDIT MEASURE_DETAIN',
      'TASK_OPENED ARREST_REQUEST:1',
      'TASK_OPENED DETENTION_HOUSE_DELIVERY:1',
      'TASK_OPENED FAMILY_NOTIFICATION:1',
      'TASK_OPENED FIRST_INTERROGATION:1',
    ]);
    for (const policy of ['DETENTION_HOUSE_DELIVERY', 'FAMILY_NOTIFICATION', 'FIRST_INTERROGATION'])
      expect([policy, dueOf(state, policy)]).toEqual([
        policy,
        Date.parse('2026-02-17T23:00:00+08:00'),
      ]);
    // Before the patch, detention ran only the request for arrest.
    const before = run(criminal(BEFORE), [measure('DETAIN', DETAINED_AT)], BEFORE);
    expect(open(before.state)).toEqual(['FILING_REVIEW HANDLER', 'ARREST_REQUEST HANDLER']);
  });

  it.each<[string, CaseCommand, string]>([
    [
      'delivery to the detention house',
      measure('DELIVER_TO_DETENTION_HOUSE', DETAINED_AT + HOUR),
      'DETENTION_HOUSE_DELIVERY',
    ],
    [
      'the family notified',
      measure('NOTIFY_FAMILY', DETAINED_AT + 2 * HOUR),
      'FAMILY_NOTIFICATION',
    ],
    [
      'the family not notified on a statutory ground',
      measure('FAMILY_NOT_NOTIFIED', DETAINED_AT + 2 * HOUR, { ground: 'UNABLE_TO_NOTIFY' }),
      'FAMILY_NOTIFICATION',
    ],
    [
      'the first interrogation',
      measure('FIRST_INTERROGATION', DETAINED_AT + 3 * HOUR),
      'FIRST_INTERROGATION',
    ],
  ])('completes only its own clock: %s', (_, command, policy) => {
    const { state, effects } = run(detained().state, [command], CLOCKS);
    const step = policy;
    expect(types(effects)).toEqual([
      `TASK_COMPLETED ${step}:1`,
      `AUDIT MEASURE_${(command as { event: string }).event}`,
    ]);
    expect(state.measure).toBe('DETAINED');
    expect(state.clocks.map((c) => c.policyCode)).not.toContain(policy);
    expect(state.clocks).toHaveLength(4);
  });

  it('records the ground not to notify the family, with its label', () => {
    const { effects } = run(
      detained().state,
      [
        measure('FAMILY_NOT_NOTIFIED', DETAINED_AT + HOUR, {
          ground: 'TERRORISM_HINDERS_INVESTIGATION',
        }),
      ],
      CLOCKS,
    );
    const audit = effects.find((e) => e.type === 'AUDIT');
    expect(audit?.type === 'AUDIT' && audit.data).toEqual({
      label: '不通知家属（法定情形）',
      ground: 'TERRORISM_HINDERS_INVESTIGATION',
      groundLabel: '涉嫌恐怖活动犯罪，通知可能有碍侦查',
    });
  });

  it.each<[string, () => CaseModel, CaseCommand, string]>([
    [
      'no ground where the law allows one',
      () => detained().state,
      measure('FAMILY_NOT_NOTIFIED'),
      'FAMILY_NOT_NOTIFIED (不通知家属（法定情形）) requires the ground the law allows: send ground, one of UNABLE_TO_NOTIFY, STATE_SECURITY_HINDERS_INVESTIGATION, TERRORISM_HINDERS_INVESTIGATION.',
    ],
    [
      'a ground the law does not know',
      () => detained().state,
      measure('FAMILY_NOT_NOTIFIED', T0 + HOUR, { ground: 'FAMILY_ABROAD' }),
      'The ground must be one of UNABLE_TO_NOTIFY, STATE_SECURITY_HINDERS_INVESTIGATION, TERRORISM_HINDERS_INVESTIGATION, not FAMILY_ABROAD.',
    ],
    [
      'a ground on a notice given',
      () => detained().state,
      measure('NOTIFY_FAMILY', T0 + HOUR, { ground: 'UNABLE_TO_NOTIFY' }),
      'NOTIFY_FAMILY (通知家属) takes no ground.',
    ],
    [
      'a duty recorded without a detention',
      () => criminal(CLOCKS),
      measure('NOTIFY_FAMILY'),
      'NOTIFY_FAMILY (通知家属) completes FAMILY_NOTIFICATION, and no such deadline is open on this case (the suspect is NONE): it follows DETAIN, within 24 hours, while the suspect is in custody.',
    ],
    [
      'a duty recorded twice',
      () =>
        run(detained().state, [measure('FIRST_INTERROGATION', DETAINED_AT + HOUR)], CLOCKS).state,
      measure('FIRST_INTERROGATION', DETAINED_AT + 2 * HOUR),
      expect.stringContaining('no such deadline is open') as unknown as string,
    ],
    [
      'a duty recorded by a prosecutor',
      () => detained().state,
      measure('FIRST_INTERROGATION', DETAINED_AT + HOUR, {}, 'PROSECUTOR'),
      'FIRST_INTERROGATION (拘留后首次讯问) is recorded by HANDLER, not PROSECUTOR.',
    ],
    [
      'a 复议 of an arrest never refused',
      () => detained().state,
      measure('REQUEST_ARREST_RECONSIDERATION'),
      'REQUEST_ARREST_RECONSIDERATION (要求复议不批准逮捕决定) completes ARREST_DENIAL_RECONSIDERATION, and no such deadline is open on this case (the suspect is DETAINED): it follows DENY_ARREST, within its 5 days.',
    ],
  ])('refuses %s', (_, state, command, reason) => {
    expect(refusalOf(state(), command, CLOCKS)).toEqual(reason);
  });

  it('knows no such records before the patch', () => {
    const before = run(criminal(BEFORE), [measure('DETAIN')], BEFORE).state;
    expect(refusalOf(before, measure('NOTIFY_FAMILY'), BEFORE)).toMatch(
      /^Unknown measure NOTIFY_FAMILY/,
    );
  });

  it('keeps the duties open while the suspect stays in custody, and ends them with the custody', () => {
    const requested = run(
      detained().state,
      [measure('REQUEST_ARREST', DETAINED_AT + HOUR, { prosecutionOrg: 'jcy-1' })],
      CLOCKS,
    );
    expect(types(requested.effects)).toEqual([
      'TASK_COMPLETED ARREST_REQUEST:1',
      'AUDIT MEASURE_REQUEST_ARREST',
      'TASK_OPENED ARREST_DECISION:1',
    ]);
    // Released on the arrest's refusal 30 hours after detention, the family never told: the
    // duties end with the custody, and the one overdue (past its grace too) is recorded, late.
    const done = run(
      requested.state,
      [
        measure('DELIVER_TO_DETENTION_HOUSE', DETAINED_AT + 2 * HOUR),
        measure('FIRST_INTERROGATION', DETAINED_AT + 3 * HOUR),
      ],
      CLOCKS,
    ).state;
    const released = run(
      done,
      [measure('DENY_ARREST', DETAINED_AT + 30 * HOUR, {}, 'PROSECUTOR')],
      CLOCKS,
    );
    expect(types(released.effects)).toEqual([
      'FIRED REMINDER late',
      'AUDIT ESCALATION_REMINDER',
      'FIRED FIRST_LEVEL late',
      'AUDIT ESCALATION_FIRST_LEVEL',
      'FIRED SECOND_LEVEL late',
      'AUDIT ESCALATION_SECOND_LEVEL',
      'TASK_COMPLETED FAMILY_NOTIFICATION:1',
      'TASK_COMPLETED ARREST_DECISION:1',
      'AUDIT MEASURE_DENY_ARREST',
      'TASK_OPENED ARREST_DENIAL_RECONSIDERATION:1',
    ]);
    expect(released.state.clocks.map((c) => c.policyCode)).toEqual([
      'FILING_REVIEW',
      'ARREST_DENIAL_RECONSIDERATION',
    ]);
  });

  it('escalates a duty not done in 24 hours to the unit leader', () => {
    const { state } = detained();
    const fired = rungsDue(state, { type: 'RUNGS_DUE', at: DETAINED_AT + 25 * HOUR }, CLOCKS)!;
    expect(
      fired.effects.filter((e) => e.type === 'ESCALATION_FIRED' && e.level === 'FIRST_LEVEL'),
    ).toEqual(
      ['DETENTION_HOUSE_DELIVERY', 'FAMILY_NOTIFICATION', 'FIRST_INTERROGATION'].map((step) =>
        expect.objectContaining({ taskId: `case-1:${step}:1`, targetRole: 'UNIT_LEADER' }),
      ),
    );
  });

  it('gives the police 5 days to ask for 复议 of a refused arrest, which a later bail does not end', () => {
    const requested = run(
      detained().state,
      [measure('REQUEST_ARREST', DETAINED_AT + HOUR, { prosecutionOrg: 'jcy-1' })],
      CLOCKS,
    ).state;
    const refusedAt = DETAINED_AT + 3 * DAY;
    const refused = run(requested, [measure('DENY_ARREST', refusedAt, {}, 'PROSECUTOR')], CLOCKS);
    expect(refused.state.measure).toBe('RELEASED');
    expect(dueOf(refused.state, 'ARREST_DENIAL_RECONSIDERATION')).toBe(
      Date.parse('2026-02-24T23:59:59.999+08:00'),
    );
    const bailed = run(refused.state, [measure('BAIL', refusedAt + HOUR)], CLOCKS).state;
    expect(bailed.clocks.map((c) => c.policyCode)).toContain('ARREST_DENIAL_RECONSIDERATION');
    const asked = run(bailed, [measure('REQUEST_ARREST_RECONSIDERATION', refusedAt + DAY)], CLOCKS);
    expect(types(asked.effects)).toEqual([
      'TASK_COMPLETED ARREST_DENIAL_RECONSIDERATION:1',
      'AUDIT MEASURE_REQUEST_ARREST_RECONSIDERATION',
    ]);
    expect(asked.state.measure).toBe('BAILED');
    // Accepting the refusal ends the window as well; before the patch it never opened.
    expect(decide(refused.state, measure('ACCEPT_ARREST_DENIAL', refusedAt + DAY), CLOCKS).ok).toBe(
      true,
    );
    const before = run(
      criminal(BEFORE),
      [
        measure('DETAIN'),
        measure('REQUEST_ARREST', T0 + HOUR, { prosecutionOrg: 'jcy-1' }),
        measure('DENY_ARREST', T0 + HOUR, {}, 'PROSECUTOR'),
      ],
      BEFORE,
    );
    expect(open(before.state)).toEqual(['FILING_REVIEW HANDLER']);
  });

  const NOT_FILED_UPHELD: CaseCommand[] = [
    action('DECLINE_FILING', 'HANDLER', T0, { reason: '没有犯罪事实', hasComplainant: true }),
    action('SERVE_NON_FILING_NOTICE', 'HANDLER', T0),
    action('APPLY_FOR_RECONSIDERATION', 'CASE_CENTER', T0 + DAY, { reason: '控告人不服' }),
    action('UPHOLD_NON_FILING', 'LEGAL_OFFICER', T0 + 10 * DAY, { reason: '维持' }),
  ];

  it('opens the complainant’s 7 days to apply for 复核 when the 复议 upholds non-filing', () => {
    const { state, effects } = run(criminal(CLOCKS), NOT_FILED_UPHELD, CLOCKS);
    expect(state.stage).toBe('REVIEW_WINDOW');
    expect(types(effects)).toEqual([
      'TASK_COMPLETED RECONSIDERATION_DECISION:1',
      'AUDIT UPHOLD_NON_FILING',
      'TASK_OPENED REVIEW_APPLICATION:1',
    ]);
    expect(open(state)).toEqual(['REVIEW_APPLICATION PARTY']);
    // Upheld on 2026-03-14: the 7 days end on 2026-03-21 (a Saturday, not in custody: Monday).
    expect(dueOf(state, 'REVIEW_APPLICATION')).toBe(Date.parse('2026-03-23T23:59:59.999+08:00'));
    expect(refusalOf(state, action('CLOSE_NOT_FILED', 'HANDLER', T0 + 11 * DAY), CLOCKS)).toBe(
      'The complainant may still apply for review (复核): close the case once the 7 days have ended.',
    );
    const ended = rungsDue(state, { type: 'RUNGS_DUE', at: T0 + 30 * DAY }, CLOCKS)!.state;
    expect(ended.reconsiderationWindowEnded).toBe(true);
    expect(
      refusalOf(
        ended,
        action('APPLY_FOR_REVIEW', 'CASE_CENTER', T0 + 30 * DAY, { reason: 'x' }),
        CLOCKS,
      ),
    ).toBe('The 7 days to apply for review (复核) have ended.');
    expect(
      run(ended, [action('CLOSE_NOT_FILED', 'HANDLER', T0 + 30 * DAY)], CLOCKS).state.stage,
    ).toBe('CLOSED');
    // Before the patch the upheld non-filing closed the case.
    expect(run(criminal(BEFORE), NOT_FILED_UPHELD, BEFORE).state.stage).toBe('CLOSED');
  });

  it('runs the higher bureau’s 30 days from its receipt, extended once by 30, and files the case it orders filed', () => {
    const upheld = run(criminal(CLOCKS), NOT_FILED_UPHELD, CLOCKS).state;
    const receivedAt = T0 + 12 * DAY;
    const received = run(
      upheld,
      [action('APPLY_FOR_REVIEW', 'CASE_CENTER', receivedAt, { reason: '控告人申请复核' })],
      CLOCKS,
    );
    expect(received.state.stage).toBe('REVIEW');
    expect(open(received.state)).toEqual(['REVIEW_DECISION CASE_CENTER']);
    const clock = received.state.clocks[0]!;
    expect(clock.rungs.map((r) => r.role)).toEqual(['CASE_CENTER', 'BUREAU_LEADER']);
    const extend = (at: number): CaseCommand => ({
      type: 'EXTEND',
      taskId: clock.taskId,
      by: { length: 30, unit: 'DAYS' },
      reason: '案情重大复杂，上级机关延长复核期限',
      actor: actor('CASE_CENTER'),
      at,
    });
    const extended = run(received.state, [extend(receivedAt + DAY)], CLOCKS).state;
    expect(extended.clocks[0]!.dueAt - clock.dueAt).toBeGreaterThanOrEqual(29 * DAY);
    expect(refusalOf(extended, extend(receivedAt + 2 * DAY), CLOCKS)).toMatch(/extend/i);
    const filed = run(
      extended,
      [
        action('REVIEW_ORDERS_FILING', 'CASE_CENTER', receivedAt + 20 * DAY, {
          reason: '上级公安机关责令立案',
        }),
      ],
      CLOCKS,
    );
    expect(filed.state.stage).toBe('INVESTIGATION');
    expect(types(filed.effects)).toEqual([
      'TASK_COMPLETED REVIEW_DECISION:1',
      'AUDIT REVIEW_ORDERS_FILING',
    ]);
    expect(filed.state.clocks).toEqual([]);
  });

  it('gives the police 7 days to ask for 复议 of a non-prosecution, and the procuratorate 30 to decide it', () => {
    const accepted = run(
      criminal(CLOCKS),
      [
        action('FILE', 'HANDLER'),
        action('SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER'),
        action('APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER'),
        action('TRANSFER_FOR_PROSECUTION', 'HANDLER', T0 + HOUR, {
          suggestedRoute: 'ORDINARY',
          prosecutionOrg: 'jcy-1',
        }),
        action('PROSECUTION_ACCEPT', 'PROSECUTOR', T0 + HOUR, { route: 'ORDINARY' }),
      ],
      CLOCKS,
    ).state;
    const declined = run(
      accepted,
      [action('DECLINE_PROSECUTION', 'PROSECUTOR', T0 + 5 * DAY, { reason: '情节轻微' })],
      CLOCKS,
    );
    expect(declined.state.stage).toBe('NOT_PROSECUTED');
    expect(open(declined.state)).toEqual(['NON_PROSECUTION_RECONSIDERATION HANDLER']);
    const asked = run(
      declined.state,
      [
        action('REQUEST_NON_PROSECUTION_RECONSIDERATION', 'HANDLER', T0 + 6 * DAY, {
          reason: '证据充分',
        }),
      ],
      CLOCKS,
    );
    expect(asked.state.stage).toBe('NON_PROSECUTION_RECONSIDERATION');
    expect(open(asked.state)).toEqual(['NON_PROSECUTION_RECONSIDERATION_DECISION PROSECUTOR']);
    expect(asked.state.clocks[0]!.rungs.map((r) => r.role)).toEqual(['PROSECUTOR', 'PROSECUTOR']);
    const revoked = run(
      asked.state,
      [action('REVOKE_NON_PROSECUTION', 'PROSECUTOR', T0 + 20 * DAY, { reason: '复议撤销' })],
      CLOCKS,
    );
    expect(revoked.state.stage).toBe('PROSECUTION_REVIEW');
    expect(open(revoked.state)).toEqual(['PROSECUTION_REVIEW_ORDINARY PROSECUTOR']);
    // Before the patch the non-prosecution closed the case.
    const before = run(
      { ...accepted, version: accepted.version },
      [action('DECLINE_PROSECUTION', 'PROSECUTOR', T0 + 5 * DAY, { reason: '情节轻微' })],
      BEFORE,
    );
    expect(before.state.stage).toBe('CLOSED');
  });

  it('records the 认罪认罚具结书 of a fast-track case, and refuses the route without it', () => {
    const sent = run(
      criminal(CLOCKS),
      [
        action('FILE', 'HANDLER'),
        action('SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER'),
        action('APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER'),
        action('TRANSFER_FOR_PROSECUTION', 'HANDLER', T0 + HOUR, {
          suggestedRoute: 'FAST_TRACK',
          fastTrackFacts: eligibleFastTrackFacts,
          prosecutionOrg: 'jcy-1',
        }),
      ],
      CLOCKS,
    ).state;
    const fastTrack = { route: 'FAST_TRACK' as const, fastTrackFacts: eligibleFastTrackFacts };
    expect(
      refusalOf(sent, action('PROSECUTION_ACCEPT', 'PROSECUTOR', T0 + DAY, fastTrack), CLOCKS),
    ).toContain('认罪认罚具结书');
    const accepted = run(
      sent,
      [
        action('PROSECUTION_ACCEPT', 'PROSECUTOR', T0 + DAY, {
          ...fastTrack,
          ...signedPleaAgreement,
        }),
      ],
      CLOCKS,
    );
    expect(accepted.state.pleaAgreement).toEqual({
      lawyer: 'DUTY_LAWYER',
      lawyerName: '王值班',
      recordedAt: T0 + DAY,
    });
    const audit = accepted.effects.find((e) => e.type === 'AUDIT');
    expect(audit?.type === 'AUDIT' && audit.data).toMatchObject(signedPleaAgreement);
    // Before the patch the route was decided without it.
    expect(
      refusalOf(sent, action('PROSECUTION_ACCEPT', 'PROSECUTOR', T0 + DAY, fastTrack), BEFORE),
    ).toBeUndefined();
  });
});
