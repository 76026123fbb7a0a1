// Starting alarms and sending them commands through the Temporal client, as the API does, and
// reading what each step wrote from the read model.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { NewAlarm } from '../../domain/alarm';
import type { AlarmCommand } from '../../domain/alarm-decider';
import type { PolicyOverrides } from '../../domain/deadline-policies';
import { QUERY_CODE_LENGTH, queryCodeFrom } from '../../domain/query-code';
import type { Prisma } from '../../platform/database';
import { alarmView, readAlarm } from '../../api/alarms/read-model';
import { alarmCommandUpdate, alarmWorkflowV2 } from '../../workflows/alarm';

export const handler = { id: 'officer-7', role: 'HANDLER' as const };

export interface TestAlarm {
  alarmId: string;
  handle: WorkflowHandle<typeof alarmWorkflowV2>;
  prisma: Prisma;
}

export async function startAlarm(
  app: { client: Client; prisma: Prisma },
  taskQueue: string,
  overrides: PolicyOverrides,
  category: NewAlarm['category'],
): Promise<TestAlarm> {
  const alarmId = `alarm-${randomUUID()}`;
  const alarm: NewAlarm = {
    alarmId,
    source: 'CALL_110',
    category,
    responseTier: 1,
    unitId: 'pcs-chengguan',
    summary: '邻里纠纷',
    reportedAt: new Date().toISOString(),
    receivedAt: Date.now(),
    receivedBy: { id: 'dispatcher-1', role: 'CASE_CENTER' },
    policyOverrides: overrides,
  };
  const handle = await app.client.workflow.start(alarmWorkflowV2, {
    taskQueue,
    workflowId: alarmId,
    args: [alarm],
  });
  return { alarmId, handle, prisma: app.prisma };
}

/** The alarm as the API shows it. */
export async function alarmState(a: TestAlarm) {
  const record = await readAlarm(a.prisma, a.alarmId);
  if (!record) throw new Error(`alarm ${a.alarmId} has no row in the read model`);
  return alarmView(record);
}

/** Sends one command; answers with the alarm as the step left it. */
export async function alarmCommand(a: TestAlarm, command: AlarmCommand) {
  const step = await a.handle.executeUpdate(alarmCommandUpdate, { args: [command] });
  return { ...(await alarmState(a)), step };
}

export const arrive = (a: TestAlarm, actor: AlarmCommand['actor'] = handler) =>
  alarmCommand(a, { type: 'ARRIVE', actor, at: Date.now() });

/** The ids the API mints for a case opened from an alarm. */
export const newCaseIds = () => ({
  caseId: `case-${randomUUID()}`,
  queryCode: queryCodeFrom(randomBytes(QUERY_CODE_LENGTH)),
});
