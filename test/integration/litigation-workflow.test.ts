// Reconsiderations and lawsuits on the real Temporal server and PostgreSQL, through the API, with
// their clocks shortened to seconds: a reconsideration whose reply misses its deadline, escalates
// to the bureau's leader and is then replied to; a lawsuit against a public-order case defended in
// time, heard with the responsible leader in court, decided against the bureau and carried out;
// the evaluation's figures; bad registrations refused with the rule.
import type { PolicyOverrides } from '../../domain/deadline-policies';
import { caller, caseViaApi, okBody, person, testWorld } from '../support/api';
import { eventually, startTestApp, type TestApp } from '../support/app';
import type { Json } from '../support/http';

const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });
const OVERRIDES: PolicyOverrides = {
  ADMIN_RECONSIDERATION_REPLY: { period: seconds(3), grace: seconds(3) },
  ADMIN_LITIGATION_DEFENCE: { period: seconds(120), grace: seconds(60) },
};

const world = testWorld();
let app: TestApp;
let call: ReturnType<typeof caller>;
let legal: string;
let center: string;
let bureau: string;
let handler: string;

beforeAll(async () => {
  app = await startTestApp({ withWorker: true, policyOverrides: OVERRIDES });
  call = caller(app);
  legal = await app.token(person('LEGAL_OFFICER', { unit: world.unitA }));
  center = await app.token(person('CASE_CENTER', { unit: world.unitA }));
  bureau = await app.token(person('BUREAU_LEADER', { unit: world.root }));
  handler = await app.token(person('HANDLER', { unit: world.unitA }, 'handler-a'));
});
afterAll(async () => {
  await app?.close();
});

const register = (body: Json, token = legal) =>
  call('POST', '/litigation', {
    token,
    body: {
      decisionSummary: '对张某罚款五百元',
      claimantName: '张某',
      copyReceivedAt: new Date().toISOString(),
      ...body,
    },
  });

const record = (id: string, path: string, body: Json = {}, token = legal) =>
  call('POST', `/litigation/${id}/${path}`, { token, body });

const completed = (id: string) =>
  eventually(
    () => app.client.workflow.getHandle(id).describe(),
    (d) => d.status.name === 'COMPLETED',
  );

it('a reconsideration whose reply misses its deadline escalates to the bureau, then is replied to and upheld', async () => {
  const created = await okBody(
    register({
      kind: 'RECONSIDERATION',
      documentNumber: 'X公（治）行罚决字〔2026〕123号',
      forum: '某区人民政府',
      unitId: world.unitA,
    }),
    'register',
  );
  const id: string = created.id;
  expect(created.state).toMatchObject({
    kind: { code: 'RECONSIDERATION', label: '行政复议' },
    stage: { code: 'RESPONDING' },
    decision: { documentNumber: 'X公（治）行罚决字〔2026〕123号', caseId: null },
  });
  expect(created.state.deadlines).toEqual([
    expect.objectContaining({
      policyCode: 'ADMIN_RECONSIDERATION_REPLY',
      ownerRole: 'LEGAL_OFFICER',
    }),
  ]);

  const fired = await eventually(
    () =>
      app.prisma.escalation.findMany({
        where: { taskId: `${id}:REPLY:1` },
        orderBy: { firedAt: 'asc' },
      }),
    (rows) => rows.length === 2,
    30_000,
  );
  expect(fired.map((e) => [e.level, e.targetRole])).toEqual([
    ['REMINDER', 'LEGAL_OFFICER'],
    ['FIRST_LEVEL', 'BUREAU_LEADER'],
  ]);
  // The bureau leader's inbox links to the matter; the leader acknowledges it.
  const inbox = await okBody(call('GET', '/me/escalations?state=all', { token: bureau }), 'inbox');
  expect(inbox.items).toContainEqual(
    expect.objectContaining({
      id: `${id}:REPLY:1:FIRST_LEVEL`,
      links: expect.objectContaining({ subject: `/litigation/${id}` }),
    }),
  );
  await okBody(
    call('POST', `/escalations/${id}:REPLY:1:FIRST_LEVEL/acknowledgement`, {
      token: bureau,
      body: { note: '请法制大队立即答复' },
    }),
    'acknowledge',
  );
  // An outcome before the reply is refused with the rule.
  const early = await record(id, 'outcome', { outcome: 'UPHELD' });
  expect([early.status, early.body.detail]).toEqual([
    422,
    expect.stringMatching(/record it first/),
  ]);

  const replied = await okBody(record(id, 'answer', { note: '书面答复及证据目录' }), 'reply');
  expect(replied.state).toMatchObject({
    stage: { code: 'PENDING_DECISION' },
    answer: { onTime: false, note: '书面答复及证据目录' },
  });
  const upheld = await okBody(record(id, 'outcome', { outcome: 'UPHELD' }), 'outcome');
  expect(upheld.state).toMatchObject({
    stage: { code: 'CLOSED' },
    outcome: { code: 'UPHELD', label: '维持', against: false },
  });
  await completed(id);
  const after = await record(id, 'answer');
  expect([after.status, after.body.detail]).toEqual([
    422,
    expect.stringMatching(/CLOSED \(已结\)/),
  ]);
  const timeline = await app.prisma.auditEvent.findMany({
    where: { subjectType: 'LITIGATION', subjectId: id },
    orderBy: { subjectSeq: 'asc' },
  });
  expect(timeline.map((e) => e.action)).toEqual([
    'MATTER_REGISTERED',
    'ESCALATION_REMINDER',
    'ESCALATION_FIRST_LEVEL',
    'ESCALATION_ACKNOWLEDGED',
    'MATTER_ANSWER_SUBMITTED',
    'MATTER_DECIDED',
  ]);
}, 60_000);

it('a lawsuit defended in time, heard with the leader in court, revoked and carried out, in the evaluation', async () => {
  const { caseId } = await caseViaApi(call, handler, world.unitA, 'handler-a', 'ADMINISTRATIVE');
  const created = await okBody(
    register(
      {
        kind: 'LAWSUIT',
        caseId,
        decisionSummary: '对李某行政拘留五日',
        claimantName: '李某',
        forum: '某区人民法院',
        forumCaseNumber: '（2026）某0102行初12号',
      },
      center,
    ),
    'register',
  );
  const id: string = created.id;
  expect(created.state).toMatchObject({
    kind: { code: 'LAWSUIT', label: '行政诉讼' },
    unitId: world.unitA,
    decision: { caseId },
  });
  // The case centre registers; the legal office answers: the centre may not.
  const byCenter = await record(id, 'answer', {}, center);
  expect(byCenter.status).toBe(403);
  const defended = await okBody(record(id, 'answer', { note: '答辩状及证据' }), 'defence');
  expect(defended.state.answer).toMatchObject({ onTime: true });

  const absent = await record(id, 'hearing', {
    hearingAt: new Date().toISOString(),
    leaderAppeared: false,
    leader: { name: '王某', post: '分局局长' },
  });
  expect([absent.status, absent.body.detail]).toEqual([
    422,
    expect.stringMatching(/an officer of the bureau \(相应的工作人员\) appears instead/),
  ]);
  const heard = await okBody(
    record(id, 'hearing', {
      hearingAt: new Date().toISOString(),
      leaderAppeared: true,
      leader: { name: '王某', post: '分局局长' },
    }),
    'hearing',
  );
  expect(heard.state.hearings).toEqual([
    expect.objectContaining({ leaderAppeared: true, leader: { name: '王某', post: '分局局长' } }),
  ]);
  const revoked = await okBody(
    record(id, 'outcome', { outcome: 'REVOKED', documentNumber: '（2026）某0102行初12号' }),
    'outcome',
  );
  expect(revoked.state).toMatchObject({
    stage: { code: 'AWAITING_PERFORMANCE', label: '待履行' },
    outcome: { code: 'REVOKED', label: '判决撤销', against: true },
  });
  // Not yet carried out: it stays in the list of decisions awaiting their performance.
  const awaiting = await okBody(
    call('GET', '/litigation?stage=AWAITING_PERFORMANCE', { token: bureau }),
    'list',
  );
  expect(awaiting.items.map((m: Json) => m.id)).toContain(id);

  const done = await okBody(
    record(id, 'performance', { note: '已撤销原处罚决定，解除相关记录' }),
    'performance',
  );
  expect(done.state).toMatchObject({
    stage: { code: 'CLOSED' },
    carriedOut: { note: '已撤销原处罚决定，解除相关记录' },
  });
  await completed(id);
  const stillAwaiting = await okBody(
    call('GET', '/litigation?stage=AWAITING_PERFORMANCE', { token: bureau }),
    'list',
  );
  expect(stillAwaiting.items.map((m: Json) => m.id)).not.toContain(id);

  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const evaluation = await okBody(
    call('GET', `/evaluation?unit=${world.unitA}&from=${from}&to=${to}`, { token: bureau }),
    'evaluation',
  );
  expect(evaluation.litigation).toMatchObject({
    received: { total: 2, RECONSIDERATION: 1, LAWSUIT: 1 },
    hearings: { held: 1, leaderAppeared: 1, rate: 1 },
    outcomes: { decided: 2, against: 1, carriedOut: 1, notCarriedOut: 0 },
  });
  expect(evaluation.litigation.steps.map((s: Json) => [s.policy.code, s.onTime])).toEqual([
    ['ADMIN_RECONSIDERATION_REPLY', 0],
    ['ADMIN_LITIGATION_DEFENCE', 1],
  ]);
}, 90_000);

it('refuses bad registrations and commands with a 4xx naming the rule', async () => {
  const { caseId } = await caseViaApi(call, handler, world.unitA, 'handler-a', 'CRIMINAL');
  const criminal = await register({ kind: 'LAWSUIT', caseId, forum: '某区人民法院' });
  expect([criminal.status, criminal.body.detail]).toEqual([
    422,
    expect.stringMatching(/criminal case: acts under the Criminal Procedure Law/),
  ]);
  const unnamed = await register({ kind: 'LAWSUIT', forum: '某区人民法院' });
  expect([unnamed.status, unnamed.body.errors?.[0]?.field]).toEqual([400, 'body.caseId']);
  const future = await register({
    kind: 'RECONSIDERATION',
    documentNumber: 'X-1',
    forum: '某区人民政府',
    copyReceivedAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  expect([future.status, future.body.detail]).toEqual([
    400,
    expect.stringMatching(/行政复议申请书副本 reached the bureau/),
  ]);
  const elsewhere = await register({
    kind: 'RECONSIDERATION',
    documentNumber: 'X-2',
    forum: '某区人民政府',
    unitId: world.unitB,
  });
  expect(elsewhere.status).toBe(403);
  const unknownOutcome = await register({
    kind: 'LAWSUIT',
    documentNumber: 'X-3',
    forum: '某法院',
  });
  const id = unknownOutcome.body.id as string;
  const wrongKind = await record(id, 'outcome', { outcome: 'UPHELD' });
  expect(wrongKind.status).toBe(422);
  const byHandler = await record(id, 'answer', {}, handler);
  expect(byHandler.status).toBe(403);
}, 60_000);
