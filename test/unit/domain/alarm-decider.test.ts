// The alarm engine's rules as tables: for each command, the stage it leads to, the clocks it
// closes, opens or fires, or the rule that refuses it; the alarm-side rules of issue 11 (the
// transfer's handover clock, the registration after the scene, the reporter's contact) and the
// rules as they were before them, for runs recorded earlier.
import { reporterContact, type AlarmCategory } from '../../../domain/alarm';
import {
  alarmEnded,
  alarmRow,
  alarmRungsDue,
  decideAlarm,
  openAlarm,
  type AlarmCommand,
  type AlarmEffect,
  type AlarmModel,
  type AlarmSettings,
} from '../../../domain/alarm-decider';
import type { PolicyOverrides } from '../../../domain/deadline-policies';
import { evaluate, type TaskRecord } from '../../../domain/evaluation';
import type { Role } from '../../../domain/roles';

const T0 = Date.parse('2026-03-04T09:15:00+08:00');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const actor = (role: Role) => ({ id: `${role.toLowerCase()}-1`, role });
const handler = actor('HANDLER');
const ALARM_SIDE: AlarmSettings = { alarmSide: true };
const BEFORE: AlarmSettings = {};

const received = (category: AlarmCategory = 'CRIME', policyOverrides?: PolicyOverrides) =>
  opened(category, policyOverrides).state;

function opened(category: AlarmCategory, policyOverrides?: PolicyOverrides) {
  return openAlarm({
    alarmId: 'alarm-1',
    source: 'CALL_110',
    category,
    responseTier: 2,
    unitId: 'pcs-chengguan',
    summary: '有人撬车',
    reporterName: '王某某',
    reporterContact: '13812345678',
    reportedAt: new Date(T0).toISOString(),
    receivedAt: T0,
    receivedBy: actor('CASE_CENTER'),
    ...(policyOverrides ? { policyOverrides } : {}),
  });
}

/** Applies commands in order, failing on the first refusal. */
function run(state: AlarmModel, commands: AlarmCommand[], settings = ALARM_SIDE) {
  let effects: AlarmEffect[] = [];
  for (const command of commands) {
    const decision = decideAlarm(state, command, settings);
    if (!decision.ok) throw new Error(`${JSON.stringify(command)} refused: ${decision.reason}`);
    if (decision.duplicate) throw new Error('unexpected duplicate');
    state = decision.state;
    effects = decision.effects;
  }
  return { state, effects };
}

const refusalOf = (state: AlarmModel, command: AlarmCommand, settings = ALARM_SIDE) => {
  const decision = decideAlarm(state, command, settings);
  return decision.ok ? undefined : decision.reason;
};

const types = (effects: AlarmEffect[]) =>
  effects.map((e) =>
    e.type === 'AUDIT'
      ? `AUDIT ${e.action}`
      : e.type === 'ESCALATION_FIRED'
        ? `FIRED ${e.level} ${e.taskId.replace('alarm-1:', '')}${e.late ? ' late' : ''}`
        : e.type === 'TASK_OPENED'
          ? `OPENED ${e.task.taskId.replace('alarm-1:', '')} ${e.task.policyCode}`
          : e.type === 'TASK_COMPLETED'
            ? `COMPLETED ${e.taskId.replace('alarm-1:', '')}`
            : e.type,
  );

const arrive = (at = T0 + 10 * MINUTE): AlarmCommand => ({ type: 'ARRIVE', actor: handler, at });
const transfer = (at = T0 + HOUR): AlarmCommand => ({
  type: 'DISPOSE',
  actor: handler,
  at,
  disposition: 'TRANSFERRED',
  agency: '县市场监督管理局',
  reason: '属市场监管部门管辖',
});
const handover = (at: number, extra: Partial<AlarmCommand> = {}): AlarmCommand =>
  ({
    type: 'HANDOVER',
    actor: handler,
    at,
    receivedBy: '市场监管局 李某',
    ...extra,
  }) as AlarmCommand;
const sceneHandled = (at = T0 + HOUR): AlarmCommand => ({
  type: 'SCENE_HANDLED',
  actor: handler,
  at,
});
const convert = (at: number): AlarmCommand => ({
  type: 'DISPOSE',
  actor: handler,
  at,
  disposition: 'CONVERTED_TO_CASE',
  newCase: { kind: 'CRIMINAL', title: '盗窃电动车案', handlerId: 'officer-7' },
  newCaseIds: { caseId: 'case-1', queryCode: 'AB12CD34' },
});

describe('a transferred alarm (移交其他部门): the handover within 24 hours (公安刑规 Art. 175)', () => {
  it('opens TRANSFER_TO_AGENCY at the transfer, closing the day’s clocks, and waits in PENDING_HANDOVER', () => {
    const { state, effects } = run(received(), [arrive(), transfer()]);
    expect(state.stage).toBe('PENDING_HANDOVER');
    expect(types(effects)).toEqual([
      'COMPLETED DISPOSAL',
      'OPENED TRANSFER TRANSFER_TO_AGENCY',
      'AUDIT TRANSFERRED',
    ]);
    expect(state.clocks.map((c) => [c.taskId, c.dueAt, c.ownerRole])).toEqual([
      // From 10:15: the starting hour is not counted, so 24 hours from 11:00 (Art. 105).
      ['alarm-1:TRANSFER', T0 + 24 * HOUR + 105 * MINUTE, 'HANDLER'],
    ]);
    expect(alarmEnded(state)).toBe(false);
    expect(alarmRow(state)).toMatchObject({
      stage: 'PENDING_HANDOVER',
      agency: '县市场监督管理局',
    });
  });

  it.each([
    ['in time: nothing fires', T0 + 10 * HOUR, ['COMPLETED TRANSFER', 'AUDIT HANDED_OVER']],
    [
      'after 24 hours: the missed rungs fire, late',
      T0 + HOUR + 30 * HOUR,
      [
        'FIRED REMINDER TRANSFER late',
        'FIRED FIRST_LEVEL TRANSFER late',
        'COMPLETED TRANSFER',
        'AUDIT HANDED_OVER',
        'AUDIT ESCALATION_REMINDER',
        'AUDIT ESCALATION_FIRST_LEVEL',
      ],
    ],
  ])('the handover recorded %s, and the alarm ends', (_, at, expected) => {
    const { state, effects } = run(received(), [arrive(), transfer(), handover(at)]);
    expect(state.stage).toBe('DISPOSED');
    expect(alarmEnded(state)).toBe(true);
    expect(types(effects).sort()).toEqual([...expected].sort());
    expect(state.handover).toEqual({
      receivedBy: '市场监管局 李某',
      agency: '县市场监督管理局',
      at,
    });
    expect(alarmRow(state)).toMatchObject({
      handoverReceivedBy: '市场监管局 李某',
      handoverAgency: '县市场监督管理局',
      handedOverAt: at,
    });
  });

  it('escalates a missed handover to the duty leader, then the bureau leader, once each', () => {
    const transferred = run(received(), [arrive(), transfer()]).state;
    const due = transferred.clocks[0]!.dueAt;
    const first = alarmRungsDue(transferred, due)!;
    expect(types(first.effects)).toEqual([
      'FIRED REMINDER TRANSFER',
      'AUDIT ESCALATION_REMINDER',
      'FIRED FIRST_LEVEL TRANSFER',
      'AUDIT ESCALATION_FIRST_LEVEL',
    ]);
    expect(
      first.effects.flatMap((e) => (e.type === 'ESCALATION_FIRED' ? [e.targetRole] : [])),
    ).toEqual(['HANDLER', 'DUTY_LEADER']);
    expect(alarmRungsDue(first.state, due + HOUR)).toBeUndefined();
    const second = alarmRungsDue(first.state, due + 24 * HOUR)!;
    expect(
      second.effects.flatMap((e) => (e.type === 'ESCALATION_FIRED' ? [e.targetRole] : [])),
    ).toEqual(['BUREAU_LEADER']);
    expect(alarmEnded(second.state)).toBe(false);
  });

  it('takes the agency and the time of the handover when given', () => {
    const { state } = run(received(), [
      arrive(),
      transfer(),
      handover(T0 + 5 * HOUR, { agency: '县市场监督管理局城关所', handedOverAt: T0 + 2 * HOUR }),
    ]);
    expect(state.handover).toEqual({
      receivedBy: '市场监管局 李某',
      agency: '县市场监督管理局城关所',
      at: T0 + 2 * HOUR,
    });
  });

  const transferred = () => run(received(), [arrive(), transfer()]).state;
  it.each<[string, () => AlarmModel, AlarmCommand, string]>([
    [
      'before any transfer',
      () => run(received(), [arrive()]).state,
      handover(T0 + 2 * HOUR),
      'after the disposition TRANSFERRED',
    ],
    [
      'by a duty leader',
      transferred,
      { ...handover(T0 + 2 * HOUR), actor: actor('DUTY_LEADER') },
      'recorded by HANDLER',
    ],
    [
      'without the receiver',
      transferred,
      handover(T0 + 2 * HOUR, { receivedBy: '  ' }),
      'requires receivedBy',
    ],
    [
      'dated before the transfer',
      transferred,
      handover(T0 + 2 * HOUR, { handedOverAt: T0 }),
      'before the transfer was decided',
    ],
    [
      'dated in the future',
      transferred,
      handover(T0 + 2 * HOUR, { handedOverAt: T0 + 3 * HOUR }),
      'in the future',
    ],
    [
      'twice',
      () => run(transferred(), [handover(T0 + 2 * HOUR)]).state,
      handover(T0 + 3 * HOUR),
      'this alarm is in DISPOSED',
    ],
    [
      'another disposition instead',
      transferred,
      transfer(T0 + 2 * HOUR),
      'record the handover (移交接收)',
    ],
  ])('refuses a handover %s', (_, state, command, reason) => {
    expect(refusalOf(state(), command)).toContain(reason);
  });
});

describe('a report registered after the scene (公安刑规 Art. 169, 171): REGISTER_REPORT, 24 hours', () => {
  it('opens the registration clock at the scene handling, closing the day’s disposal', () => {
    const { state, effects } = run(received('CRIME'), [arrive(), sceneHandled(T0 + 2 * HOUR)]);
    expect(state.stage).toBe('PENDING_REGISTRATION');
    expect(types(effects)).toEqual([
      'COMPLETED DISPOSAL',
      'OPENED REGISTRATION REGISTER_REPORT',
      'AUDIT SCENE_HANDLED',
    ]);
    expect(state.clocks[0]!.dueAt).toBe(T0 + 26 * HOUR + 45 * MINUTE);
    expect(alarmRow(state).sceneHandledAt).toBe(T0 + 2 * HOUR);
    expect(alarmEnded(state)).toBe(false);
  });

  it.each([
    [
      'in time',
      T0 + 20 * HOUR,
      ['COMPLETED REGISTRATION', 'CASE_STARTED', 'AUDIT CONVERTED_TO_CASE'],
    ],
    [
      'late: the first level fires with it',
      T0 + 27 * HOUR,
      [
        'FIRED REMINDER REGISTRATION late',
        'FIRED FIRST_LEVEL REGISTRATION late',
        'COMPLETED REGISTRATION',
        'CASE_STARTED',
        'AUDIT CONVERTED_TO_CASE',
        'AUDIT ESCALATION_REMINDER',
        'AUDIT ESCALATION_FIRST_LEVEL',
      ],
    ],
  ])('the conversion to a case (受案登记, with its receipt) registers it %s', (_, at, expected) => {
    const { state, effects } = run(received('VIOLATION'), [
      arrive(),
      sceneHandled(T0 + 2 * HOUR),
      convert(at),
    ]);
    expect(state.stage).toBe('DISPOSED');
    expect(alarmEnded(state)).toBe(true);
    expect(types(effects).sort()).toEqual([...expected].sort());
  });

  const handled = () => run(received('CRIME'), [arrive(), sceneHandled()]).state;
  it.each<[string, () => AlarmModel, AlarmCommand, string]>([
    ['before the arrival', () => received('CRIME'), sceneHandled(), 'in stage ON_SCENE'],
    [
      'for a dispute',
      () => run(received('DISPUTE'), [arrive()]).state,
      sceneHandled(),
      'dispose of it instead',
    ],
    [
      'by a duty leader',
      () => run(received('CRIME'), [arrive()]).state,
      { ...sceneHandled(), actor: actor('DUTY_LEADER') },
      'recorded by HANDLER',
    ],
    ['twice', handled, sceneHandled(T0 + 2 * HOUR), 'this alarm is in PENDING_REGISTRATION'],
    [
      'then resolved without a case',
      handled,
      {
        type: 'DISPOSE',
        actor: handler,
        at: T0 + 2 * HOUR,
        disposition: 'RESOLVED_ON_SCENE',
        reason: '调解',
      },
      'dispose of it as CONVERTED_TO_CASE',
    ],
    ['then transferred', handled, transfer(T0 + 2 * HOUR), 'not TRANSFERRED'],
  ])('refuses the scene handling or what follows it: %s', (_, state, command, reason) => {
    expect(refusalOf(state(), command)).toContain(reason);
  });
});

describe('runs recorded before the alarm-side rules keep the rules they were decided under', () => {
  it('a transfer disposes of the alarm at once, with no clock left', () => {
    const { state, effects } = run(received(), [arrive(), transfer()], BEFORE);
    expect(state.stage).toBe('DISPOSED');
    expect(alarmEnded(state)).toBe(true);
    expect(types(effects)).toEqual(['COMPLETED DISPOSAL', 'AUDIT TRANSFERRED']);
  });

  it.each<[string, AlarmCommand]>([
    ['the scene handling', sceneHandled()],
    ['a handover', handover(T0 + 2 * HOUR)],
  ])('refuses %s', (_, command) => {
    const state = run(received(), [arrive()], BEFORE).state;
    expect(refusalOf(state, command, BEFORE)).toContain('registered before them');
  });
});

describe('the reporter’s contact (联系方式) on the receipt', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['010-12345678', '010-12345678'],
    ['0755 8765432', '0755-8765432'],
    ['0571-87654321-123', '0571-87654321-123'],
  ])('takes %s as %s', (input, contact) => {
    expect(reporterContact(input)).toEqual({ contact });
  });

  it.each(['12812345678', '1381234567', '01012345678', 'abc', '110', '138123456789'])(
    'refuses %s, saying what it must be',
    (input) => {
      expect(reporterContact(input)).toEqual({
        refusal: expect.stringContaining('must be a mobile number') as unknown,
      });
    },
  );
});

describe('the evaluation rates the alarm-side clocks per step, with the alarm’s others', () => {
  /** The tasks table as the steps' effects write it. */
  function taskRows(category: AlarmCategory, commands: AlarmCommand[]): TaskRecord[] {
    const rows = new Map<string, TaskRecord>();
    let { state, effects } = opened(category);
    const write = () => {
      for (const e of effects) {
        if (e.type === 'TASK_OPENED')
          rows.set(e.task.taskId, {
            id: e.task.taskId,
            caseId: null,
            alarmId: state.alarmId,
            step: e.task.policyCode,
            unitId: state.unitId,
            dueAt: e.task.dueAt,
            completedAt: null,
            overdue: false,
          });
        if (e.type === 'TASK_COMPLETED') rows.get(e.taskId)!.completedAt = e.completedAt;
        if (e.type === 'ESCALATION_FIRED' && e.level === 'FIRST_LEVEL')
          rows.get(e.taskId)!.overdue = true;
      }
    };
    write();
    for (const command of commands) {
      const decision = decideAlarm(state, command, ALARM_SIDE);
      if (!decision.ok || decision.duplicate) throw new Error(`${command.type} refused`);
      ({ state, effects } = decision);
      write();
    }
    return [...rows.values()];
  }

  it('counts a handover in time and a registration made late', () => {
    const transferred = taskRows('CRIME', [arrive(), transfer(), handover(T0 + 5 * HOUR)]);
    const registered = taskRows('VIOLATION', [
      arrive(),
      sceneHandled(T0 + 2 * HOUR),
      convert(T0 + 30 * HOUR),
    ]).map((row) => ({ ...row, id: row.id.replace('alarm-1', 'alarm-2') }));
    const march = { from: Date.UTC(2026, 1, 28, 16), to: Date.UTC(2026, 2, 31, 16) };
    const figures = evaluate('pcs-chengguan', march, {
      cases: [],
      events: [],
      escalations: [],
      alarms: [],
      tasks: [...transferred, ...registered],
    });
    const byStep = Object.fromEntries(
      figures.alarms.steps.map((s) => [s.policy.code, [s.completed, s.onTime, s.late, s.rate]]),
    );
    expect(byStep).toMatchObject({
      TRANSFER_TO_AGENCY: [1, 1, 0, 1],
      REGISTER_REPORT: [1, 0, 1, 0],
    });
    expect(figures.alarms.steps.find((s) => s.policy.code === 'REGISTER_REPORT')).toMatchObject({
      policy: { label: '紧急情况现场处置后受案登记' },
      owner: { code: 'HANDLER' },
    });
    expect(figures.steps).toEqual([]);
  });
});

describe('the transfer of a crime report, approved by the bureau leader (审批, 公安刑规 Art. 175)', () => {
  const APPROVALS: AlarmSettings = { alarmSide: true, approvals: true };
  const arrive: AlarmCommand = { type: 'ARRIVE', actor: handler, at: T0 + 10 * MINUTE };
  const transfer: AlarmCommand = {
    type: 'DISPOSE',
    actor: handler,
    at: T0 + HOUR,
    disposition: 'TRANSFERRED',
    agency: '某县公安局经侦大队',
    reason: '涉嫌合同诈骗，属经侦管辖',
  };
  const decide = (type: 'APPROVE' | 'REFUSE', role: Role, at = T0 + 2 * HOUR): AlarmCommand =>
    type === 'APPROVE'
      ? { type, actor: actor(role), at, proposalId: 'alarm-1:PROPOSAL:1' }
      : { type, actor: actor(role), at, proposalId: 'alarm-1:PROPOSAL:1', reason: '属本局管辖' };
  const open = (state: AlarmModel) => state.clocks.map((c) => `${c.step} ${c.ownerRole}`);

  it('proposes the transfer, which takes effect at the approval: its 24 hours run from then', () => {
    const proposed = run(received(), [arrive, transfer], APPROVALS).state;
    expect(proposed.stage).toBe('ON_SCENE');
    expect(open(proposed)).toEqual(['DISPOSAL HANDLER', 'APPROVAL BUREAU_LEADER']);
    expect(alarmRow(proposed).proposals.map((p) => p.subject)).toEqual([
      {
        type: 'DISPOSE',
        disposition: 'TRANSFERRED',
        agency: '某县公安局经侦大队',
        reason: '涉嫌合同诈骗，属经侦管辖',
      },
    ]);
    const refusal = decideAlarm(proposed, decide('APPROVE', 'DUTY_LEADER'), APPROVALS);
    expect(refusal).toEqual({
      ok: false,
      reason:
        '呈请移送管辖 is decided at this step (1 of 1) by BUREAU_LEADER (分局领导), not DUTY_LEADER.',
    });
    const approved = run(proposed, [decide('APPROVE', 'BUREAU_LEADER')], APPROVALS);
    expect(approved.state.stage).toBe('PENDING_HANDOVER');
    expect(approved.state.disposition).toMatchObject({ code: 'TRANSFERRED', at: T0 + 2 * HOUR });
    expect(open(approved.state)).toEqual(['TRANSFER HANDLER']);
    expect(approved.state.clocks[0]!.openedAt).toBe(T0 + 2 * HOUR);
    const audits = approved.effects.flatMap((e) => (e.type === 'AUDIT' ? [e] : []));
    expect(audits.map((e) => [e.action, e.actorId])).toEqual([
      ['APPROVAL_GRANTED', 'bureau_leader-1'],
      ['TRANSFERRED', 'handler-1'],
    ]);
  });

  it('stays on the scene when the leader refuses, and any other disposition ends the proposal', () => {
    const proposed = run(received(), [arrive, transfer], APPROVALS).state;
    const refused = run(proposed, [decide('REFUSE', 'BUREAU_LEADER')], APPROVALS).state;
    expect([refused.stage, refused.proposals]).toEqual(['ON_SCENE', []]);
    const converted = run(
      proposed,
      [
        {
          type: 'DISPOSE',
          actor: handler,
          at: T0 + 3 * HOUR,
          disposition: 'CONVERTED_TO_CASE',
          newCase: { kind: 'CRIMINAL', title: '合同诈骗案', handlerId: 'officer-7' },
          newCaseIds: { caseId: 'case-1', queryCode: 'AB12CD34' },
        },
      ],
      APPROVALS,
    );
    expect([converted.state.stage, converted.state.proposals]).toEqual(['DISPOSED', []]);
    expect(
      converted.effects.flatMap((e) => (e.type === 'AUDIT' ? [e.action] : [])).slice(0, 1),
    ).toEqual(['APPROVAL_LAPSED']);
    expect(alarmEnded(converted.state)).toBe(true);
  });

  it('transfers other reports, and any report before approvals, on the officer’s decision', () => {
    const dispute = run(received('DISPUTE'), [arrive, transfer], APPROVALS).state;
    expect(dispute.stage).toBe('PENDING_HANDOVER');
    const before = run(received(), [arrive, transfer], ALARM_SIDE).state;
    expect([before.stage, before.proposals]).toEqual(['PENDING_HANDOVER', undefined]);
  });
});
