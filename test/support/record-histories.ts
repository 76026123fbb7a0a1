// npm run histories:record [-- --suffix NAME] [--only GROUP]: runs representative
// workflows on a real Temporal server and saves their histories in test/fixtures/histories, for
// the replay test. After a
// versioned change (patched()), record with a suffix and keep the older histories: they prove that
// cases started before the change still replay. A failing replay test without such a change is
// the alarm that a change would break running cases.
import { testAuditKey } from './audit-key';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { createPrisma } from '../../platform/database';
import { startWorker } from '../../composition/worker';
import { createLogger } from '../../platform/logging';
import { caseActionUpdate, upgradeEngineSignal, type caseWorkflow } from '../../workflows/case-v1';
import type { CaseCommand } from '../../domain/case-decider';
import type { Role } from '../../domain/roles';
import {
  act,
  actor,
  command,
  decided,
  newCaseInput,
  openedCase,
  PROSECUTION_ORG,
  toCourt,
  view,
} from './cases';
import { alarmCommand, arrive, handler, newCaseIds, startAlarm } from './alarms';
import { recordInfoRequests } from './info-request-histories';
import { recordLitigation } from './litigation-histories';
import { fittingFastProcedureFacts } from './fixtures';
import { startTestServices } from './services';
import { testClientCodec, testWorkerCodec } from './app';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'histories');
const suffixAt = process.argv.indexOf('--suffix');
const SUFFIX = suffixAt > 0 && process.argv[suffixAt + 1] ? `--${process.argv[suffixAt + 1]}` : '';
const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });
/** `--only info-requests`, `--only litigation` or `--only alarms`: that group's scenarios alone. */
const onlyAt = process.argv.indexOf('--only');
const ONLY = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;

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
  // Recorded with the test run's payload key, which the replay test knows (payloads are ciphertext).
  const worker = await startWorker({
    temporalAddress: services.env.temporalAddress,
    payloadCodec: testWorkerCodec(),
    namespace: 'default',
    taskQueue,
    prisma,
    auditKey: testAuditKey,
    shutdownTimeoutMs: 5000,
    heartbeatIntervalMs: 5000,
    logger: createLogger('warn'),
  });
  const connection = await Connection.connect({ address: services.env.temporalAddress });
  const client = new Client({ connection, dataConverter: { payloadCodecs: [testClientCodec()] } });

  const save = async (name: string, handle: WorkflowHandle) => {
    const history = await handle.fetchHistory();
    writeFileSync(path.join(FIXTURES, `${name}${SUFFIX}.json`), `${historyToJSON(history)}\n`);
    log(`[histories] ${name}: ${history.events?.length ?? 0} events`);
  };

  try {
    const app = { client, prisma };
    if (!ONLY || ONLY === 'info-requests')
      await recordInfoRequests({ client, prisma, taskQueue, until, save });
    if (!ONLY || ONLY === 'litigation')
      await recordLitigation({ client, prisma, taskQueue, until, save });
    if (ONLY === 'info-requests' || ONLY === 'litigation') return;
    // 1. An alarm whose arrival is missed: the whole ladder fires, the leader acknowledges, then
    //    the handler arrives and disposes of it.
    const escalated = await startAlarm(
      app,
      taskQueue,
      {
        ALARM_ARRIVAL_TIER_1: { period: seconds(1), grace: seconds(1) },
        ALARM_DISPOSAL: { period: seconds(600) },
      },
      'VIOLATION',
    );
    await until(
      () => app.prisma.escalation.count({ where: { taskId: `${escalated.alarmId}:ARRIVAL` } }),
      (n) => n === 3,
    );
    await alarmCommand(escalated, {
      type: 'ACKNOWLEDGE',
      actor: { id: 'leader-1', role: 'DUTY_LEADER' },
      at: Date.now(),
      taskId: `${escalated.alarmId}:ARRIVAL`,
      level: 'FIRST_LEVEL',
    });
    await arrive(escalated);
    await alarmCommand(escalated, {
      type: 'DISPOSE',
      actor: handler,
      at: Date.now(),
      disposition: 'RESOLVED_ON_SCENE',
      reason: '当场调解，双方和解',
    });
    await escalated.handle.result();
    await save('alarm-v2-escalated-then-disposed', escalated.handle);

    // 2. A running alarm, on scene, its disposal deadline still open: what a deploy meets.
    const running = await startAlarm(app, taskQueue, {}, 'ASSISTANCE');
    await until(
      () => app.prisma.alarm.findUnique({ where: { id: running.alarmId } }),
      (row) => row !== null,
    );
    await arrive(running);
    await save('alarm-v2-running-on-scene', running.handle);
    await running.handle.terminate('recorded');

    // 3. An alarm converted into a case (the case starts on caseWorkflowV2).
    const converted = await startAlarm(app, taskQueue, {}, 'CRIME');
    await until(
      () => app.prisma.alarm.findUnique({ where: { id: converted.alarmId } }),
      (row) => row !== null,
    );
    const ids = newCaseIds();
    await alarmCommand(converted, {
      type: 'DISPOSE',
      actor: handler,
      at: Date.now(),
      disposition: 'CONVERTED_TO_CASE',
      newCase: { kind: 'CRIMINAL', title: '入室盗窃案', handlerId: 'officer-7' },
      newCaseIds: ids,
    });
    await converted.handle.result();
    await save('alarm-v2-converted-to-case', converted.handle);
    await client.workflow.getHandle(ids.caseId).terminate('recorded');

    // 3a. A transferred alarm whose handover misses its (shortened) 24 hours: it escalates, the
    //     handover closes it and the alarm ends (the alarm-side rules, alarm-side-2026).
    const transferred = await startAlarm(
      app,
      taskQueue,
      {
        ALARM_ARRIVAL_TIER_1: { period: seconds(600) },
        ALARM_DISPOSAL: { period: seconds(600) },
        TRANSFER_TO_AGENCY: { period: seconds(1), grace: seconds(1) },
      },
      'VIOLATION',
    );
    await arrive(transferred);
    await alarmCommand(transferred, {
      type: 'DISPOSE',
      actor: handler,
      at: Date.now(),
      disposition: 'TRANSFERRED',
      agency: '县市场监督管理局',
      reason: '属市场监管部门管辖',
    });
    await until(
      () => app.prisma.escalation.count({ where: { taskId: `${transferred.alarmId}:TRANSFER` } }),
      (n) => n === 3,
    );
    await alarmCommand(transferred, {
      type: 'HANDOVER',
      actor: handler,
      at: Date.now(),
      receivedBy: '市场监管局 张某',
    });
    await transferred.handle.result();
    await save('alarm-v2-transferred-escalated-handed-over', transferred.handle);

    // 3b. An alarm waiting for its handover: what a deploy meets.
    const awaiting = await startAlarm(app, taskQueue, {}, 'DISPUTE');
    await arrive(awaiting);
    await alarmCommand(awaiting, {
      type: 'DISPOSE',
      actor: handler,
      at: Date.now(),
      disposition: 'TRANSFERRED',
      agency: '县人民调解委员会',
    });
    await save('alarm-v2-pending-handover', awaiting.handle);
    await awaiting.handle.terminate('recorded');

    // 3c. An emergency handled on the scene first, its report then registered as a case.
    const scene = await startAlarm(app, taskQueue, {}, 'CRIME');
    await arrive(scene);
    await alarmCommand(scene, { type: 'SCENE_HANDLED', actor: handler, at: Date.now() });
    const sceneCase = newCaseIds();
    await alarmCommand(scene, {
      type: 'DISPOSE',
      actor: handler,
      at: Date.now(),
      disposition: 'CONVERTED_TO_CASE',
      newCase: { kind: 'CRIMINAL', title: '街头斗殴伤害案', handlerId: 'officer-7' },
      newCaseIds: sceneCase,
    });
    await scene.handle.result();
    await save('alarm-v2-scene-handled-registered', scene.handle);
    await client.workflow.getHandle(sceneCase.caseId).terminate('recorded');

    // 3d. A crime report's transfer (approvals-2026): proposed, refused by the bureau leader,
    //     proposed again and approved; its 24 hours run from the approval, the handover ends it.
    const crimeTransfer = await startAlarm(app, taskQueue, {}, 'CRIME');
    await arrive(crimeTransfer);
    const proposeTransfer = () =>
      alarmCommand(crimeTransfer, {
        type: 'DISPOSE',
        actor: handler,
        at: Date.now(),
        disposition: 'TRANSFERRED',
        agency: '县公安局经侦大队',
        reason: '涉嫌合同诈骗，属经侦管辖',
      });
    const bureauLeader = { id: 'leader-qian', role: 'BUREAU_LEADER' } as const;
    await proposeTransfer();
    await alarmCommand(crimeTransfer, {
      type: 'REFUSE',
      actor: bureauLeader,
      at: Date.now(),
      proposalId: `${crimeTransfer.alarmId}:PROPOSAL:1`,
      reason: '请补充管辖依据',
    });
    await proposeTransfer();
    await alarmCommand(crimeTransfer, {
      type: 'APPROVE',
      actor: bureauLeader,
      at: Date.now(),
      proposalId: `${crimeTransfer.alarmId}:PROPOSAL:2`,
    });
    await alarmCommand(crimeTransfer, {
      type: 'HANDOVER',
      actor: handler,
      at: Date.now(),
      receivedBy: '经侦大队 赵某',
    });
    await crimeTransfer.handle.result();
    await save('alarm-v2-crime-transfer-approved', crimeTransfer.handle);
    if (ONLY === 'alarms') return;

    // 4. A criminal case along the whole fast-track path to the archive.
    const fastTrack = await openedCase(app, taskQueue, 'CRIMINAL');
    await toCourt(fastTrack);
    await act(fastTrack, 'PRONOUNCE_JUDGMENT', 'JUDGE', { judgment: '判处有期徒刑一年二个月' });
    await act(fastTrack, 'ARCHIVE', 'CASE_CENTER');
    await fastTrack.handle.result();
    await save('case-v2-fast-track-archived', fastTrack.handle);

    // 5. A stalled filing review: the ladder fires, a leader acknowledges and reassigns, the case
    //    is filed and runs on.
    const stalled = await openedCase(app, taskQueue, 'CRIMINAL', {
      policyOverrides: { FILING_REVIEW: { period: seconds(1), grace: seconds(1) } },
    });
    await until(
      () => view(stalled),
      (s) => s.escalations.length === 3,
    );
    const leader = { actor: actor('UNIT_LEADER'), at: Date.now() };
    await command(stalled, {
      type: 'ACKNOWLEDGE',
      ...leader,
      taskId: `${stalled.caseId}:FILING_REVIEW:1`,
      level: 'FIRST_LEVEL',
    });
    await command(stalled, {
      type: 'REASSIGN',
      ...leader,
      handlerId: 'officer-9',
      reason: '原办案人出差',
    });
    await decided(stalled, 'FILE');
    await save('case-v2-filing-review-escalated-running', stalled.handle);
    await stalled.handle.terminate('recorded');

    // 6. A public-order case with an extension and a pause, closed and archived.
    const admin = await openedCase(app, taskQueue, 'ADMINISTRATIVE', {
      policyOverrides: { ADMIN_CASE: { period: seconds(600), extensionUpTo: seconds(60) } },
    });
    await until(
      () => view(admin),
      (s) => s.deadlines.length === 1,
    );
    const adminTask = `${admin.caseId}:ADMIN_CASE:1`;
    // Proposed by the handler, approved by the bureau's leader (审批).
    await command(admin, {
      type: 'PROPOSE_EXTENSION',
      actor: actor('HANDLER'),
      at: Date.now(),
      taskId: adminTask,
      by: seconds(60),
      reason: '需鉴定',
    });
    await command(admin, {
      type: 'APPROVE',
      actor: actor('BUREAU_LEADER'),
      at: Date.now(),
      proposalId: `${admin.caseId}:PROPOSAL:1`,
    });
    // A pause is recorded once it has ended, within its clock: one second, just past.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await command(admin, {
      type: 'PAUSE',
      actor: actor('HANDLER'),
      at: Date.now(),
      taskId: adminTask,
      reason: 'APPRAISAL',
      from: Date.now() - 1000,
      to: Date.now(),
    });
    await act(admin, 'SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER');
    await act(admin, 'APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER');
    // 罚款五百元: decided with the station leader's approval (审批), then served.
    await decided(admin, 'DECIDE_PENALTY', 'HANDLER', {
      penalty: '罚款五百元',
      penaltyKind: 'FINE',
      fineYuan: 500,
    });
    await act(admin, 'SERVE_PENALTY_DECISION', 'HANDLER');
    await act(admin, 'ARCHIVE', 'CASE_CENTER');
    await admin.handle.result();
    await save('case-v2-administrative-extended-archived', admin.handle);

    // 6a. The public-order procedure (public-order-2026): a summoned person's questioning
    //     (shortened) goes overdue, then ends; the fast procedure chosen, then converted to the
    //     normal one; a detention decided by the bureau leader and served. 6b: mediation.
    const summons = await openedCase(app, taskQueue, 'ADMINISTRATIVE', {
      policyOverrides: { ADMIN_QUESTIONING: { period: seconds(1), grace: seconds(600) } },
    });
    const onPerson = (event: string, extra = {}) =>
      command(summons, {
        type: 'MEASURE',
        actor: actor('HANDLER'),
        at: Date.now(),
        event,
        ...extra,
      });
    await onPerson('SUMMONED', { arrivedAt: Date.now() - 500, ground: 'DETENTION_POSSIBLE' });
    await until(
      () => app.prisma.escalation.count({ where: { taskId: `${summons.caseId}:QUESTIONING:1` } }),
      (n) => n === 2,
    );
    await onPerson('QUESTIONING_ENDED');
    await act(summons, 'CHOOSE_FAST_PROCEDURE', 'HANDLER', {
      fastProcedureFacts: fittingFastProcedureFacts,
    });
    await act(summons, 'CONVERT_TO_NORMAL_PROCEDURE', 'HANDLER', { reason: '当事人提出异议' });
    await act(summons, 'SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER');
    await act(summons, 'APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER');
    await decided(summons, 'DECIDE_PENALTY', 'HANDLER', {
      penalty: '行政拘留五日',
      penaltyKind: 'ADMIN_DETENTION',
    });
    await act(summons, 'SERVE_PENALTY_DECISION', 'HANDLER');
    await save('case-v2-public-order-running', summons.handle);
    await summons.handle.terminate('recorded');
    const mediated = await openedCase(app, taskQueue, 'ADMINISTRATIVE');
    await act(mediated, 'CLOSE_BY_MEDIATION', 'HANDLER', { reason: '双方达成调解协议并履行' });
    await act(mediated, 'ARCHIVE', 'CASE_CENTER');
    await mediated.handle.result();
    await save('case-v2-mediated-archived', mediated.handle);

    // 7. Coercive measures beside the stages, and an order from a leader.
    const measures = await openedCase(app, taskQueue, 'CRIMINAL');
    for (const [event, role] of [
      ['DETAIN', 'HANDLER'],
      ['REQUEST_ARREST', 'HANDLER'],
      ['APPROVE_ARREST', 'PROSECUTOR'],
    ] as const)
      await command(measures, {
        type: 'MEASURE',
        actor: actor(role),
        at: Date.now(),
        event,
        // The procuratorate asked decides the arrest (and sees the case from then on).
        ...(event === 'REQUEST_ARREST' ? { prosecutionOrg: PROSECUTION_ORG } : {}),
      });
    await command(measures, {
      type: 'ORDER',
      actor: actor('UNIT_LEADER'),
      at: Date.now(),
      instruction: '三日内完成立案审查',
    });
    await save('case-v2-measures-running', measures.handle);
    await measures.handle.terminate('recorded');

    // 7a. Detention's three 24-hour duties (criminal-clocks-2026): the suspect is delivered and
    //     questioned in time; the family notice (shortened) escalates, then is recorded with its
    //     ground; the arrest is refused and the police ask for 复议.
    const detained = await openedCase(app, taskQueue, 'CRIMINAL', {
      policyOverrides: { FAMILY_NOTIFICATION: { period: seconds(1), grace: seconds(1) } },
    });
    const measure = (event: string, role: 'HANDLER' | 'PROSECUTOR' = 'HANDLER', extra = {}) =>
      command(detained, {
        type: 'MEASURE',
        actor: actor(role),
        at: Date.now(),
        event,
        ...extra,
      });
    await decided(detained, 'FILE');
    await measure('DETAIN');
    await measure('DELIVER_TO_DETENTION_HOUSE');
    await measure('FIRST_INTERROGATION');
    await until(
      () =>
        app.prisma.escalation.count({
          where: { taskId: `${detained.caseId}:FAMILY_NOTIFICATION:1` },
        }),
      (n) => n === 3,
    );
    await measure('FAMILY_NOT_NOTIFIED', 'HANDLER', { ground: 'UNABLE_TO_NOTIFY' });
    await measure('REQUEST_ARREST', 'HANDLER', { prosecutionOrg: PROSECUTION_ORG });
    await measure('DENY_ARREST', 'PROSECUTOR');
    await measure('REQUEST_ARREST_RECONSIDERATION', 'HANDLER', { reason: '证据已达逮捕条件' });
    await save('case-v2-detention-duties-running', detained.handle);
    await detained.handle.terminate('recorded');

    // 7b. A non-filing upheld on 复议; the next-higher bureau's 复核 (shortened) goes overdue,
    //     then orders the case filed.
    const reviewed = await openedCase(app, taskQueue, 'CRIMINAL', {
      policyOverrides: { REVIEW_DECISION: { period: seconds(1), grace: seconds(600) } },
    });
    await decided(reviewed, 'DECLINE_FILING', 'HANDLER', {
      reason: '没有犯罪事实',
      hasComplainant: true,
    });
    await act(reviewed, 'SERVE_NON_FILING_NOTICE', 'HANDLER');
    await act(reviewed, 'APPLY_FOR_RECONSIDERATION', 'PARTY', { reason: '控告人不服' });
    await act(reviewed, 'UPHOLD_NON_FILING', 'LEGAL_OFFICER', { reason: '维持' });
    await act(reviewed, 'APPLY_FOR_REVIEW', 'CASE_CENTER', { reason: '上级公安机关收到复核申请' });
    await until(
      () =>
        app.prisma.escalation.count({ where: { taskId: `${reviewed.caseId}:REVIEW_DECISION:1` } }),
      (n) => n === 2,
    );
    await act(reviewed, 'REVIEW_ORDERS_FILING', 'CASE_CENTER', { reason: '上级公安机关责令立案' });
    await save('case-v2-review-orders-filing-running', reviewed.handle);
    await reviewed.handle.terminate('recorded');

    // 7c. A non-prosecution the police ask to reconsider, revoked: the review runs again.
    const declined = await openedCase(app, taskQueue, 'CRIMINAL');
    await decided(declined, 'FILE');
    await act(declined, 'SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER');
    await act(declined, 'APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER');
    await decided(declined, 'TRANSFER_FOR_PROSECUTION', 'HANDLER', {
      suggestedRoute: 'ORDINARY',
      prosecutionOrg: PROSECUTION_ORG,
    });
    await act(declined, 'PROSECUTION_ACCEPT', 'PROSECUTOR', { route: 'ORDINARY' });
    await act(declined, 'DECLINE_PROSECUTION', 'PROSECUTOR', { reason: '情节轻微' });
    await act(declined, 'REQUEST_NON_PROSECUTION_RECONSIDERATION', 'HANDLER', {
      reason: '证据确实充分',
    });
    await act(declined, 'REVOKE_NON_PROSECUTION', 'PROSECUTOR', { reason: '复议撤销不起诉决定' });
    await save('case-v2-non-prosecution-reconsidered-running', declined.handle);
    await declined.handle.terminate('recorded');

    // 7d. Approvals (approvals-2026): the filing proposed, its step (shortened) overdue to the
    //     bureau leader, refused with a reason, proposed again and approved; the time to request
    //     arrest approval extended to 30 days on the gang ground; the request to extend custody
    //     through the legal office, the bureau leader and the procuratorate.
    const approvals = await openedCase(app, taskQueue, 'CRIMINAL', {
      policyOverrides: { APPROVAL: { period: seconds(1), grace: seconds(600) } },
    });
    await act(approvals, 'FILE', 'HANDLER');
    await until(
      () => app.prisma.escalation.count({ where: { taskId: `${approvals.caseId}:APPROVAL:1` } }),
      (n) => n === 2,
    );
    const proposal = (n: number) => `${approvals.caseId}:PROPOSAL:${n}`;
    const decide = (type: 'APPROVE' | 'REFUSE', role: Role, n: number, extra = {}) =>
      command(approvals, {
        type,
        actor: actor(role),
        at: Date.now(),
        proposalId: proposal(n),
        ...(type === 'REFUSE' ? { reason: '证据不足，补充查证后再报' } : {}),
        ...extra,
      } as CaseCommand);
    await decide('REFUSE', 'BUREAU_LEADER', 1);
    await act(approvals, 'FILE', 'HANDLER');
    await decide('APPROVE', 'BUREAU_LEADER', 2);
    const onSuspect = (event: string, role: Role = 'HANDLER', extra = {}) =>
      command(approvals, { type: 'MEASURE', actor: actor(role), at: Date.now(), event, ...extra });
    await onSuspect('DETAIN');
    await command(approvals, {
      type: 'PROPOSE_EXTENSION',
      actor: actor('HANDLER'),
      at: Date.now(),
      taskId: `${approvals.caseId}:ARREST_REQUEST:1`,
      by: { length: 27, unit: 'DAYS' },
      reason: '结伙作案，需查清同案人',
      ground: 'GANG',
    });
    await decide('APPROVE', 'BUREAU_LEADER', 3);
    await onSuspect('REQUEST_ARREST', 'HANDLER', { prosecutionOrg: PROSECUTION_ORG });
    await onSuspect('APPROVE_ARREST', 'PROSECUTOR');
    await command(approvals, {
      type: 'PROPOSE_EXTENSION',
      actor: actor('HANDLER'),
      at: Date.now(),
      taskId: `${approvals.caseId}:CUSTODY:1`,
      by: { length: 1, unit: 'MONTHS' },
      reason: '案情复杂、期限届满不能终结',
    });
    for (const role of ['LEGAL_OFFICER', 'BUREAU_LEADER', 'PROSECUTOR'] as const)
      await decide('APPROVE', role, 4);
    await save('case-v2-approvals-running', approvals.handle);
    await approvals.handle.terminate('recorded');

    // 8. A long case in a later run after continue-as-new (the run that carries state).
    const long = await openedCase(app, taskQueue, 'CRIMINAL', { continueAsNewAfterEvents: 20 });
    const firstRun = (await long.handle.describe()).runId;
    await toCourt(long);
    const latest = client.workflow.getHandle(long.caseId);
    await until(
      () => latest.describe(),
      (d) => d.runId !== firstRun && d.historyLength >= 5,
    );
    await save('case-v2-continued-as-new-running', latest);
    await latest.terminate('recorded');

    // 9. A case started on the first engine, then upgraded: its last run on caseWorkflow (which
    //     ends by continuing as caseWorkflowV2) and its first run on the new engine.
    const legacyInput = newCaseInput('CRIMINAL');
    const legacy = await client.workflow.start<typeof caseWorkflow>('caseWorkflow', {
      taskQueue,
      workflowId: legacyInput.caseId,
      args: [legacyInput],
    });
    const legacyRun = (await legacy.describe()).runId;
    await legacy.executeUpdate(caseActionUpdate, {
      args: [{ action: 'FILE', actor: actor('HANDLER'), at: Date.now() }],
    });
    await legacy.signal(upgradeEngineSignal);
    const upgraded = await until(
      () => app.prisma.case.findUniqueOrThrow({ where: { id: legacyInput.caseId } }),
      (row) => row.version >= 1,
    );
    log(`[histories] upgraded case at version ${upgraded.version}`);
    await save('case-v1-upgraded', client.workflow.getHandle(legacyInput.caseId, legacyRun));
    const adopted = {
      caseId: legacyInput.caseId,
      handle: client.workflow.getHandle(legacyInput.caseId),
      prisma,
    };
    await act(adopted, 'SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER');
    await save('case-v2-adopted-running', adopted.handle);
    await adopted.handle.terminate('recorded');
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
