// npm run histories:record [-- --suffix NAME]: runs representative workflows on a real Temporal
// server and saves their histories in test/fixtures/histories, for the replay test. After a
// versioned change (patched()), record with a suffix and keep the older histories: they prove that
// cases started before the change still replay. A failing replay test without such a change is
// the alarm that a change would break running cases.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { NewAlarm } from '../../domain/alarm';
import type { PolicyOverrides } from '../../domain/deadline-policies';
import { createPrisma } from '../../platform/database';
import { startWorker } from '../../platform/worker';
import { createLogger } from '../../platform/logging';
import {
  acknowledgeEscalationUpdate,
  alarmStateQuery,
  disposeUpdate,
  recordArrivalUpdate,
} from '../../workflows/alarm';
import { caseStateQuery, extendDeadlineUpdate, reassignUpdate } from '../../workflows/case';
import { act, actor, startCase, toCourt } from './cases';
import { handler, startAlarm as startAlarmWith } from './alarms';
import { startTestServices } from './services';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'histories');
const suffixAt = process.argv.indexOf('--suffix');
const SUFFIX = suffixAt > 0 && process.argv[suffixAt + 1] ? `--${process.argv[suffixAt + 1]}` : '';
const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean) {
  for (let i = 0; i < 100; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('scenario did not reach its state');
}

async function main() {
  const log = (line: string) => console.log(line);
  const services = await startTestServices(log);
  const prisma = createPrisma(services.env.databaseUrl);
  const taskQueue = 'record-histories';
  const worker = await startWorker({
    temporalAddress: services.env.temporalAddress,
    namespace: 'default',
    taskQueue,
    prisma,
    shutdownTimeoutMs: 5000,
    heartbeatIntervalMs: 5000,
    logger: createLogger('warn'),
  });
  const connection = await Connection.connect({ address: services.env.temporalAddress });
  const client = new Client({ connection });

  const startAlarm = async (overrides: PolicyOverrides, category: NewAlarm['category']) =>
    (await startAlarmWith(client, taskQueue, overrides, category)).handle;
  const save = async (name: string, handle: WorkflowHandle) => {
    const history = await handle.fetchHistory();
    writeFileSync(path.join(FIXTURES, `${name}${SUFFIX}.json`), `${historyToJSON(history)}\n`);
    log(`[histories] ${name}: ${history.events?.length ?? 0} events`);
  };

  try {
    // 1. An alarm whose arrival is missed: the whole ladder fires, the leader acknowledges, then
    //    the handler arrives and disposes of it.
    const escalated = await startAlarm(
      {
        ALARM_ARRIVAL_TIER_1: { period: seconds(1), grace: seconds(1) },
        ALARM_DISPOSAL: { period: seconds(600) },
      },
      'VIOLATION',
    );
    const state = await until(
      () => escalated.query(alarmStateQuery),
      (s) => s.escalations.some((e) => e.level.code === 'SECOND_LEVEL'),
    );
    const firstLevel = state.escalations.find((e) => e.level.code === 'FIRST_LEVEL')!;
    await escalated.executeUpdate(acknowledgeEscalationUpdate, {
      args: [
        {
          actor: { id: 'leader-1', role: 'DUTY_LEADER' },
          at: Date.now(),
          taskId: firstLevel.taskId,
          level: 'FIRST_LEVEL',
        },
      ],
    });
    await escalated.executeUpdate(recordArrivalUpdate, {
      args: [{ actor: handler, at: Date.now() }],
    });
    await escalated.executeUpdate(disposeUpdate, {
      args: [
        {
          actor: handler,
          at: Date.now(),
          disposition: 'RESOLVED_ON_SCENE',
          reason: '当场调解，双方和解',
        },
      ],
    });
    await escalated.result();
    await save('alarm-escalated-then-disposed', escalated);

    // 2. An alarm handled in time: nothing fires.
    const inTime = await startAlarm({ ALARM_ARRIVAL_TIER_1: { period: seconds(30) } }, 'DISPUTE');
    await inTime.executeUpdate(recordArrivalUpdate, { args: [{ actor: handler, at: Date.now() }] });
    await inTime.executeUpdate(disposeUpdate, {
      args: [
        {
          actor: handler,
          at: Date.now(),
          disposition: 'TRANSFERRED',
          agency: '市场监管局',
          reason: '不属公安管辖',
        },
      ],
    });
    await inTime.result();
    await save('alarm-disposed-in-time', inTime);

    // 3. A running alarm, on scene, its disposal deadline still open: what a deploy meets.
    const running = await startAlarm({}, 'ASSISTANCE');
    await running.executeUpdate(recordArrivalUpdate, {
      args: [{ actor: handler, at: Date.now() }],
    });
    await save('alarm-running-on-scene', running);
    await running.terminate('recorded');

    // 4. A criminal case along the whole fast-track path to the archive.
    const fastTrack = (await startCase(client, taskQueue, 'CRIMINAL')).handle;
    await toCourt(fastTrack);
    await act(fastTrack, 'PRONOUNCE_JUDGMENT', 'JUDGE', { judgment: '判处有期徒刑一年二个月' });
    await act(fastTrack, 'ARCHIVE', 'CASE_CENTER');
    await fastTrack.result();
    await save('case-fast-track-archived', fastTrack);

    // 5. A stalled filing review: the ladder fires, a leader reassigns, the case is filed and runs on.
    const stalled = await startCase(client, taskQueue, 'CRIMINAL', {
      policyOverrides: { FILING_REVIEW: { period: seconds(1), grace: seconds(1) } },
    });
    await until(
      () => stalled.handle.query(caseStateQuery),
      (s) => s.escalations.length === 3,
    );
    await stalled.handle.executeUpdate(reassignUpdate, {
      args: [
        {
          actor: actor('UNIT_LEADER'),
          at: Date.now(),
          handlerId: 'officer-9',
          reason: '原办案人出差',
        },
      ],
    });
    await act(stalled.handle, 'FILE', 'HANDLER');
    await save('case-filing-review-escalated-running', stalled.handle);
    await stalled.handle.terminate('recorded');

    // 6. A public-order case with an extension, closed and archived.
    const admin = await startCase(client, taskQueue, 'ADMINISTRATIVE', {
      policyOverrides: { ADMIN_CASE: { period: seconds(600), extensionUpTo: seconds(60) } },
    });
    await until(
      () => admin.handle.query(caseStateQuery),
      (s) => s.deadlines.length === 1,
    );
    await admin.handle.executeUpdate(extendDeadlineUpdate, {
      args: [
        {
          actor: actor('BUREAU_LEADER'),
          at: Date.now(),
          taskId: `${admin.caseId}:ADMIN_CASE:1`,
          by: seconds(60),
          reason: '需鉴定',
        },
      ],
    });
    await act(admin.handle, 'SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER');
    await act(admin.handle, 'APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER');
    await act(admin.handle, 'SERVE_PENALTY_DECISION', 'HANDLER', { penalty: '罚款五百元' });
    await act(admin.handle, 'ARCHIVE', 'CASE_CENTER');
    await admin.handle.result();
    await save('case-administrative-extended-archived', admin.handle);

    // 7. A case not filed, reconsidered on the complainant's application, and filed after all.
    const notFiled = (await startCase(client, taskQueue, 'CRIMINAL')).handle;
    await act(notFiled, 'DECLINE_FILING', 'HANDLER', { reason: '没有犯罪事实' });
    await act(notFiled, 'SERVE_NON_FILING_NOTICE', 'HANDLER');
    await act(notFiled, 'APPLY_FOR_RECONSIDERATION', 'CASE_CENTER', { reason: '报案人提交新证据' });
    await act(notFiled, 'OVERTURN_NON_FILING', 'LEGAL_OFFICER', { reason: '新证据足以立案' });
    await save('case-not-filed-reconsidered-running', notFiled);
    await notFiled.terminate('recorded');

    // 8. A long case in its second run after continue-as-new (the run that carries state).
    const long = await startCase(client, taskQueue, 'CRIMINAL', { continueAsNewAfterEvents: 30 });
    await toCourt(long.handle);
    const latest = client.workflow.getHandle(long.caseId);
    await until(
      () => latest.query(caseStateQuery),
      (s) => s.runs >= 1,
    );
    await save('case-continued-as-new-running', latest);
    await latest.terminate('recorded');
  } finally {
    await connection.close();
    await worker.stop();
    await prisma.$disconnect();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
