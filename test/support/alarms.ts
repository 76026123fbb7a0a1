// Starting alarms through the Temporal client, as the API does.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { NewAlarm } from '../../domain/alarm';
import type { PolicyOverrides } from '../../domain/deadline-policies';
import { alarmWorkflow } from '../../workflows/alarm';

export const handler = { id: 'officer-7', role: 'HANDLER' as const };

export async function startAlarm(
  client: Client,
  taskQueue: string,
  overrides: PolicyOverrides,
  category: NewAlarm['category'],
) {
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
  const handle = await client.workflow.start(alarmWorkflow, {
    taskQueue,
    workflowId: alarmId,
    args: [alarm],
  });
  return { alarmId, handle };
}
