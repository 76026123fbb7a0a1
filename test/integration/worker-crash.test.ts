// A worker killed mid-case (SIGKILL, no drain) and another started: the case goes on where it was,
// the escalations due while no worker ran fire once, a step stamped before its due instant never
// escalates, and no row is written twice.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { Client as PgClient } from 'pg';
import type { CaseCommand } from '../../domain/case-decider';
import type { EscalationRung } from '../../domain/escalation';
import { eventually, startTestApp, type TestApp } from '../support/app';
import { act, actor, command, decided, history, openedCase, view } from '../support/cases';
import { runScript, type RunningScript } from '../support/processes';
import { TEST_PAYLOAD_KEYS, testEnvironment } from '../support/test-env';

let app: TestApp; // the client and database only: the workers here are separate processes
const workers: RunningScript[] = [];
beforeAll(async () => {
  app = await startTestApp({ withWorker: false });
});
afterAll(async () => {
  for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
  await app.close();
});

/** A worker in a child process on its own task queue, as `npm run worker` runs it. */
async function startWorker(taskQueue: string) {
  const { temporalAddress, databaseUrl } = testEnvironment();
  const worker = runScript('worker', {
    TEMPORAL_ADDRESS: temporalAddress,
    DATABASE_URL: databaseUrl,
    TEMPORAL_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    TEMPORAL_TASK_QUEUE: taskQueue,
  });
  workers.push(worker);
  await worker.waitForOutput(/Press Ctrl-C to stop\./, 120_000);
  return worker;
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** The markers of the local activities that wrote a case's steps, in the order they completed. */
function stepsWritten(log: HistoryEvent[]) {
  // A regular activity's completion, or (in runs that wrote steps locally) its marker.
  const scheduled = new Set(
    log
      .filter(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordCaseStep',
      )
      .map((e) => Number(e.eventId)),
  );
  return log.filter((e) => {
    const completed = e.activityTaskCompletedEventAttributes;
    if (completed) return scheduled.has(Number(completed.scheduledEventId));
    const marker = e.markerRecordedEventAttributes;
    const data =
      marker?.markerName === 'core_local_activity' && marker.details?.data?.payloads?.[0];
    if (!data || !data.data) return false;
    const written = JSON.parse(Buffer.from(data.data).toString()) as { activity_type?: string };
    return written.activity_type === 'recordCaseStep';
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('loses nothing and doubles nothing when the worker is killed mid-case', async () => {
  const taskQueue = `crash-${randomUUID()}`;
  const first = await startWorker(taskQueue);
  const c = await openedCase(app, taskQueue, 'CRIMINAL', {
    policyOverrides: {
      FILING_REVIEW: {
        period: { length: 4, unit: 'SECONDS' },
        grace: { length: 2, unit: 'SECONDS' },
      },
    },
  });
  await eventually(
    () => view(c),
    (s) => s.escalations.length >= 1,
  );

  first.child.kill('SIGKILL');
  await first.exited(10_000);
  await sleep(4000); // the first and second levels fall due with no worker

  await startWorker(taskQueue);
  const state = await eventually(
    () => view(c),
    (s) => s.escalations.length === 3,
    60_000,
  );
  const { caseId } = c;
  const task = `${caseId}:FILING_REVIEW:1`;
  expect(state.escalations.map((e) => [e.taskId, e.level.code])).toEqual([
    [task, 'REMINDER'],
    [task, 'FIRST_LEVEL'],
    [task, 'SECOND_LEVEL'],
  ]);

  const filed = await decided(c, 'FILE');
  expect(filed.stage.code).toBe('INVESTIGATION');

  const escalationRows = await app.prisma.escalation.findMany({ where: { taskId: task } });
  expect(escalationRows.map((e) => e.level).sort()).toEqual([
    'FIRST_LEVEL',
    'REMINDER',
    'SECOND_LEVEL',
  ]);
  const audit = await app.prisma.auditEvent.findMany({ where: { subjectId: caseId } });
  expect(audit.filter((a) => a.action.startsWith('ESCALATION_'))).toHaveLength(3);
  expect(
    audit
      .filter((a) => !a.action.startsWith('ESCALATION_'))
      .map((a) => a.action)
      .sort(),
  ).toEqual(['APPROVAL_GRANTED', 'APPROVAL_PROPOSED', 'CASE_ACCEPTED', 'FILE']);
  // The filing review and the approval's step (审批).
  expect(await app.prisma.task.count({ where: { caseId } })).toBe(2);
  expect(await app.prisma.case.count({ where: { id: caseId } })).toBe(1);
  await c.handle.terminate('test done');
});

it('a step completed before its due instant never escalates, even when its last activity ran on a worker that was killed', async () => {
  const taskQueue = `crash-${randomUUID()}`;
  const first = await startWorker(taskQueue);
  // Long enough that the next worker is up before the reminder: it handles each rung's timer
  // while the FILE step is still being written.
  const c = await openedCase(app, taskQueue, 'CRIMINAL', {
    policyOverrides: {
      FILING_REVIEW: {
        period: { length: 20, unit: 'SECONDS' },
        grace: { length: 4, unit: 'SECONDS' },
      },
    },
  });
  const taskId = `${c.caseId}:FILING_REVIEW:1`;
  const opened = await app.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
  const rungs = opened.rungs as unknown as EscalationRung[];
  expect(rungs.map((r) => r.level)).toEqual(['REMINDER', 'FIRST_LEVEL', 'SECOND_LEVEL']);
  // FILE is proposed; its approval (审批) is the step that files the case.
  await act(c, 'FILE', 'HANDLER');
  // Steps are written by local activities: each write is a marker, recorded once it completed.
  const fileStepWritten = (log: HistoryEvent[]) => stepsWritten(log)[2];
  // The test holds the case's row: the FILE step's transaction waits for it.
  const lock = new PgClient({ connectionString: testEnvironment().databaseUrl });
  await lock.connect();
  let released = false;
  try {
    await lock.query('BEGIN');
    await lock.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [c.caseId]);
    const { rows } = await lock.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const lockHolder = rows[0]!.pid;
    const waitingForTheRow = async () => {
      const blocked = await app.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
        [lockHolder],
      );
      return blocked.rows[0]!.n;
    };

    const filedAt = Date.now();
    expect(filedAt).toBeLessThan(rungs[0]!.at); // stamped before the first rung is due
    const requestId = randomUUID();
    const file: CaseCommand = {
      type: 'APPROVE',
      proposalId: `${c.caseId}:PROPOSAL:1`,
      actor: actor('BUREAU_LEADER'),
      at: filedAt,
      requestId,
    };
    // Not awaited: its step cannot commit while the test holds the row.
    const firstCall = command(c, file, requestId).then(
      (answer) => ({ answer }),
      (error: unknown) => ({ error }),
    );
    await eventually(waitingForTheRow, (n) => n >= 1);

    first.child.kill('SIGKILL');
    await first.exited(10_000);
    await startWorker(taskQueue);

    // The new worker takes up the case: the reminder's timer fires and the workflow handles it
    // (a workflow task completes after it) while the FILE step is not yet written.
    await eventually(
      async () => (await c.handle.fetchHistory()).events ?? [],
      (log) => {
        const timer = log.find((e) => e.timerFiredEventAttributes);
        return (
          timer !== undefined &&
          log.some(
            (e) =>
              e.workflowTaskCompletedEventAttributes && Number(e.eventId) > Number(timer.eventId),
          ) &&
          !fileStepWritten(log)
        );
      },
      40_000,
    );
    // Every rung falls due before the step is written.
    await sleep(rungs[2]!.at + 1500 - Date.now());
    expect(await waitingForTheRow()).toBeGreaterThanOrEqual(1);
    await lock.query('ROLLBACK');
    released = true;

    // The Update reached the workflow before the kill; the server hands it to the new worker,
    // where it completes. Whatever the first call saw, a retry with the same ids answers it.
    const retried = await command(c, file, requestId);
    const seen = await firstCall;
    if ('error' in seen) expect(seen.error).not.toBeInstanceOf(WorkflowUpdateFailedError);
    else expect(seen.answer.step).toEqual(retried.step);
    expect(retried.step).toEqual({ caseId: c.caseId, version: 3 });
    expect(retried.stage.code).toBe('INVESTIGATION');

    const task = await app.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.completedAt?.getTime()).toBe(filedAt);
    expect(task.overdue).toBe(false);
    expect(await app.prisma.escalation.findMany({ where: { taskId } })).toEqual([]);
    const events = await history(c);
    expect(events.filter((e) => e.action.startsWith('ESCALATION_'))).toEqual([]);
    expect(events.map((e) => e.action)).toEqual([
      'CASE_ACCEPTED',
      'APPROVAL_PROPOSED',
      'APPROVAL_GRANTED',
      'FILE',
    ]);

    // The race was real: the step was written after a workflow task had handled a rung's timer.
    const log = (await c.handle.fetchHistory()).events ?? [];
    const written = Number(fileStepWritten(log)!.eventId);
    const timer = Number(log.find((e) => e.timerFiredEventAttributes)!.eventId);
    const handled = log.filter(
      (e) =>
        e.workflowTaskCompletedEventAttributes &&
        Number(e.eventId) > timer &&
        Number(e.eventId) < written,
    );
    expect(handled.length).toBeGreaterThanOrEqual(1);

    // The workflow's own state agrees with the read model: the case goes on from INVESTIGATION,
    // and no rung of the filing review fires later.
    const submitted = await act(c, 'SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER');
    expect(submitted.stage.code).toBe('LEGAL_REVIEW');
    expect(submitted.step.version).toBe(4);
    expect(await app.prisma.escalation.count({ where: { taskId } })).toBe(0);
    expect((await history(c)).map((e) => e.action)).toEqual([
      'CASE_ACCEPTED',
      'APPROVAL_PROPOSED',
      'APPROVAL_GRANTED',
      'FILE',
      'SUBMIT_FOR_LEGAL_REVIEW',
    ]);
  } finally {
    if (!released) await lock.query('ROLLBACK').catch(() => undefined);
    await lock.end();
  }
  await c.handle.terminate('test done');
});
