// The case workflow on the real Temporal server and PostgreSQL: what only Temporal can show (the
// rules themselves are tables in test/unit/domain/case-decider.test.ts). Deadlines that must fire
// in a test are shortened to seconds by policy overrides; the others run at their legal length.
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { WorkflowFailedError } from '@temporalio/client';
import { createStepActivities } from '../../activities/steps';
import {
  caseRow,
  decide,
  type CaseCommand,
  type CaseModel,
  type CaseStep,
} from '../../domain/case-decider';
import { upgradeFirstEngineCases } from '../../composition/case-upgrade';
import { caseWorkflowV2 } from '../../workflows/case';
import { upgradeEngineSignal, type caseWorkflow } from '../../workflows/case-v1';
import { deliveredTogether, eventually, startTestApp, type TestApp } from '../support/app';
import { testAuditKey } from '../support/audit-key';
import { testEnvironment } from '../support/test-env';
import {
  act,
  decided,
  actor,
  command,
  COURT_ORG,
  history,
  newCaseInput,
  PROSECUTION_ORG,
  refusal,
  openedCase,
  startCase,
  toCourt,
  view,
  type TestCase,
} from '../support/cases';

/** The history of a case taken along the whole fast-track path (toCourt, judgment, archive). */
const FAST_TRACK_HISTORY = [
  'CASE_ACCEPTED',
  'APPROVAL_PROPOSED',
  'APPROVAL_GRANTED',
  'FILE',
  'SUBMIT_FOR_LEGAL_REVIEW',
  'APPROVE_LEGAL_REVIEW',
  'APPROVAL_PROPOSED',
  'APPROVAL_GRANTED',
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
    orderBy: [{ firedAt: 'asc' }, { id: 'asc' }],
  });
const actions = async (c: TestCase) => (await history(c)).map((e) => e.action);

describe('a criminal case on the fast-track path', () => {
  it('goes from acceptance to the archive, each step one version of the read model', async () => {
    const c = await openedCase(app, app.taskQueue, 'CRIMINAL');
    const inCourt = await toCourt(c);
    // Ten steps: the filing and the transfer each proposed, then approved (审批).
    expect(inCourt.version).toBe(10);
    expect(inCourt.step).toEqual({ caseId: c.caseId, version: 10 });
    const review = inCourt.deadlines.find((d) => d.policyCode === 'PROSECUTION_REVIEW_FAST_TRACK')!;
    expect(review).toMatchObject({ ownerRole: 'PROSECUTOR', variant: 'SENTENCE_OVER_ONE_YEAR' });
    expect(review.completedAt).toBeDefined();
    expect(review.explanation.map((s) => s.en).join(' ')).toContain(
      'Circumstance: likely sentence over one year, so the period is 15 days.',
    );
    const trial = inCourt.deadlines.find((d) => d.policyCode === 'FAST_TRACK_TRIAL')!;
    expect(trial).toMatchObject({ ownerRole: 'JUDGE', taskId: `${c.caseId}:TRIAL:1` });
    expect(trial.completedAt).toBeUndefined();
    expect(inCourt.availableActions).toEqual(['CONVERT_PROCEDURE', 'PRONOUNCE_JUDGMENT']);

    await act(c, 'PRONOUNCE_JUDGMENT', 'JUDGE', { judgment: '判处有期徒刑一年二个月' });
    const archived = await act(c, 'ARCHIVE', 'CASE_CENTER');
    await c.handle.result();

    expect(archived.stage).toEqual({ code: 'ARCHIVED', label: '归档' });
    expect(archived.closedAt).not.toBeNull();
    expect(await actions(c)).toEqual(FAST_TRACK_HISTORY);
    expect(archived.deadlines.map((d) => d.policyCode)).toEqual([
      'FILING_REVIEW',
      'APPROVAL',
      'LEGAL_REVIEW',
      'APPROVAL',
      'PROSECUTION_REVIEW_FAST_TRACK',
      'FAST_TRACK_TRIAL',
    ]);
    expect(archived.deadlines.every((d) => d.completedAt !== undefined)).toBe(true);
    expect(archived.escalations).toEqual([]);
  });

  it('refuses an ineligible case the fast-track route, with the reasons', async () => {
    const c = await openedCase(app, app.taskQueue, 'CRIMINAL');
    await decided(c, 'FILE');
    await act(c, 'SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER');
    await act(c, 'APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER');
    const message = await refusal(
      act(c, 'TRANSFER_FOR_PROSECUTION', 'HANDLER', {
        suggestedRoute: 'FAST_TRACK',
        prosecutionOrg: PROSECUTION_ORG,
        fastTrackFacts: {
          basicCourtJurisdiction: true,
          likelySentenceMonths: 48,
          factsClear: true,
          evidenceSufficient: true,
          pleadsGuiltyAndAcceptsPunishment: false,
          agreesToFastTrack: true,
          suspectBlindDeafOrMute: false,
          suspectPartlyMentallyImpaired: false,
          suspectIsMinor: false,
          majorSocialImpact: false,
          coDefendantObjects: false,
          civilCompensationUnsettled: false,
        },
      }),
    );
    expect(message).toContain('Not eligible for the fast-track procedure');
    expect(message).toContain('Suggest the ORDINARY route.');
    expect((await view(c)).stage.code).toBe('FAST_TRACK_ASSESSMENT');
    await c.handle.terminate('test done');
  });
});

describe('a case not filed', () => {
  it('closes once the window has ended without an application, and then refuses one', async () => {
    const c = await openedCase(app, app.taskQueue, 'CRIMINAL', {
      policyOverrides: { RECONSIDERATION_APPLICATION: { period: seconds(1), grace: seconds(600) } },
    });
    await decided(c, 'DECLINE_FILING', 'HANDLER', {
      reason: '情节显著轻微',
      hasComplainant: true,
    });
    await act(c, 'SERVE_NON_FILING_NOTICE', 'HANDLER');
    expect(await refusal(act(c, 'CLOSE_NOT_FILED', 'HANDLER'))).toContain(
      'may still apply for reconsideration',
    );
    await eventually(
      () => view(c),
      (s) => s.reconsiderationWindowEnded,
    );
    expect(
      await refusal(act(c, 'APPLY_FOR_RECONSIDERATION', 'PARTY', { reason: '不服' })),
    ).toContain('have ended');
    const closed = await act(c, 'CLOSE_NOT_FILED', 'CASE_CENTER');
    expect(closed.stage.code).toBe('CLOSED');
    await act(c, 'ARCHIVE', 'CASE_CENTER');
    await c.handle.result();
  });
});

describe('a non-filing upheld on 复议 (issue 11 item 4)', () => {
  it('is filed when the next-higher bureau’s 复核 orders it, its late decision overdue to the bureau leader', async () => {
    const c = await openedCase(app, app.taskQueue, 'CRIMINAL', {
      policyOverrides: { REVIEW_DECISION: { period: seconds(2), grace: seconds(600) } },
    });
    await decided(c, 'DECLINE_FILING', 'HANDLER', {
      reason: '情节显著轻微',
      hasComplainant: true,
    });
    await act(c, 'SERVE_NON_FILING_NOTICE', 'HANDLER');
    await act(c, 'APPLY_FOR_RECONSIDERATION', 'PARTY', { reason: '控告人不服' });
    const upheld = await act(c, 'UPHOLD_NON_FILING', 'LEGAL_OFFICER', { reason: '维持' });
    expect(upheld.stage.code).toBe('REVIEW_WINDOW');
    expect(upheld.deadlines.filter((d) => !d.completedAt).map((d) => d.policyCode)).toEqual([
      'REVIEW_APPLICATION',
    ]);
    const received = await act(c, 'APPLY_FOR_REVIEW', 'CASE_CENTER', {
      reason: '上级公安机关收到复核申请',
    });
    expect(received.stage.code).toBe('REVIEW');
    const task = `${c.caseId}:REVIEW_DECISION:1`;
    // The higher bureau's 30 days, shortened to 2 s, run out: overdue to the bureau leader.
    await eventually(
      () => escalationsOf(c.caseId),
      (rows) => rows.some((e) => e.taskId === task && e.level === 'FIRST_LEVEL'),
    );
    expect(
      (await escalationsOf(c.caseId))
        .filter((e) => e.taskId === task)
        .map((e) => [e.level, e.targetRole]),
    ).toEqual([
      ['REMINDER', 'CASE_CENTER'],
      ['FIRST_LEVEL', 'BUREAU_LEADER'],
    ]);
    const filed = await act(c, 'REVIEW_ORDERS_FILING', 'CASE_CENTER', {
      reason: '上级公安机关责令立案',
    });
    expect(filed.stage.code).toBe('INVESTIGATION');
    expect(filed.availableActions).toContain('SUBMIT_FOR_LEGAL_REVIEW');
    const done = await app.prisma.task.findUniqueOrThrow({ where: { id: task } });
    expect(done).toMatchObject({ overdue: true, completedAt: expect.any(Date) });
    expect((await actions(c)).filter((a) => !a.startsWith('ESCALATION_'))).toEqual([
      'CASE_ACCEPTED',
      'APPROVAL_PROPOSED',
      'APPROVAL_GRANTED',
      'APPROVAL_GRANTED',
      'DECLINE_FILING',
      'SERVE_NON_FILING_NOTICE',
      'APPLY_FOR_RECONSIDERATION',
      'UPHOLD_NON_FILING',
      'APPLY_FOR_REVIEW',
      'REVIEW_ORDERS_FILING',
    ]);
    await c.handle.terminate('test done');
  });
});

describe('approvals (审批, issue 11 item 1)', () => {
  it('refuses a proposal whose step went overdue to the bureau leader, then approves it proposed again', async () => {
    const c = await openedCase(app, app.taskQueue, 'CRIMINAL', {
      policyOverrides: { APPROVAL: { period: seconds(2), grace: seconds(600) } },
    });
    const proposed = await act(c, 'FILE', 'HANDLER');
    expect(proposed.stage.code).toBe('FILING_REVIEW');
    const [proposal] = proposed.proposals;
    expect(proposal).toMatchObject({
      approval: { code: 'FILE', label: '呈请立案' },
      waitingFor: { code: 'BUREAU_LEADER', label: '分局领导' },
    });
    // Its step (shortened to 2 s) runs out: the bureau's leaders are told, the step is overdue.
    const step = `${c.caseId}:APPROVAL:1`;
    await eventually(
      () => escalationsOf(c.caseId),
      (rows) => rows.some((e) => e.taskId === step && e.level === 'FIRST_LEVEL'),
    );
    expect(
      await refusal(
        command(c, {
          type: 'APPROVE',
          actor: actor('UNIT_LEADER'),
          at: Date.now(),
          proposalId: proposal!.id,
        }),
      ),
    ).toContain('by BUREAU_LEADER (分局领导), not UNIT_LEADER');
    const refused = await command(c, {
      type: 'REFUSE',
      actor: actor('BUREAU_LEADER'),
      at: Date.now(),
      proposalId: proposal!.id,
      reason: '证据不足，补充查证后再报',
    });
    expect([refused.stage.code, refused.proposals]).toEqual(['FILING_REVIEW', []]);
    expect(await app.prisma.task.findUniqueOrThrow({ where: { id: step } })).toMatchObject({
      overdue: true,
      completedAt: expect.any(Date),
    });
    const filed = await decided(c, 'FILE');
    expect(filed.stage.code).toBe('INVESTIGATION');
    expect((await actions(c)).filter((a) => !a.startsWith('ESCALATION_'))).toEqual([
      'CASE_ACCEPTED',
      'APPROVAL_PROPOSED',
      'APPROVAL_REFUSED',
      'APPROVAL_PROPOSED',
      'APPROVAL_GRANTED',
      'FILE',
    ]);
    const timeline = await history(c);
    expect(timeline.find((e) => e.action === 'APPROVAL_REFUSED')).toMatchObject({
      actorRole: 'BUREAU_LEADER',
      reason: '证据不足，补充查证后再报',
    });
    expect(timeline.find((e) => e.action === 'FILE')).toMatchObject({
      actorRole: 'HANDLER',
      data: expect.objectContaining({ approvedBy: 'bureau_leader-1' }),
    });
    await c.handle.terminate('test done');
  });
});

describe('prosecutor and court steps', () => {
  it('restarts the review clock each time the case comes back, at most twice', async () => {
    const c = await openedCase(app, app.taskQueue, 'CRIMINAL');
    await decided(c, 'FILE');
    await act(c, 'SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER');
    await act(c, 'APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER');
    await decided(c, 'TRANSFER_FOR_PROSECUTION', 'HANDLER', {
      suggestedRoute: 'ORDINARY',
      prosecutionOrg: PROSECUTION_ORG,
    });
    await act(c, 'PROSECUTION_ACCEPT', 'PROSECUTOR', { route: 'ORDINARY' });
    for (const reason of ['补充被害人陈述', '补充价格认定']) {
      await act(c, 'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION', 'PROSECUTOR', { reason });
      await act(c, 'RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION', 'HANDLER');
      await act(c, 'PROSECUTION_ACCEPT', 'PROSECUTOR', { route: 'ORDINARY' });
    }
    expect(
      await refusal(
        act(c, 'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION', 'PROSECUTOR', { reason: '再补' }),
      ),
    ).toContain('at most 2 times');
    const state = await view(c);
    expect(state.supplementaryReturns).toBe(2);
    const reviews = state.deadlines.filter((d) => d.policyCode === 'PROSECUTION_REVIEW_ORDINARY');
    expect(reviews.map((d) => [d.taskId, d.completedAt === undefined])).toEqual([
      [`${c.caseId}:PROSECUTION_REVIEW:1`, false],
      [`${c.caseId}:PROSECUTION_REVIEW:2`, false],
      [`${c.caseId}:PROSECUTION_REVIEW:3`, true],
    ]);
    const indicted = await act(c, 'INDICT', 'PROSECUTOR', {
      sentencingProposal: '有期徒刑三年',
      courtOrg: COURT_ORG,
    });
    expect(indicted.stage.code).toBe('COURT_ORDINARY');
    await c.handle.terminate('test done');
  });
});

describe('deadlines and leaders', () => {
  it('escalates a stalled filing review at each rung’s instant, once each, and lets leaders answer', async () => {
    const c = await openedCase(app, app.taskQueue, 'CRIMINAL', {
      policyOverrides: { FILING_REVIEW: { period: seconds(2), grace: seconds(2) } },
    });
    const task = `${c.caseId}:FILING_REVIEW:1`;
    await eventually(
      () => escalationsOf(c.caseId),
      (rows) => rows.some((e) => e.level === 'SECOND_LEVEL'),
    );
    await sleep(1500);
    const rows = await escalationsOf(c.caseId);
    const opened = (await view(c)).deadlines[0]!;
    // Each row carries its rung's due instant, and none was written before it.
    expect(rows.map((e) => [e.level, e.targetRole, e.firedAt.toISOString(), e.late])).toEqual(
      opened.rungs.map((r) => [r.level, r.role, new Date(r.at).toISOString(), false]),
    );
    for (const row of rows)
      expect(row.recordedAt.getTime()).toBeGreaterThanOrEqual(row.firedAt.getTime());
    expect((await app.prisma.task.findUniqueOrThrow({ where: { id: task } })).overdue).toBe(true);
    expect((await actions(c)).filter((a) => a.startsWith('ESCALATION_'))).toEqual([
      'ESCALATION_REMINDER',
      'ESCALATION_FIRST_LEVEL',
      'ESCALATION_SECOND_LEVEL',
    ]);

    const acknowledge = (role: 'UNIT_LEADER' | 'HANDLER'): CaseCommand => ({
      type: 'ACKNOWLEDGE',
      actor: actor(role),
      at: Date.now(),
      taskId: task,
      level: 'FIRST_LEVEL',
      note: '已督促',
    });
    expect(await refusal(command(c, acknowledge('HANDLER')))).toBe(
      'This escalation went to UNIT_LEADER; HANDLER cannot acknowledge it.',
    );
    const acknowledged = await command(c, acknowledge('UNIT_LEADER'));
    expect(acknowledged.escalations[1]).toMatchObject({ answer: 'ACKNOWLEDGED' });
    expect(await refusal(command(c, acknowledge('UNIT_LEADER')))).toBe(
      'This escalation has already been answered.',
    );

    const reassigned = await command(c, {
      type: 'REASSIGN',
      actor: actor('UNIT_LEADER'),
      at: Date.now(),
      handlerId: 'officer-9',
      reason: '原办案人出差',
    });
    expect(reassigned.handlerId).toBe('officer-9');
    // The open step goes with the case to its new handler.
    expect((await app.prisma.task.findUniqueOrThrow({ where: { id: task } })).ownerId).toBe(
      'officer-9',
    );
    await c.handle.terminate('test done');
  });

  it('never fires the escalations of a step completed in time', async () => {
    const c = await openedCase(app, app.taskQueue, 'CRIMINAL', {
      policyOverrides: { FILING_REVIEW: { period: seconds(3), grace: seconds(1) } },
    });
    await decided(c, 'FILE');
    await sleep(4500);
    expect(await escalationsOf(c.caseId)).toEqual([]);
    const task = await app.prisma.task.findUniqueOrThrow({
      where: { id: `${c.caseId}:FILING_REVIEW:1` },
    });
    expect(task.completedAt).not.toBeNull();
    expect(task.overdue).toBe(false);
    await c.handle.terminate('test done');
  });

  it('records the rungs that fell due before a step completed while no worker ran', async () => {
    // No worker polls this queue until the step is completed: the completion (stamped after the
    // due instant) and the rungs' timers reach the workflow together.
    const taskQueue = `late-${randomUUID()}`;
    const input = newCaseInput('CRIMINAL', {
      policyOverrides: { FILING_REVIEW: { period: seconds(2), grace: seconds(600) } },
    });
    const handle = await app.client.workflow.start(caseWorkflowV2, {
      taskQueue,
      workflowId: input.caseId,
      args: [input],
    });
    const c: TestCase = { caseId: input.caseId, handle, prisma: app.prisma };
    await sleep(2500);
    const [filed] = await deliveredTogether(app, taskQueue, () => [decided(c, 'FILE')]);
    expect(filed!.status).toBe('fulfilled');
    // Fired by the ladder or, late, by the completion: either way once, at their due instants.
    const rows = await escalationsOf(c.caseId);
    expect(rows.map((e) => e.level)).toEqual(['REMINDER', 'FIRST_LEVEL']);
    const task = await app.prisma.task.findUniqueOrThrow({
      where: { id: `${c.caseId}:FILING_REVIEW:1` },
    });
    expect(task.overdue).toBe(true);
    expect(await actions(c)).toEqual([
      'CASE_ACCEPTED',
      'ESCALATION_REMINDER',
      'ESCALATION_FIRST_LEVEL',
      'APPROVAL_PROPOSED',
      'APPROVAL_GRANTED',
      'FILE',
    ]);
    await handle.terminate('test done');
  });

  it('writes extensions and pauses to the task rows people read', async () => {
    const c = await openedCase(app, app.taskQueue, 'ADMINISTRATIVE', {
      policyOverrides: { ADMIN_CASE: { period: seconds(60), extensionUpTo: seconds(30) } },
    });
    const task = `${c.caseId}:ADMIN_CASE:1`;
    const opened = await view(c);
    // The handler proposes the extension; the bureau's leader approves it (审批).
    await command(c, {
      type: 'PROPOSE_EXTENSION',
      actor: actor('HANDLER'),
      at: Date.now(),
      taskId: task,
      by: seconds(30),
      reason: '案情复杂，需进一步调查',
    });
    const extended = await command(c, {
      type: 'APPROVE',
      actor: actor('BUREAU_LEADER'),
      at: Date.now(),
      proposalId: `${c.caseId}:PROPOSAL:1`,
    });
    // A pause is recorded once it has ended, within the time the deadline has run.
    const from = Date.parse(opened.deadlines[0]!.openedAt!);
    await sleep(from + 2000 - Date.now());
    const paused = await command(c, {
      type: 'PAUSE',
      actor: actor('HANDLER'),
      at: Date.now(),
      taskId: task,
      reason: 'APPRAISAL',
      from,
      to: from + 2000,
    });
    const caseClock = (s: typeof opened) => s.deadlines.find((d) => d.taskId === task)!;
    const due = (s: typeof opened) => Date.parse(caseClock(s).dueAt!);
    expect(due(extended) - due(opened)).toBe(30_000);
    expect(due(paused) - due(opened)).toBe(32_000);
    expect(
      caseClock(paused)
        .explanation.map((s) => s.zh)
        .join(''),
    ).toContain('中止：鉴定期间');
    expect(caseClock(paused).extensions).toEqual([seconds(30)]);
    expect((await actions(c)).slice(1)).toEqual([
      'APPROVAL_PROPOSED',
      'APPROVAL_GRANTED',
      'DEADLINE_EXTENDED',
      'DEADLINE_PAUSED',
    ]);
    await c.handle.terminate('test done');
  });
});

describe('the same action sent several times at once', () => {
  it('is taken once; the others are refused with the rule, and the case goes on', async () => {
    const taskQueue = `together-${randomUUID()}`;
    const c = await startCase(app, taskQueue, 'CRIMINAL');
    const outcomes = await deliveredTogether(app, taskQueue, () =>
      Array.from({ length: 3 }, () => act(c, 'FILE', 'HANDLER')),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    // The first is proposed (立案 is the bureau leader's to approve); the others find it waiting.
    for (const outcome of outcomes.filter((o) => o.status === 'rejected'))
      expect(await refusal(Promise.reject((outcome as PromiseRejectedResult).reason))).toContain(
        `呈请立案 (${c.caseId}:PROPOSAL:1) is waiting for BUREAU_LEADER`,
      );
    expect((await actions(c)).filter((a) => a === 'APPROVAL_PROPOSED')).toHaveLength(1);
    await c.handle.terminate('test done');
  });
});

describe('a step the database refuses', () => {
  it('fails only its Update, with the message, and the next action goes through', async () => {
    const c = await openedCase(app, app.taskQueue, 'CRIMINAL');
    const message = await refusal(
      act(c, 'DECLINE_FILING', 'HANDLER', { reason: 'bad\u0000byte', hasComplainant: true }),
    );
    expect(message).toContain('The step was not recorded, so it was not taken');
    const state = await view(c);
    expect(state.stage.code).toBe('FILING_REVIEW');
    expect(state.version).toBe(1);
    const filed = await decided(c, 'FILE');
    expect(filed.stage.code).toBe('INVESTIGATION');
    expect(await actions(c)).toEqual([
      'CASE_ACCEPTED',
      'APPROVAL_PROPOSED',
      'APPROVAL_GRANTED',
      'FILE',
    ]);
    await c.handle.terminate('test done');
  });
});

describe('a step written by a workflow task that was lost', () => {
  // A step's local activity writes before the workflow task that decided it completes. If that
  // task is lost (its worker killed), its step stands in the read model while the workflow never
  // saw it: the test writes such a step itself, as that task's activity did.
  it('is taken by the workflow, which decides again from it, and its request is not acted twice', async () => {
    const overrides = { FILING_REVIEW: { period: seconds(3), grace: seconds(1) } };
    const c = await openedCase(app, app.taskQueue, 'CRIMINAL', { policyOverrides: overrides });
    const kept = await app.prisma.engineState.findUniqueOrThrow({
      where: { subjectType_subjectId: { subjectType: 'CASE', subjectId: c.caseId } },
    });
    const file: CaseCommand = {
      type: 'ACTION',
      action: 'FILE',
      actor: actor('HANDLER'),
      at: Date.now(),
      fields: {},
      requestId: `lost-${randomUUID()}`,
    };
    const decision = decide(kept.state as unknown as CaseModel, file, {
      policyOverrides: overrides,
      pauseTimingRules: true,
    });
    if (!decision.ok || decision.duplicate) throw new Error('FILE was not decided');
    const step: CaseStep = {
      row: caseRow(decision.state),
      effects: decision.effects,
      opening: false,
      state: decision.state,
    };
    const { recordCaseStep } = createStepActivities(app.prisma, testAuditKey);
    // Written by the lost task, then retried by it: the same step is written once.
    expect(await recordCaseStep(step)).toEqual({ written: true });
    expect(await recordCaseStep(step)).toEqual({ written: true });

    // The workflow still holds the case before FILE: at the filing review's due instant its
    // ladder decides the rung at version 2, finds FILE there and takes it; the step was completed
    // before its due instant, so no rung fires.
    await sleep(5000);
    expect(await escalationsOf(c.caseId)).toEqual([]);
    const task = await app.prisma.task.findUniqueOrThrow({
      where: { id: `${c.caseId}:FILING_REVIEW:1` },
    });
    expect(task.completedAt).toEqual(new Date(file.at));
    expect(task.overdue).toBe(false);

    // The lost task's request, sent again, was applied once; the next action follows it.
    const retried = await command(c, file);
    expect(retried.step).toEqual({ caseId: c.caseId, version: 2, duplicate: true });
    const submitted = await act(c, 'SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER');
    expect(submitted.step.version).toBe(3);
    expect(submitted.stage.code).toBe('LEGAL_REVIEW');
    expect(await actions(c)).toEqual(['CASE_ACCEPTED', 'FILE', 'SUBMIT_FOR_LEGAL_REVIEW']);
    await c.handle.terminate('test done');
  });

  it('is taken when the workflow decides an action at its version, which then follows it', async () => {
    const c = await openedCase(app, app.taskQueue, 'CRIMINAL');
    const kept = await app.prisma.engineState.findUniqueOrThrow({
      where: { subjectType_subjectId: { subjectType: 'CASE', subjectId: c.caseId } },
    });
    const order: CaseCommand = {
      type: 'ORDER',
      actor: actor('UNIT_LEADER'),
      at: Date.now(),
      instruction: '三日内完成立案审查',
      requestId: `lost-${randomUUID()}`,
    };
    const decision = decide(kept.state as unknown as CaseModel, order, { pauseTimingRules: true });
    if (!decision.ok || decision.duplicate) throw new Error('ORDER was not decided');
    const { recordCaseStep } = createStepActivities(app.prisma, testAuditKey);
    await recordCaseStep({
      row: caseRow(decision.state),
      effects: decision.effects,
      opening: false,
      state: decision.state,
    });
    // The workflow decides FILE at version 2, finds the ORDER there, and proposes it at version
    // 3 (立案 waits for the bureau leader).
    const proposed = await act(c, 'FILE', 'HANDLER');
    expect(proposed.step.version).toBe(3);
    expect(proposed.proposals.map((p) => p.waitingFor?.code)).toEqual(['BUREAU_LEADER']);
    expect(await actions(c)).toEqual(['CASE_ACCEPTED', 'ACTION_ORDERED', 'APPROVAL_PROPOSED']);
    expect((await command(c, order)).step).toEqual({
      caseId: c.caseId,
      version: 2,
      duplicate: true,
    });
    await c.handle.terminate('test done');
  });
});

describe('opening a case', () => {
  it('fails at once, saying why, when the query code is already used by another case', async () => {
    const first = await openedCase(app, app.taskQueue, 'CRIMINAL');
    const { queryCode } = await eventually(
      () => app.prisma.case.findUnique({ where: { id: first.caseId } }),
      (row) => row !== null,
    ).then((row) => row!);
    const input = { ...newCaseInput('CRIMINAL'), queryCode };
    const second = await app.client.workflow.start(caseWorkflowV2, {
      taskQueue: app.taskQueue,
      workflowId: input.caseId,
      args: [input],
    });
    const failure = await second.result().then(
      () => 'completed',
      (error: unknown) =>
        error instanceof WorkflowFailedError
          ? (error.cause as Error | undefined)?.message
          : String(error),
    );
    expect(failure).toContain(
      `Query code ${queryCode} is already used by case ${first.caseId}; start the case with a new query code.`,
    );
    expect(await app.prisma.case.count({ where: { id: input.caseId } })).toBe(0);
    await first.handle.terminate('test done');
  });
});

describe('long cases', () => {
  it('continue as new carrying their state, losing no action and no rung', async () => {
    const c = await openedCase(app, app.taskQueue, 'CRIMINAL', {
      continueAsNewAfterEvents: 12,
      policyOverrides: { LEGAL_REVIEW: { period: seconds(1), grace: seconds(1) } },
    });
    const firstRun = (await c.handle.describe()).runId;
    await decided(c, 'FILE');
    await act(c, 'SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER');
    // The legal review's rungs fall due while the case keeps continuing as new.
    await eventually(
      () => escalationsOf(c.caseId),
      (rows) => rows.length === 3,
    );
    await act(c, 'APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER');
    await decided(c, 'TRANSFER_FOR_PROSECUTION', 'HANDLER', {
      suggestedRoute: 'ORDINARY',
      prosecutionOrg: PROSECUTION_ORG,
    });
    await act(c, 'PROSECUTION_ACCEPT', 'PROSECUTOR', { route: 'ORDINARY' });
    await act(c, 'INDICT', 'PROSECUTOR', {
      sentencingProposal: '有期徒刑一年',
      courtOrg: COURT_ORG,
    });
    await act(c, 'COURT_ACCEPT', 'JUDGE');
    await act(c, 'PRONOUNCE_JUDGMENT', 'JUDGE', { judgment: '判处有期徒刑一年' });
    await act(c, 'ARCHIVE', 'CASE_CENTER');
    await c.handle.result();
    expect((await c.handle.describe()).runId).not.toBe(firstRun);
    expect((await actions(c)).filter((a) => !a.startsWith('ESCALATION_'))).toEqual(
      FAST_TRACK_HISTORY,
    );
    expect((await escalationsOf(c.caseId)).map((e) => e.level)).toEqual([
      'REMINDER',
      'FIRST_LEVEL',
      'SECOND_LEVEL',
    ]);
    expect((await actions(c)).filter((a) => a.startsWith('ESCALATION_'))).toHaveLength(3);
  });

  it('act once on a request retried after continuing as new', async () => {
    const c = await openedCase(app, app.taskQueue, 'CRIMINAL', { continueAsNewAfterEvents: 8 });
    const order: CaseCommand = {
      type: 'ORDER',
      actor: actor('UNIT_LEADER'),
      at: Date.now(),
      instruction: '三日内完成立案审查',
      requestId: `key-${randomUUID()}`,
    };
    const first = await command(c, order);
    const runBefore = (await c.handle.describe()).runId;
    // Enough steps to continue as new at least once.
    for (let n = 0; n < 4; n++)
      await command(c, { ...order, instruction: `督办 ${n}`, requestId: `other-${randomUUID()}` });
    await eventually(
      () => c.handle.describe().then((d) => d.runId),
      (runId) => runId !== runBefore,
    );
    const retried = await command(c, order, `${order.requestId}-new-update-id`);
    expect(retried.step).toEqual({
      caseId: c.caseId,
      version: first.step.version,
      duplicate: true,
    });
    expect((await history(c)).filter((e) => e.reason === '三日内完成立案审查')).toHaveLength(1);
    await c.handle.terminate('test done');
  });
});

describe('the archive', () => {
  it('records once, with its overdue mark, a rung whose write is in flight when the archive comes', async () => {
    // A suspect on bail (取保候审): its clock runs past the judgment until the case is archived.
    const c = await openedCase(app, app.taskQueue, 'CRIMINAL', {
      policyOverrides: { BAIL: { period: seconds(20), grace: seconds(3600) } },
    });
    await command(c, { type: 'MEASURE', actor: actor('HANDLER'), at: Date.now(), event: 'BAIL' });
    await toCourt(c);
    await act(c, 'PRONOUNCE_JUDGMENT', 'JUDGE', { judgment: '判处有期徒刑一年，缓刑一年' });
    const taskId = `${c.caseId}:BAIL:1`;
    const bail = await app.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(bail.completedAt).toBeNull();

    // The test holds the case's row from just before the first level falls due: that rung's write
    // waits for it, and the archive arrives while it waits.
    await sleep(bail.dueAt.getTime() - 1000 - Date.now());
    const lock = new PgClient({ connectionString: testEnvironment().databaseUrl });
    await lock.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [c.caseId]);
      await sleep(bail.dueAt.getTime() + 1500 - Date.now());
      const archived = command(c, {
        type: 'ACTION',
        action: 'ARCHIVE',
        actor: actor('CASE_CENTER'),
        at: Date.now(),
      });
      await sleep(500);
      await lock.query('ROLLBACK');
      expect((await archived).stage.code).toBe('ARCHIVED');
    } finally {
      await lock.end();
    }
    await c.handle.result();

    const rows = await app.prisma.escalation.findMany({ where: { taskId } });
    expect(rows.map((e) => e.level).sort()).toEqual(['FIRST_LEVEL', 'REMINDER']);
    const task = await app.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.overdue).toBe(true);
    expect(task.completedAt).not.toBeNull();
    const events = await actions(c);
    expect(events.filter((a) => a.startsWith('ESCALATION_'))).toHaveLength(2);
    expect(events.filter((a) => a === 'ARCHIVE')).toHaveLength(1);
  });
});

describe('a case started on the first engine', () => {
  it('moves to the new engine when asked, keeping its clocks and escalations, and goes on', async () => {
    const input = newCaseInput('CRIMINAL', {
      policyOverrides: { FILING_REVIEW: { period: seconds(2), grace: seconds(600) } },
    });
    const legacy = await app.client.workflow.start<typeof caseWorkflow>('caseWorkflow', {
      taskQueue: app.taskQueue,
      workflowId: input.caseId,
      args: [input],
    });
    const c: TestCase = { caseId: input.caseId, handle: legacy, prisma: app.prisma };
    // The first engine escalates the overdue filing review to the unit leader.
    await eventually(
      () => escalationsOf(c.caseId),
      (rows) => rows.some((e) => e.level === 'FIRST_LEVEL'),
    );
    await legacy.signal(upgradeEngineSignal);
    const row = await eventually(
      () => app.prisma.case.findUniqueOrThrow({ where: { id: c.caseId } }),
      (r) => r.version === 1,
    );
    expect(row).toMatchObject({ stage: 'FILING_REVIEW', measure: 'NONE' });
    expect((await app.client.workflow.getHandle(c.caseId).describe()).type).toBe('caseWorkflowV2');
    const adopted = await view(c);
    expect(adopted.deadlines[0]).toMatchObject({
      taskId: `${c.caseId}:FILING_REVIEW:1`,
      policy: { code: 'FILING_REVIEW', label: '刑事立案审查' },
      fired: ['REMINDER', 'FIRST_LEVEL'],
    });
    expect(adopted.deadlines[0]!.explanation.length).toBeGreaterThan(0);

    const filed = await decided(c, 'FILE');
    expect(filed).toMatchObject({ stage: { code: 'INVESTIGATION' }, version: 3 });
    expect((await escalationsOf(c.caseId)).map((e) => e.level)).toEqual([
      'REMINDER',
      'FIRST_LEVEL',
    ]);
    expect((await actions(c)).filter((a) => a.startsWith('ESCALATION_'))).toEqual([
      'ESCALATION_REMINDER',
      'ESCALATION_FIRST_LEVEL',
    ]);
    await c.handle.terminate('test done');
  });

  it('is found and moved by the start-up’s upgrade of every running first-engine case', async () => {
    const input = newCaseInput('ADMINISTRATIVE');
    await app.client.workflow.start<typeof caseWorkflow>('caseWorkflow', {
      taskQueue: app.taskQueue,
      workflowId: input.caseId,
      args: [input],
    });
    await eventually(
      () => app.prisma.case.findUnique({ where: { id: input.caseId } }),
      (r) => r !== null,
    );
    // Visibility lists a new workflow within a moment: upgrade until this case was among them.
    await eventually(
      async () => {
        await upgradeFirstEngineCases(app.client, () => undefined);
        return app.prisma.case.findUniqueOrThrow({ where: { id: input.caseId } });
      },
      (r) => r.version === 1,
    );
    await app.client.workflow.getHandle(input.caseId).terminate('test done');
  });
});
