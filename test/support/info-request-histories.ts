// The information-request scenarios npm run histories:record records (test/support/record-histories.ts):
// one corrected, consulted on, extended and answered; one whose answer goes overdue up the ladder,
// is acknowledged and answered late; one still waiting for its correction, as a deploy meets it.
import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { PolicyOverrides } from '../../domain/deadline-policies';
import type { NewInfoRequest } from '../../domain/info-request';
import type { InfoRequestCommand } from '../../domain/info-request-decider';
import type { Prisma } from '../../platform/database';
import { infoRequestCommandUpdate, infoRequestWorkflow } from '../../workflows/info-request';

const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });
const center = { id: 'center-1', role: 'CASE_CENTER' as const };
const officeHead = { id: 'office-head-1', role: 'UNIT_LEADER' as const };

interface Recorder {
  client: Client;
  prisma: Prisma;
  taskQueue: string;
  until: <T>(read: () => Promise<T>, done: (value: T) => boolean) => Promise<T>;
  save: (name: string, handle: WorkflowHandle) => Promise<void>;
}

async function start(r: Recorder, policyOverrides: PolicyOverrides) {
  const now = Date.now();
  const request: NewInfoRequest = {
    requestId: `info-${randomUUID()}`,
    unitId: 'gaj',
    applicantName: '申请人甲',
    description: '2025年本局治安罚没款收支情况',
    channel: 'ONLINE',
    facts: { submittedAt: now, confirmedAt: now },
    receivedAt: now,
    registeredAt: now,
    registeredBy: center,
    policyOverrides,
  };
  const handle = await r.client.workflow.start(infoRequestWorkflow, {
    taskQueue: r.taskQueue,
    workflowId: request.requestId,
    args: [request],
  });
  await r.until(
    () => r.prisma.infoRequest.findUnique({ where: { id: request.requestId } }),
    (row) => row !== null,
  );
  const send = (command: Omit<InfoRequestCommand, 'at' | 'actor'> & Partial<InfoRequestCommand>) =>
    handle.executeUpdate(infoRequestCommandUpdate, {
      args: [{ actor: center, at: Date.now(), ...command } as InfoRequestCommand],
    });
  return { id: request.requestId, handle, send };
}

export async function recordInfoRequests(r: Recorder) {
  const relaxed: PolicyOverrides = {
    INFO_DISCLOSURE: { period: seconds(600), extensionUpTo: seconds(60) },
    INFO_CORRECTION_NOTICE: { period: seconds(600) },
    INFO_THIRD_PARTY_OPINION: { period: seconds(600) },
  };
  const answered = await start(r, relaxed);
  await answered.send({
    type: 'CORRECTION_REQUESTED',
    matters: '请明确所需信息的年份',
    correctBy: Date.now() + 3_600_000,
  });
  await answered.send({ type: 'CORRECTED_APPLICATION_RECEIVED' });
  await answered.send({ type: 'CONSULTATION_STARTED', consultee: 'THIRD_PARTY', party: '某公司' });
  await answered.send({ type: 'CONSULTATION_ENDED', outcome: '同意公开' });
  await answered.send({ type: 'EXTENDED', actor: officeHead, reason: '需调取多个单位档案' });
  await answered.send({
    type: 'ANSWERED',
    answerType: 'PARTIALLY_DISCLOSED',
    reason: '涉及第三方商业秘密部分不予公开',
  });
  await answered.handle.result();
  await r.save('info-request-corrected-extended-answered', answered.handle);

  const overdue = await start(r, {
    ...relaxed,
    INFO_DISCLOSURE: { period: seconds(1), grace: seconds(1) },
  });
  await r.until(
    () => r.prisma.escalation.count({ where: { taskId: `${overdue.id}:ANSWER:1` } }),
    (n) => n === 3,
  );
  await overdue.send({
    type: 'ACKNOWLEDGE',
    actor: officeHead,
    taskId: `${overdue.id}:ANSWER:1`,
    level: 'FIRST_LEVEL',
    note: '已督促答复',
  });
  await overdue.send({ type: 'APPLICATION_CLEAR' });
  await overdue.send({ type: 'ANSWERED', answerType: 'INFORMATION_NOT_FOUND' });
  await overdue.handle.result();
  await r.save('info-request-overdue-escalated-answered', overdue.handle);

  const waiting = await start(r, relaxed);
  await waiting.send({
    type: 'CORRECTION_REQUESTED',
    matters: '请补充所需信息的特征描述',
    correctBy: Date.now() + 3_600_000,
  });
  await r.save('info-request-awaiting-correction', waiting.handle);
  await waiting.handle.terminate('recorded');
}
