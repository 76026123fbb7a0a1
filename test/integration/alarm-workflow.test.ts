// The alarm workflow on the real Temporal server, with its deadlines shortened to seconds by
// policy overrides: escalation to the duty leader, once per level; nothing fires for a step done
// in time; updates refused with the rule that failed, changing nothing.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { createStepActivities } from '../../activities/steps';
import type { NewAlarm } from '../../domain/alarm';
import { alarmRow, decideAlarm, type AlarmModel } from '../../domain/alarm-decider';
import type { PolicyOverrides } from '../../domain/deadline-policies';
import { view } from '../support/cases';
import { randomUUID } from 'node:crypto';
import {
  alarmCommand,
  alarmState,
  arrive,
  handler,
  newCaseIds,
  startAlarm as startAlarmWith,
  type TestAlarm,
} from '../support/alarms';
import { deliveredTogether, eventually, startTestApp, type TestApp } from '../support/app';
import { testAuditKey } from '../support/audit-key';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ withWorker: true });
});
afterAll(async () => {
  await app.close();
});

const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });
const dutyLeader = { id: 'leader-1', role: 'DUTY_LEADER' as const };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const startAlarm = (overrides: PolicyOverrides, category: NewAlarm['category'] = 'DISPUTE') =>
  startAlarmWith(app, app.taskQueue, overrides, category);

/** The alarm once its first step is written (a worker polls the app's queue). */
const opened = async (a: TestAlarm) => {
  await eventually(
    () => a.prisma.alarm.findUnique({ where: { id: a.alarmId } }),
    (row) => row !== null,
  );
  return a;
};

const escalationRows = (alarmId: string) =>
  app.prisma.escalation.findMany({
    where: { taskId: { startsWith: `${alarmId}:` } },
    orderBy: { firedAt: 'asc' },
  });

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return (error as WorkflowUpdateFailedError).cause?.message ?? '';
  }
  throw new Error('the update was accepted');
}

const disposeInTime = (a: TestAlarm) =>
  alarmCommand(a, {
    type: 'DISPOSE',
    actor: handler,
    at: Date.now(),
    disposition: 'RESOLVED_ON_SCENE',
    reason: '双方调解和好',
  });

describe('alarm workflow deadlines', () => {
  it('escalates a missed arrival to the duty leader exactly once, and lets the leader acknowledge it', async () => {
    const a = await opened(
      await startAlarm({
        ALARM_ARRIVAL_TIER_1: { period: seconds(2), grace: seconds(600) },
        ALARM_DISPOSAL: { period: seconds(600) },
      }),
    );
    const state = await eventually(
      () => alarmState(a),
      (s) => s.escalations.some((e) => e.level.code === 'FIRST_LEVEL'),
    );
    await sleep(1500); // time for a repeat, were there one
    const arrivalTask = `${a.alarmId}:ARRIVAL`;
    const after = await alarmState(a);
    expect(after.escalations.map((e) => [e.taskId, e.level.code, e.role])).toEqual([
      [arrivalTask, 'REMINDER', 'HANDLER'],
      [arrivalTask, 'FIRST_LEVEL', 'DUTY_LEADER'],
    ]);
    expect(state.deadlines.find((d) => d.taskId === arrivalTask)!.overdue).toBe(true);
    expect((await escalationRows(a.alarmId)).map((e) => [e.level, e.targetRole])).toEqual([
      ['REMINDER', 'HANDLER'],
      ['FIRST_LEVEL', 'DUTY_LEADER'],
    ]);
    expect((await app.prisma.task.findUniqueOrThrow({ where: { id: arrivalTask } })).overdue).toBe(
      true,
    );
    expect(
      await app.prisma.auditEvent.count({
        where: { subjectId: a.alarmId, action: { startsWith: 'ESCALATION_' } },
      }),
    ).toBe(2);

    expect(
      await rejection(
        alarmCommand(a, {
          type: 'ACKNOWLEDGE',
          actor: handler,
          at: Date.now(),
          taskId: arrivalTask,
          level: 'FIRST_LEVEL',
        }),
      ),
    ).toContain('went to DUTY_LEADER; HANDLER cannot acknowledge it');
    const acknowledged = await alarmCommand(a, {
      type: 'ACKNOWLEDGE',
      actor: dutyLeader,
      at: Date.now(),
      taskId: arrivalTask,
      level: 'FIRST_LEVEL',
      note: '已电话督促',
    });
    expect(acknowledged.escalations[1]).toMatchObject({ answer: 'ACKNOWLEDGED' });
    const row = await app.prisma.escalation.findUniqueOrThrow({
      where: { id: `${arrivalTask}:FIRST_LEVEL` },
    });
    expect(row.answer).toBe('ACKNOWLEDGED');

    await arrive(a);
    await disposeInTime(a);
    await a.handle.result();
  });

  it('climbs the whole ladder, each level once: reminder, duty leader, bureau leader', async () => {
    const a = await opened(
      await startAlarm({
        ALARM_ARRIVAL_TIER_1: { period: seconds(1), grace: seconds(1) },
        ALARM_DISPOSAL: { period: seconds(600) },
      }),
    );
    await eventually(
      () => alarmState(a),
      (s) => s.escalations.some((e) => e.level.code === 'SECOND_LEVEL'),
    );
    await sleep(1500);
    expect((await escalationRows(a.alarmId)).map((e) => [e.level, e.targetRole])).toEqual([
      ['REMINDER', 'HANDLER'],
      ['FIRST_LEVEL', 'DUTY_LEADER'],
      ['SECOND_LEVEL', 'BUREAU_LEADER'],
    ]);
    await disposeInTime(a);
    await a.handle.result();
  });

  it('never escalates a step completed in time, and closes its tasks', async () => {
    const a = await opened(
      await startAlarm({
        ALARM_ARRIVAL_TIER_1: { period: seconds(3), grace: seconds(1) },
        ALARM_DISPOSAL: { period: seconds(4), grace: seconds(1) },
      }),
    );
    await arrive(a);
    const disposed = await disposeInTime(a);
    expect(disposed.stage).toEqual({ code: 'DISPOSED', label: '已处置' });
    await a.handle.result();
    await sleep(5000); // past every deadline and grace
    expect(await escalationRows(a.alarmId)).toEqual([]);
    const tasks = await app.prisma.task.findMany({ where: { alarmId: a.alarmId } });
    expect(tasks).toHaveLength(2);
    expect(tasks.every((t) => t.completedAt !== null && !t.overdue)).toBe(true);
    const alarmRow = await app.prisma.alarm.findUniqueOrThrow({ where: { id: a.alarmId } });
    expect(alarmRow.stage).toBe('DISPOSED');
    expect(alarmRow.disposedAt).not.toBeNull();
    const actions = await app.prisma.auditEvent.findMany({
      where: { subjectId: a.alarmId },
      orderBy: { occurredAt: 'asc' },
    });
    expect(actions.map((e) => e.action)).toEqual([
      'ALARM_RECEIVED',
      'ARRIVED',
      'RESOLVED_ON_SCENE',
    ]);
  });

  it('refuses wrong updates with the rule that failed, and changes nothing', async () => {
    const a = await opened(await startAlarm({}, 'CRIME'));
    const at = Date.now();
    expect(
      await rejection(alarmCommand(a, { type: 'ARRIVE', actor: { id: 'j', role: 'JUDGE' }, at })),
    ).toBe('Arrival (到场) is recorded by HANDLER (办案民警), not JUDGE.');
    expect(
      await rejection(
        alarmCommand(a, {
          type: 'DISPOSE',
          actor: handler,
          at,
          disposition: 'TRANSFERRED',
          agency: '市场监管局',
        }),
      ),
    ).toContain('category CRIME (刑事警情) closed without a case requires a reason');
    expect(
      await rejection(
        alarmCommand(a, {
          type: 'DISPOSE',
          actor: handler,
          at,
          disposition: 'TRANSFERRED',
          reason: '不属公安管辖',
        }),
      ),
    ).toContain('TRANSFERRED (移交其他部门) requires agency');
    await arrive(a);
    expect(await rejection(arrive(a))).toContain('Arrival is recorded once');

    const state = await alarmState(a);
    expect(state.stage.code).toBe('ON_SCENE');
    expect(state.version).toBe(2);
    expect(
      (
        await app.prisma.auditEvent.findMany({
          where: { subjectId: a.alarmId },
          orderBy: { id: 'asc' },
        })
      ).map((e) => e.action),
    ).toEqual(['ALARM_RECEIVED', 'ARRIVED']);
    expect((await app.prisma.alarm.findUniqueOrThrow({ where: { id: a.alarmId } })).stage).toBe(
      'ON_SCENE',
    );

    await alarmCommand(a, {
      type: 'DISPOSE',
      actor: handler,
      at,
      disposition: 'TRANSFERRED',
      agency: '市场监管局',
      reason: '属市场监管部门管辖',
    });
    // A crime report goes to another agency once the bureau's leader approves (公安刑规 Art. 175).
    expect(
      await rejection(
        alarmCommand(a, { type: 'HANDOVER', actor: handler, at: Date.now(), receivedBy: '李某' }),
      ),
    ).toContain('after the disposition TRANSFERRED');
    const approved = await alarmCommand(a, {
      type: 'APPROVE',
      actor: { id: 'leader-qian', role: 'BUREAU_LEADER' },
      at: Date.now(),
      proposalId: `${a.alarmId}:PROPOSAL:1`,
    });
    expect(approved.stage.code).toBe('PENDING_HANDOVER');
    // A transfer ends the alarm once the agency has received it.
    await alarmCommand(a, { type: 'HANDOVER', actor: handler, at: Date.now(), receivedBy: '李某' });
    await a.handle.result();
  });

  it('converts an alarm into a case, whose workflow outlives the alarm', async () => {
    const a = await opened(await startAlarm({}, 'CRIME'));
    await arrive(a);
    expect(
      await rejection(
        alarmCommand(a, {
          type: 'DISPOSE',
          actor: handler,
          at: Date.now(),
          disposition: 'CONVERTED_TO_CASE',
          newCaseIds: newCaseIds(),
        }),
      ),
    ).toContain('requires newCase');
    const disposed = await alarmCommand(a, {
      type: 'DISPOSE',
      actor: handler,
      at: Date.now(),
      disposition: 'CONVERTED_TO_CASE',
      newCase: { kind: 'CRIMINAL', title: '入室盗窃案', handlerId: 'officer-7' },
      newCaseIds: newCaseIds(),
    });
    await a.handle.result();
    const caseId = disposed.disposition!.caseId!;
    expect(caseId).toMatch(/^case-/);
    const caseHandle = app.client.workflow.getHandle(caseId);
    await eventually(
      () => app.prisma.case.findUnique({ where: { id: caseId } }),
      (row) => row !== null,
    );
    const caseState = await view({ caseId, handle: caseHandle, prisma: app.prisma });
    expect(caseState.deadlines.map((d) => d.policyCode)).toEqual(['FILING_REVIEW']);
    expect((await caseHandle.describe()).type).toBe('caseWorkflowV2');
    expect(caseState).toMatchObject({
      stage: { code: 'FILING_REVIEW' },
      handlerId: 'officer-7',
      unitId: 'pcs-chengguan',
    });
    expect((await caseHandle.describe()).status.name).toBe('RUNNING');
    const row = await app.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row.alarmId).toBe(a.alarmId);
    await caseHandle.terminate('test done');
  });

  it('takes a conversion written by a workflow task that was lost, and starts its case', async () => {
    // The conversion's step is written by a local activity; the task that would then start the
    // case's workflow is lost (its worker killed). The test writes that step itself.
    const a = await opened(
      await startAlarm(
        { ALARM_ARRIVAL_TIER_1: { period: seconds(600) }, ALARM_DISPOSAL: { period: seconds(3) } },
        'CRIME',
      ),
    );
    await arrive(a);
    const kept = await app.prisma.engineState.findUniqueOrThrow({
      where: { subjectType_subjectId: { subjectType: 'ALARM', subjectId: a.alarmId } },
    });
    const ids = newCaseIds();
    const decision = decideAlarm(kept.state as unknown as AlarmModel, {
      type: 'DISPOSE',
      actor: handler,
      at: Date.now(),
      disposition: 'CONVERTED_TO_CASE',
      newCase: { kind: 'CRIMINAL', title: '入室盗窃案', handlerId: 'officer-7' },
      newCaseIds: ids,
      requestId: `lost-${randomUUID()}`,
    });
    if (!decision.ok || decision.duplicate) throw new Error('the conversion was not decided');
    await createStepActivities(app.prisma, testAuditKey).recordAlarmStep({
      row: alarmRow(decision.state),
      effects: decision.effects,
      state: decision.state,
    });
    // At the disposal's due instant the ladder decides a rung, finds the conversion and takes it:
    // no rung (it was disposed in time), the case's workflow started, the alarm done.
    await a.handle.result();
    expect(await escalationRows(a.alarmId)).toEqual([]);
    const caseRow = await eventually(
      () => app.prisma.case.findUnique({ where: { id: ids.caseId } }),
      (row) => row !== null,
    );
    expect(caseRow!.alarmId).toBe(a.alarmId);
    const caseHandle = app.client.workflow.getHandle(ids.caseId);
    expect((await caseHandle.describe()).status.name).toBe('RUNNING');
    expect((await alarmState(a)).stage.code).toBe('DISPOSED');
    await caseHandle.terminate('test done');
  });

  it('takes one of two dispositions sent together, opening one case, after the arrival', async () => {
    const taskQueue = `together-${randomUUID()}`;
    const a = await startAlarmWith(app, taskQueue, {}, 'CRIME');
    const convert = () =>
      alarmCommand(a, {
        type: 'DISPOSE',
        actor: handler,
        at: Date.now(),
        disposition: 'CONVERTED_TO_CASE',
        newCase: { kind: 'CRIMINAL', title: '入室盗窃案', handlerId: 'officer-7' },
        newCaseIds: newCaseIds(),
      });
    // The arrival reaches the server first; all three reach the workflow in one task.
    const [arrival, ...dispositions] = await deliveredTogether(app, taskQueue, () => [
      arrive(a),
      sleep(300).then(convert),
      sleep(300).then(convert),
    ]);
    expect(arrival!.status).toBe('fulfilled');
    expect(dispositions.map((d) => d.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = dispositions.find((d) => d.status === 'rejected') as PromiseRejectedResult;
    expect(await rejection(Promise.reject(refused.reason))).toBe(
      'This alarm is already disposed of.',
    );
    const taken = dispositions.find((d) => d.status === 'fulfilled') as PromiseFulfilledResult<
      Awaited<ReturnType<typeof convert>>
    >;
    expect(taken.value.stage.code).toBe('DISPOSED');
    expect(
      (
        await app.prisma.auditEvent.findMany({
          where: { subjectId: a.alarmId },
          orderBy: { id: 'asc' },
        })
      ).map((e) => e.action),
    ).toEqual(['ALARM_RECEIVED', 'ARRIVED', 'CONVERTED_TO_CASE']);
    // One case workflow started, not two (nobody polls this queue now: read the history).
    const { events } = await a.handle.fetchHistory();
    const children = events!.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes);
    expect(
      children.map((e) => e.startChildWorkflowExecutionInitiatedEventAttributes!.workflowId),
    ).toEqual([taken.value.disposition!.caseId]);
    await app.client.workflow.getHandle(taken.value.disposition!.caseId!).terminate('test done');
  });

  it('explains each deadline in the read model, in Chinese and English', async () => {
    const a = await opened(await startAlarm({}));
    const state = await eventually(
      () => alarmState(a),
      (s) => s.deadlines.length === 2,
    );
    const arrival = state.deadlines.find((d) => d.policyCode === 'ALARM_ARRIVAL_TIER_1')!;
    expect(Date.parse(arrival.dueAt!) - Date.parse(arrival.openedAt!)).toBe(5 * 60_000);
    expect(arrival.explanation.map((s) => s.en).join(' ')).toContain(
      'Period: 5 minutes (a local standard).',
    );
    expect(arrival.explanation[0]!.zh).toContain('1级响应到场');
    await disposeInTime(a);
    await a.handle.result();
  });
});

describe('the alarm side (issue 11 item 2)', () => {
  it('keeps a transferred alarm running until its handover: a missed 24 hours escalates, the handover closes it and the workflow ends', async () => {
    const a = await opened(
      await startAlarm(
        {
          ALARM_ARRIVAL_TIER_1: { period: seconds(600) },
          ALARM_DISPOSAL: { period: seconds(600) },
          // The 24 hours shortened to 2 s, the bureau leader told 2 s later.
          TRANSFER_TO_AGENCY: { period: seconds(2), grace: seconds(2) },
        },
        'VIOLATION',
      ),
    );
    await arrive(a);
    const transferred = await alarmCommand(a, {
      type: 'DISPOSE',
      actor: handler,
      at: Date.now(),
      disposition: 'TRANSFERRED',
      agency: '县市场监督管理局',
      reason: '销售假冒商品，属市场监管部门管辖',
    });
    expect(transferred.stage).toEqual({ code: 'PENDING_HANDOVER', label: '待移交接收' });
    const transferTask = `${a.alarmId}:TRANSFER`;
    expect(transferred.deadlines.find((d) => d.taskId === transferTask)).toMatchObject({
      policy: { code: 'TRANSFER_TO_AGENCY' },
    });

    const escalated = await eventually(
      () => alarmState(a),
      (s) =>
        s.escalations.some((e) => e.taskId === transferTask && e.level.code === 'SECOND_LEVEL'),
    );
    expect(
      escalated.escalations
        .filter((e) => e.taskId === transferTask)
        .map((e) => [e.level.code, e.role]),
    ).toEqual([
      ['REMINDER', 'HANDLER'],
      ['FIRST_LEVEL', 'DUTY_LEADER'],
      ['SECOND_LEVEL', 'BUREAU_LEADER'],
    ]);
    expect(escalated.deadlines.find((d) => d.taskId === transferTask)!.overdue).toBe(true);
    // Still running: the clock is open, so the alarm's workflow has not ended.
    expect((await a.handle.describe()).status.name).toBe('RUNNING');

    const handedOver = await alarmCommand(a, {
      type: 'HANDOVER',
      actor: handler,
      at: Date.now(),
      receivedBy: '市场监管局 张某',
    });
    expect(handedOver.stage.code).toBe('DISPOSED');
    expect(handedOver.handover).toMatchObject({
      receivedBy: '市场监管局 张某',
      agency: '县市场监督管理局',
    });
    await a.handle.result();
    const task = await app.prisma.task.findUniqueOrThrow({ where: { id: transferTask } });
    expect(task.completedAt).not.toBeNull();
    expect(task.overdue).toBe(true);
    expect(
      (
        await app.prisma.auditEvent.findMany({
          where: { subjectId: a.alarmId },
          orderBy: { occurredAt: 'asc' },
        })
      )
        .map((e) => e.action)
        .filter((action) => !action.startsWith('ESCALATION_')),
    ).toEqual(['ALARM_RECEIVED', 'ARRIVED', 'TRANSFERRED', 'HANDED_OVER']);
  });
});
