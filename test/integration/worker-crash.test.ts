// A worker killed mid-case (SIGKILL, no drain) and another started: the case goes on where it was,
// the escalations due while no worker ran fire once, and no row is written twice.
import { randomUUID } from 'node:crypto';
import { eventually, startTestApp, type TestApp } from '../support/app';
import { act, openedCase, view } from '../support/cases';
import { runScript, type RunningScript } from '../support/processes';
import { testEnvironment } from '../support/test-env';

let app: TestApp; // the client and database only: the workers here are separate processes
const workers: RunningScript[] = [];
beforeAll(async () => {
  app = await startTestApp({ withWorker: false });
});
afterAll(async () => {
  for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
  await app.close();
});

it('loses nothing and doubles nothing when the worker is killed mid-case', async () => {
  const { temporalAddress, databaseUrl } = testEnvironment();
  const taskQueue = `crash-${randomUUID()}`;
  const startWorker = async () => {
    const worker = runScript('worker', {
      TEMPORAL_ADDRESS: temporalAddress,
      DATABASE_URL: databaseUrl,
      TEMPORAL_TASK_QUEUE: taskQueue,
    });
    workers.push(worker);
    await worker.waitForOutput(/Press Ctrl-C to stop\./, 120_000);
    return worker;
  };

  const first = await startWorker();
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
  await new Promise((resolve) => setTimeout(resolve, 4000)); // the first and second levels fall due with no worker

  await startWorker();
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

  const filed = await act(c, 'FILE', 'HANDLER');
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
  ).toEqual(['CASE_ACCEPTED', 'FILE']);
  expect(await app.prisma.task.count({ where: { caseId } })).toBe(1);
  expect(await app.prisma.case.count({ where: { id: caseId } })).toBe(1);
  await c.handle.terminate('test done');
});
