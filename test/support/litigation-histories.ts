// The reconsideration and lawsuit scenarios npm run histories:record records
// (test/support/record-histories.ts): a reconsideration whose reply goes overdue to the bureau,
// acknowledged, replied to late and upheld; a lawsuit defended, heard with the leader, revoked and
// carried out; one awaiting its performance, as a deploy meets it.
import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { PolicyOverrides } from '../../domain/deadline-policies';
import type { MatterKind, NewMatter } from '../../domain/litigation';
import type { MatterCommand } from '../../domain/litigation-decider';
import type { Prisma } from '../../platform/database';
import { litigationWorkflow, matterCommandUpdate } from '../../workflows/litigation';

const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });
const legal = { id: 'legal-1', role: 'LEGAL_OFFICER' as const };
const bureau = { id: 'bureau-1', role: 'BUREAU_LEADER' as const };
const leader = { name: '王某', post: '分局局长' };

interface Recorder {
  client: Client;
  prisma: Prisma;
  taskQueue: string;
  until: <T>(read: () => Promise<T>, done: (value: T) => boolean) => Promise<T>;
  save: (name: string, handle: WorkflowHandle) => Promise<void>;
}

async function start(r: Recorder, kind: MatterKind, policyOverrides: PolicyOverrides) {
  const now = Date.now();
  const matter: NewMatter = {
    matterId: `lit-${randomUUID()}`,
    kind,
    unitId: 'gaj',
    decision: { documentNumber: 'X公（治）行罚决字〔2026〕123号', summary: '罚款五百元' },
    claimantName: '张某',
    forum: kind === 'LAWSUIT' ? '某区人民法院' : '某区人民政府',
    copyReceivedAt: now,
    registeredAt: now,
    registeredBy: legal,
    policyOverrides,
  };
  const handle = await r.client.workflow.start(litigationWorkflow, {
    taskQueue: r.taskQueue,
    workflowId: matter.matterId,
    args: [matter],
  });
  await r.until(
    () => r.prisma.litigationMatter.findUnique({ where: { id: matter.matterId } }),
    (row) => row !== null,
  );
  const send = (command: Omit<MatterCommand, 'at' | 'actor'> & Partial<MatterCommand>) =>
    handle.executeUpdate(matterCommandUpdate, {
      args: [{ actor: legal, at: Date.now(), ...command } as MatterCommand],
    });
  return { id: matter.matterId, handle, send };
}

export async function recordLitigation(r: Recorder) {
  const relaxed: PolicyOverrides = {
    ADMIN_RECONSIDERATION_REPLY: { period: seconds(600) },
    ADMIN_LITIGATION_DEFENCE: { period: seconds(600) },
  };
  const overdue = await start(r, 'RECONSIDERATION', {
    ADMIN_RECONSIDERATION_REPLY: { period: seconds(1), grace: seconds(1) },
  });
  await r.until(
    () => r.prisma.escalation.count({ where: { taskId: `${overdue.id}:REPLY:1` } }),
    (n) => n === 2,
  );
  await overdue.send({
    type: 'ACKNOWLEDGE',
    actor: bureau,
    taskId: `${overdue.id}:REPLY:1`,
    level: 'FIRST_LEVEL',
    note: '请法制大队立即答复',
  });
  await overdue.send({ type: 'ANSWER_SUBMITTED', note: '书面答复及证据目录' });
  await overdue.send({ type: 'DECIDED', outcome: 'UPHELD' });
  await overdue.handle.result();
  await r.save('litigation-reconsideration-overdue-replied-upheld', overdue.handle);

  const lawsuit = await start(r, 'LAWSUIT', relaxed);
  await lawsuit.send({ type: 'ANSWER_SUBMITTED', note: '答辩状及证据' });
  await lawsuit.send({ type: 'HEARING_RECORDED', leaderAppeared: true, leader });
  await lawsuit.send({
    type: 'DECIDED',
    outcome: 'REVOKED',
    documentNumber: '（2026）某0102行初12号',
  });
  await lawsuit.send({ type: 'CARRIED_OUT', note: '已撤销原处罚决定并退还罚款' });
  await lawsuit.handle.result();
  await r.save('litigation-lawsuit-revoked-carried-out', lawsuit.handle);

  const awaiting = await start(r, 'LAWSUIT', relaxed);
  await awaiting.send({ type: 'ANSWER_SUBMITTED' });
  await awaiting.send({
    type: 'HEARING_RECORDED',
    leaderAppeared: false,
    leader,
    officer: { name: '李某', post: '法制大队民警' },
    reason: '出席全市安保会议',
  });
  await awaiting.send({ type: 'DECIDED', outcome: 'VARIED' });
  await r.save('litigation-lawsuit-awaiting-performance', awaiting.handle);
  await awaiting.handle.terminate('recorded');
}
