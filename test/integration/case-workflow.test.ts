// The case workflow on the real Temporal server and PostgreSQL. Deadlines that must fire in a test
// are shortened to seconds by policy overrides; the others run at their legal length.
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import {
  acknowledgeCaseEscalationUpdate,
  caseStateQuery,
  caseWorkflow,
  coerciveMeasureUpdate,
  extendDeadlineUpdate,
  pauseDeadlineUpdate,
  reassignUpdate,
} from '../../workflows/case';
import { deliveredTogether, eventually, startTestApp, type TestApp } from '../support/app';
import {
  act,
  actor,
  COURT_ORG,
  eligibleFacts,
  PROSECUTION_ORG,
  refusal,
  startCase,
  toCourt,
} from '../support/cases';

/** The history of a case taken along the whole fast-track path (toCourt, judgment, archive). */
const FAST_TRACK_HISTORY = [
  'CASE_ACCEPTED',
  'FILE',
  'SUBMIT_FOR_LEGAL_REVIEW',
  'APPROVE_LEGAL_REVIEW',
  'TRANSFER_FOR_PROSECUTION',
  'PROSECUTION_ACCEPT',
  'INDICT',
  'COURT_ACCEPT',
  'PRONOUNCE_JUDGMENT',
  'ARCHIVE',
];

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ withWorker: true });
});
afterAll(async () => {
  await app.close();
});

const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const escalationsOf = (caseId: string) =>
  app.prisma.escalation.findMany({
    where: { taskId: { startsWith: `${caseId}:` } },
    orderBy: { firedAt: 'asc' },
  });

describe('a criminal case on the fast-track path', () => {
  it('goes from acceptance to the archive, each agency with its own visible clock', async () => {
    const { caseId, handle } = await startCase(app.client, app.taskQueue, 'CRIMINAL');
    const inCourt = await toCourt(handle);
    const review = inCourt.deadlines.find((d) => d.policyCode === 'PROSECUTION_REVIEW_FAST_TRACK')!;
    expect(review).toMatchObject({ ownerRole: 'PROSECUTOR', variant: 'SENTENCE_OVER_ONE_YEAR' });
    expect(review.completedAt).toBeDefined();
    expect(review.explanation.map((s) => s.en).join(' ')).toContain(
      'Circumstance: likely sentence over one year, so the period is 15 days.',
    );
    const trial = inCourt.deadlines.find((d) => d.policyCode === 'FAST_TRACK_TRIAL')!;
    expect(trial).toMatchObject({ ownerRole: 'JUDGE', taskId: `${caseId}:TRIAL:1` });
    expect(trial.completedAt).toBeUndefined();

    await act(handle, 'PRONOUNCE_JUDGMENT', 'JUDGE', { judgment: '判处有期徒刑一年二个月' });
    const archived = await act(handle, 'ARCHIVE', 'CASE_CENTER');
    await handle.result();

    expect(archived.stage).toEqual({ code: 'ARCHIVED', label: '归档' });
    expect(archived.history.map((h) => h.action)).toEqual(FAST_TRACK_HISTORY);
    expect(archived.deadlines.map((d) => d.policyCode)).toEqual([
      'FILING_REVIEW',
      'LEGAL_REVIEW',
      'PROSECUTION_REVIEW_FAST_TRACK',
      'FAST_TRACK_TRIAL',
    ]);
    expect(archived.deadlines.every((d) => d.completedAt !== undefined)).toBe(true);

    const row = await app.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row).toMatchObject({ stage: 'ARCHIVED', kind: 'CRIMINAL' });
    expect(row.closedAt).not.toBeNull();
    const tasks = await app.prisma.task.findMany({ where: { caseId } });
    expect(tasks).toHaveLength(4);
    expect(tasks.every((t) => t.completedAt !== null)).toBe(true);
    const audit = await app.prisma.auditEvent.findMany({
      where: { subjectId: caseId },
      orderBy: { occurredAt: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual(archived.history.map((h) => h.action));
  });

  it('refuses an ineligible case the fast-track route, with the reasons', async () => {
    const { handle } = await startCase(app.client, app.taskQueue, 'CRIMINAL');
    await act(handle, 'FILE', 'HANDLER');
    await act(handle, 'SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER');
    await act(handle, 'APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER');
    const message = await refusal(
      act(handle, 'TRANSFER_FOR_PROSECUTION', 'HANDLER', {
        route: 'FAST_TRACK',
        fastTrackFacts: { ...eligibleFacts, suspectIsMinor: true },
        prosecutionOrg: PROSECUTION_ORG,
      }),
    );
    expect(message).toContain(
      'Not eligible for the fast-track procedure: the suspect is a minor (未成年人)',
    );
    expect((await handle.query(caseStateQuery)).stage.code).toBe('FAST_TRACK_ASSESSMENT');
    await handle.terminate('test done');
  });
});

describe('a case not filed', () => {
  it('gives the complainant 7 days to apply for reconsideration, which can overturn the decision', async () => {
    const { caseId, handle } = await startCase(app.client, app.taskQueue, 'CRIMINAL');
    await act(handle, 'DECLINE_FILING', 'HANDLER', { reason: '没有犯罪事实' });
    await act(handle, 'SERVE_NON_FILING_NOTICE', 'HANDLER');
    expect(await refusal(act(handle, 'CLOSE_NOT_FILED', 'HANDLER'))).toContain(
      'may still apply for reconsideration',
    );
    await act(handle, 'APPLY_FOR_RECONSIDERATION', 'CASE_CENTER', { reason: '报案人提交新证据' });
    const filed = await act(handle, 'OVERTURN_NON_FILING', 'LEGAL_OFFICER', {
      reason: '新证据足以立案',
    });
    expect(filed.stage.code).toBe('INVESTIGATION');
    expect(
      filed.deadlines.map((d) => [d.taskId.replace(`${caseId}:`, ''), d.completedAt !== undefined]),
    ).toEqual([
      ['FILING_REVIEW:1', true],
      ['NON_FILING_NOTICE:1', true],
      ['RECONSIDERATION_APPLICATION:1', true],
      ['RECONSIDERATION_DECISION:1', true],
    ]);
    await handle.terminate('test done');
  });

  it('closes once the window has ended without an application, and then refuses one', async () => {
    const { handle } = await startCase(app.client, app.taskQueue, 'CRIMINAL', {
      policyOverrides: { RECONSIDERATION_APPLICATION: { period: seconds(1), grace: seconds(600) } },
    });
    await act(handle, 'DECLINE_FILING', 'HANDLER', { reason: '情节显著轻微' });
    await act(handle, 'SERVE_NON_FILING_NOTICE', 'HANDLER');
    await eventually(
      () => handle.query(caseStateQuery),
      (s) => s.escalations.some((e) => e.level.code === 'FIRST_LEVEL'),
    );
    expect(
      await refusal(act(handle, 'APPLY_FOR_RECONSIDERATION', 'PARTY', { reason: '不服' })),
    ).toContain('have ended');
    const closed = await act(handle, 'CLOSE_NOT_FILED', 'CASE_CENTER');
    expect(closed.stage.code).toBe('CLOSED');
    await act(handle, 'ARCHIVE', 'CASE_CENTER');
    await handle.result();
  });
});

describe('prosecutor and court steps', () => {
  it('loops through supplementary investigation at most twice, restarting the review clock each time', async () => {
    const { caseId, handle } = await startCase(app.client, app.taskQueue, 'CRIMINAL');
    await act(handle, 'FILE', 'HANDLER');
    await act(handle, 'SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER');
    await act(handle, 'APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER');
    const sent = await act(handle, 'TRANSFER_FOR_PROSECUTION', 'HANDLER', {
      route: 'ORDINARY',
      prosecutionOrg: PROSECUTION_ORG,
    });
    expect(sent.deadlines.some((d) => d.policyCode === 'PROSECUTION_REVIEW_ORDINARY')).toBe(false);
    expect(
      await refusal(
        act(handle, 'INDICT', 'PROSECUTOR', { sentencingProposal: 'x', courtOrg: COURT_ORG }),
      ),
    ).toContain('must accept the case (PROSECUTION_ACCEPT)');
    await act(handle, 'PROSECUTION_ACCEPT', 'PROSECUTOR');
    for (const reason of ['补充被害人陈述', '补充价格认定']) {
      await act(handle, 'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION', 'PROSECUTOR', { reason });
      await act(handle, 'RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION', 'HANDLER');
      await act(handle, 'PROSECUTION_ACCEPT', 'PROSECUTOR');
    }
    expect(
      await refusal(
        act(handle, 'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION', 'PROSECUTOR', { reason: '再补' }),
      ),
    ).toContain('at most 2 times');
    const state = await handle.query(caseStateQuery);
    expect(state.supplementaryReturns).toBe(2);
    const reviews = state.deadlines.filter((d) => d.policyCode === 'PROSECUTION_REVIEW_ORDINARY');
    expect(reviews.map((d) => d.taskId)).toEqual(
      [1, 2, 3].map((n) => `${caseId}:PROSECUTION_REVIEW:${n}`),
    );
    expect(reviews.map((d) => d.completedAt === undefined)).toEqual([false, false, true]);
    expect(
      state.deadlines.filter((d) => d.policyCode === 'SUPPLEMENTARY_INVESTIGATION'),
    ).toHaveLength(2);

    const indicted = await act(handle, 'INDICT', 'PROSECUTOR', {
      sentencingProposal: '有期徒刑三年',
      courtOrg: COURT_ORG,
    });
    expect(indicted.stage.code).toBe('COURT_ORDINARY');
    await handle.terminate('test done');
  });

  it('restarts the trial clock when a fast-track trial is converted to ordinary procedure', async () => {
    const { caseId, handle } = await startCase(app.client, app.taskQueue, 'CRIMINAL');
    await toCourt(handle);
    const converted = await act(handle, 'CONVERT_PROCEDURE', 'JUDGE', {
      procedure: 'ORDINARY',
      reason: '被告人当庭否认指控',
    });
    expect(converted.stage.code).toBe('COURT_ORDINARY');
    const trials = converted.deadlines.filter((d) => d.taskId.startsWith(`${caseId}:TRIAL:`));
    expect(trials.map((d) => [d.taskId, d.policyCode, d.completedAt === undefined])).toEqual([
      [`${caseId}:TRIAL:1`, 'FAST_TRACK_TRIAL', false],
      [`${caseId}:TRIAL:2`, 'ORDINARY_TRIAL', true],
    ]);
    await act(handle, 'PRONOUNCE_JUDGMENT', 'JUDGE', { judgment: '判处有期徒刑二年' });
    await act(handle, 'ARCHIVE', 'CASE_CENTER');
    await handle.result();
  });
});

describe('deadlines and leaders', () => {
  it('escalates a stalled filing review to the unit leader, then the bureau leader, once each', async () => {
    const { caseId, handle } = await startCase(app.client, app.taskQueue, 'CRIMINAL', {
      policyOverrides: { FILING_REVIEW: { period: seconds(2), grace: seconds(2) } },
    });
    await eventually(
      () => handle.query(caseStateQuery),
      (s) => s.escalations.some((e) => e.level.code === 'SECOND_LEVEL'),
    );
    await sleep(1500);
    const state = await handle.query(caseStateQuery);
    const task = `${caseId}:FILING_REVIEW:1`;
    expect(state.escalations.map((e) => [e.taskId, e.level.code, e.role])).toEqual([
      [task, 'REMINDER', 'HANDLER'],
      [task, 'FIRST_LEVEL', 'UNIT_LEADER'],
      [task, 'SECOND_LEVEL', 'BUREAU_LEADER'],
    ]);
    expect((await escalationsOf(caseId)).map((e) => e.level)).toEqual([
      'REMINDER',
      'FIRST_LEVEL',
      'SECOND_LEVEL',
    ]);
    expect((await app.prisma.task.findUniqueOrThrow({ where: { id: task } })).overdue).toBe(true);

    const acknowledge = (role: 'UNIT_LEADER' | 'HANDLER') =>
      handle.executeUpdate(acknowledgeCaseEscalationUpdate, {
        args: [
          {
            actor: actor(role),
            at: Date.now(),
            taskId: task,
            level: 'FIRST_LEVEL',
            note: '已督促',
          },
        ],
      });
    expect(await refusal(acknowledge('HANDLER'))).toBe(
      'This escalation went to UNIT_LEADER; HANDLER cannot acknowledge it.',
    );
    const acknowledged = await acknowledge('UNIT_LEADER');
    expect(acknowledged.escalations[1]!.acknowledged).toMatchObject({
      by: 'unit_leader-1',
      note: '已督促',
    });
    expect(await refusal(acknowledge('UNIT_LEADER'))).toBe(
      'This escalation is already acknowledged.',
    );
    const answered = await app.prisma.escalation.findUniqueOrThrow({
      where: { id: `${task}:FIRST_LEVEL` },
    });
    expect(answered.answer).toBe('ACKNOWLEDGED');
    expect(answered.answeredAt).not.toBeNull();
    expect(acknowledged.history.at(-1)!.action).toBe('ESCALATION_ACKNOWLEDGED');

    const reassigned = await handle.executeUpdate(reassignUpdate, {
      args: [
        {
          actor: actor('UNIT_LEADER'),
          at: Date.now(),
          handlerId: 'officer-9',
          reason: '原办案人出差',
        },
      ],
    });
    expect(reassigned.handlerId).toBe('officer-9');
    expect((await app.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).handlerId).toBe(
      'officer-9',
    );
    await handle.terminate('test done');
  });

  it('never fires the escalations of a step completed in time', async () => {
    const { caseId, handle } = await startCase(app.client, app.taskQueue, 'CRIMINAL', {
      policyOverrides: { FILING_REVIEW: { period: seconds(3), grace: seconds(1) } },
    });
    await act(handle, 'FILE', 'HANDLER');
    await sleep(4500);
    expect(await escalationsOf(caseId)).toEqual([]);
    expect((await handle.query(caseStateQuery)).escalations).toEqual([]);
    const task = await app.prisma.task.findUniqueOrThrow({
      where: { id: `${caseId}:FILING_REVIEW:1` },
    });
    expect(task.completedAt).not.toBeNull();
    expect(task.overdue).toBe(false);
    await handle.terminate('test done');
  });

  it('grants two extensions of a public-order case within the legal cap and refuses a third', async () => {
    const { caseId, handle } = await startCase(app.client, app.taskQueue, 'ADMINISTRATIVE', {
      policyOverrides: { ADMIN_CASE: { period: seconds(60), extensionUpTo: seconds(30) } },
    });
    const task = `${caseId}:ADMIN_CASE:1`;
    const opened = await eventually(
      () => handle.query(caseStateQuery),
      (s) => s.deadlines.length === 1,
    );
    const extend = (role: 'BUREAU_LEADER' | 'UNIT_LEADER', length: number) =>
      handle.executeUpdate(extendDeadlineUpdate, {
        args: [
          {
            actor: actor(role),
            at: Date.now(),
            taskId: task,
            by: seconds(length),
            reason: '案情复杂，需进一步调查',
          },
        ],
      });
    expect(await refusal(extend('UNIT_LEADER', 30))).toContain(
      'must be approved by BUREAU_LEADER (分局领导), not UNIT_LEADER',
    );
    expect(await refusal(extend('BUREAU_LEADER', 31))).toContain(
      'may add at most 30 seconds, not 31 seconds',
    );
    const first = await extend('BUREAU_LEADER', 30);
    const second = await extend('BUREAU_LEADER', 30);
    const dueAt = (s: typeof first) => s.deadlines.find((d) => d.taskId === task)!.dueAt;
    expect(dueAt(first) - dueAt(opened)).toBe(30_000);
    expect(dueAt(second) - dueAt(opened)).toBe(60_000);
    expect(await refusal(extend('BUREAU_LEADER', 30))).toContain(
      'may be extended at most 2 time(s); 2 already granted',
    );
    expect((await app.prisma.task.findUniqueOrThrow({ where: { id: task } })).dueAt.getTime()).toBe(
      dueAt(second),
    );
    expect(second.history.filter((h) => h.action === 'DEADLINE_EXTENDED')).toHaveLength(2);

    await act(handle, 'SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER');
    await act(handle, 'APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER');
    const closed = await act(handle, 'SERVE_PENALTY_DECISION', 'HANDLER', {
      penalty: '行政拘留五日',
    });
    expect(closed.deadlines.find((d) => d.taskId === task)!.completedAt).toBeDefined();
    await act(handle, 'ARCHIVE', 'CASE_CENTER');
    await handle.result();
  });

  it('takes the time of an appraisal out of a public-order case, and no other time', async () => {
    const { caseId, handle } = await startCase(app.client, app.taskQueue, 'ADMINISTRATIVE', {
      policyOverrides: { ADMIN_CASE: { period: seconds(120) } },
    });
    const task = `${caseId}:ADMIN_CASE:1`;
    const opened = await eventually(
      () => handle.query(caseStateQuery),
      (s) => s.deadlines.length === 1,
    );
    const pause = (reason: string, from: number, to: number) =>
      handle.executeUpdate(pauseDeadlineUpdate, {
        args: [{ actor: actor('HANDLER'), at: Date.now(), taskId: task, reason, from, to }],
      });
    const from = Date.now();
    const paused = await pause('APPRAISAL', from, from + 20_000);
    const dueAt = (s: typeof opened) => s.deadlines.find((d) => d.taskId === task)!.dueAt;
    expect(dueAt(paused) - dueAt(opened)).toBe(20_000);
    expect(paused.deadlines[0]!.explanation.map((s) => s.zh).join('')).toContain('中止：鉴定期间');
    expect(await refusal(pause('LUNCH', from, from + 1000))).toBe(
      'ADMIN_CASE pauses only for APPRAISAL, HEARING, not LUNCH.',
    );
    expect((await app.prisma.task.findUniqueOrThrow({ where: { id: task } })).dueAt.getTime()).toBe(
      dueAt(paused),
    );
    await handle.terminate('test done');
  });

  it('runs the coercive-measure clocks beside the stages', async () => {
    const { caseId, handle } = await startCase(app.client, app.taskQueue, 'CRIMINAL');
    const measure = (event: string, role: 'HANDLER' | 'PROSECUTOR') =>
      handle.executeUpdate(coerciveMeasureUpdate, {
        args: [{ actor: actor(role), at: Date.now(), event }],
      });
    await measure('DETAIN', 'HANDLER');
    expect(await refusal(measure('APPROVE_ARREST', 'PROSECUTOR'))).toContain(
      'not possible while the suspect is DETAINED',
    );
    await measure('REQUEST_ARREST', 'HANDLER');
    const arrested = await measure('APPROVE_ARREST', 'PROSECUTOR');
    expect(arrested.measure.code).toBe('ARRESTED');
    expect(arrested.stage.code).toBe('FILING_REVIEW');
    expect(arrested.deadlines.map((d) => [d.policyCode, d.completedAt === undefined])).toEqual([
      ['FILING_REVIEW', true],
      ['ARREST_REQUEST', false],
      ['ARREST_DECISION', false],
      ['CUSTODY_INVESTIGATION', true],
    ]);
    const custody = arrested.deadlines.find((d) => d.policyCode === 'CUSTODY_INVESTIGATION')!;
    expect(custody.explanation.map((s) => s.en).join(' ')).toContain('2 months');
    const extended = await handle.executeUpdate(extendDeadlineUpdate, {
      args: [
        {
          actor: actor('PROSECUTOR'),
          at: Date.now(),
          taskId: custody.taskId,
          by: { length: 1, unit: 'MONTHS' },
          reason: '案情重大复杂',
        },
      ],
    });
    expect(extended.deadlines.find((d) => d.taskId === custody.taskId)!.extensions).toEqual([
      { length: 1, unit: 'MONTHS' },
    ]);
    expect(await app.prisma.task.count({ where: { caseId } })).toBe(4);
    await handle.terminate('test done');
  });
});

describe('the same action sent several times at once', () => {
  it('is taken once; the others are refused with the rule, and the case goes on', async () => {
    // All three pass the validator before the first changes the stage: the handler must refuse
    // the rest as failed Updates, not fail the workflow task (which would retry forever and wedge
    // the case).
    const taskQueue = `together-${randomUUID()}`;
    const { handle } = await startCase(app.client, taskQueue, 'CRIMINAL');
    const outcomes = await deliveredTogether(app, taskQueue, () =>
      Array.from({ length: 3 }, () => act(handle, 'FILE', 'HANDLER')),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => o.status === 'rejected'))
      expect(await refusal(Promise.reject((outcome as PromiseRejectedResult).reason))).toContain(
        'FILE (立案) is not allowed in stage INVESTIGATION',
      );
    const [taken] = outcomes.filter((o) => o.status === 'fulfilled');
    expect(taken!.value.history.filter((h) => h.action === 'FILE')).toHaveLength(1);
    await handle.terminate('test done');
  });
});

describe('opening a case', () => {
  it('fails at once, saying why, when the query code is already used by another case', async () => {
    const first = await startCase(app.client, app.taskQueue, 'CRIMINAL');
    const { queryCode } = await eventually(
      () => first.handle.query(caseStateQuery),
      (s) => s.deadlines.length > 0,
    );
    const caseId = `case-${randomUUID()}`;
    const second = await app.client.workflow.start(caseWorkflow, {
      taskQueue: app.taskQueue,
      workflowId: caseId,
      args: [
        {
          caseId,
          kind: 'CRIMINAL',
          unitId: 'pcs-chengguan',
          handlerId: 'officer-7',
          title: '另一案件',
          queryCode,
          acceptedAt: Date.now(),
          acceptedBy: actor('HANDLER'),
        },
      ],
    });
    const failure = await second.result().then(
      () => 'completed',
      (error: unknown) =>
        error instanceof WorkflowFailedError
          ? (error.cause?.cause as Error | undefined)?.message
          : String(error),
    );
    expect(failure).toBe(
      `Query code ${queryCode} is already used by case ${first.caseId}; start the case with a new query code.`,
    );
    expect(await app.prisma.case.count({ where: { id: caseId } })).toBe(0);
    await first.handle.terminate('test done');
  });
});

describe('long cases', () => {
  it('continue as new, carrying every deadline, escalation and history entry, losing no action', async () => {
    const { caseId, handle } = await startCase(app.client, app.taskQueue, 'CRIMINAL', {
      continueAsNewAfterEvents: 30,
    });
    await toCourt(handle);
    await act(handle, 'PRONOUNCE_JUDGMENT', 'JUDGE', { judgment: '判处有期徒刑一年' });
    const archived = await act(handle, 'ARCHIVE', 'CASE_CENTER');
    await handle.result();
    expect(archived.runs).toBeGreaterThanOrEqual(1);
    expect(archived.history.map((h) => h.action)).toEqual(FAST_TRACK_HISTORY);
    expect(await app.prisma.auditEvent.count({ where: { subjectId: caseId } })).toBe(
      archived.history.length,
    );
  });
});
