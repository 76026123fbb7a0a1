// Information requests on the real Temporal server and PostgreSQL, through the API, with their
// clocks shortened to seconds: one with a correction, a consultation and the extension, answered
// in time; one whose answer misses its deadline, escalates to the disclosure office's head and
// then the bureau, and is answered late; the bureau's answer rate in the evaluation.
import type { PolicyOverrides } from '../../domain/deadline-policies';
import { caller, person, testWorld } from '../support/api';
import { eventually, startTestApp, type TestApp } from '../support/app';
import type { Json } from '../support/http';

const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });
const OVERRIDES: PolicyOverrides = {
  INFO_DISCLOSURE: { period: seconds(20), grace: seconds(4), extensionUpTo: seconds(30) },
  INFO_CORRECTION_NOTICE: { period: seconds(120), grace: seconds(60) },
  INFO_THIRD_PARTY_OPINION: { period: seconds(120), grace: seconds(60) },
};

const world = testWorld();
let app: TestApp;
let call: ReturnType<typeof caller>;
let center: string;
let officeHead: string;
let bureau: string;

beforeAll(async () => {
  app = await startTestApp({ withWorker: true, policyOverrides: OVERRIDES });
  call = caller(app);
  center = await app.token(person('CASE_CENTER', { unit: world.unitA }));
  officeHead = await app.token(person('UNIT_LEADER', { unit: world.unitA }));
  bureau = await app.token(person('BUREAU_LEADER', { unit: world.root }));
});
afterAll(async () => {
  await app?.close();
});

async function ok(what: string, reply: Promise<{ status: number; body: Json }>): Promise<Json> {
  const r = await reply;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const register = (body: Json = {}) =>
  ok(
    'register',
    call('POST', '/info-requests', {
      token: center,
      body: {
        unitId: world.unitA,
        applicantName: '申请人甲',
        applicantContact: '138 1234 5678',
        description: '2025年本局治安罚没款收支情况',
        channel: 'ONLINE',
        confirmedAt: new Date().toISOString(),
        ...body,
      },
    }),
  );

const record = (id: string, path: string, body: Json = {}, token = center) =>
  call('POST', `/info-requests/${id}/${path}`, { token, body });

const tasks = (id: string) =>
  app.prisma.task.findMany({ where: { infoRequestId: id }, orderBy: { id: 'asc' } });

it('a request corrected, consulted on, extended and answered in time, its workflow then ended', async () => {
  const created = await register();
  const id: string = created.id;
  expect(created.state).toMatchObject({
    stage: { code: 'IN_PROGRESS', label: '办理中' },
    channel: { code: 'ONLINE', label: '互联网渠道' },
    applicant: { name: '申请人甲', contact: '13812345678' },
  });
  expect(created.state.deadlines.map((d: Json) => d.policyCode)).toEqual([
    'INFO_DISCLOSURE',
    'INFO_CORRECTION_NOTICE',
  ]);

  const corrected = await ok(
    'correction',
    record(id, 'correction', {
      matters: '请明确所需信息的年份',
      correctBy: new Date(Date.now() + 3_600_000).toISOString(),
    }),
  );
  expect(corrected.state.stage.code).toBe('AWAITING_CORRECTION');
  // Answering an unclear request is refused with the rule; a second correction too.
  const early = await record(id, 'answer', { answerType: 'DISCLOSED' });
  expect([early.status, early.body.detail]).toEqual([
    422,
    expect.stringMatching(/awaits its correction/),
  ]);

  const restarted = await ok('corrected application', record(id, 'corrected-application'));
  expect(restarted.state.stage.code).toBe('IN_PROGRESS');
  const again = await record(id, 'correction', {
    matters: '再次补正',
    correctBy: new Date(Date.now() + 3_600_000).toISOString(),
  });
  expect([again.status, again.body.detail]).toEqual([422, expect.stringMatching(/asked once/)]);

  await ok(
    'consultation',
    record(id, 'consultation', { consultee: 'THIRD_PARTY', party: '某公司' }),
  );
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const consulted = await ok(
    'consultation end',
    record(id, 'consultation-end', { outcome: '同意公开' }),
  );
  // A handler may not approve the extension; the disclosure office's head may, once.
  const byCenter = await record(id, 'extension', { reason: '需调取档案' });
  expect(byCenter.status).toBe(403);
  const extended = await ok(
    'extension',
    record(id, 'extension', { reason: '需调取多个单位档案' }, officeHead),
  );
  const second = await record(id, 'extension', { reason: '还需要' }, officeHead);
  expect([second.status, second.body.detail]).toEqual([
    422,
    expect.stringMatching(/at most 1 time\(s\); 1 already granted/),
  ]);
  const answerTask = (state: Json) =>
    state.deadlines.find((d: Json) => d.taskId === `${id}:ANSWER:2`);
  expect(answerTask(consulted.state).pauses).toEqual([
    expect.objectContaining({ reason: 'THIRD_PARTY_CONSULTATION' }),
  ]);
  expect(Date.parse(answerTask(extended.state).dueAt)).toBeGreaterThan(
    Date.parse(answerTask(consulted.state).dueAt) + 29_000,
  );
  expect(extended.state.extension).toMatchObject({ reason: '需调取多个单位档案' });

  const refusal = await record(id, 'answer', { answerType: 'PARTIALLY_DISCLOSED' });
  expect([refusal.status, refusal.body.detail]).toEqual([
    422,
    expect.stringMatching(/states its reasons/),
  ]);
  const answered = await ok(
    'answer',
    record(id, 'answer', {
      answerType: 'PARTIALLY_DISCLOSED',
      reason: '涉及第三方商业秘密部分不予公开',
    }),
  );
  expect(answered.state).toMatchObject({
    stage: { code: 'ANSWERED' },
    answer: { type: { code: 'PARTIALLY_DISCLOSED', label: '部分公开' }, onTime: true },
  });
  const rows = await tasks(id);
  expect(rows.map((t) => [t.id.replace(`${id}:`, ''), t.completedAt !== null, t.overdue])).toEqual([
    ['ANSWER:1', true, false],
    ['ANSWER:2', true, false],
    ['CORRECTION_REVIEW:1', true, false],
    ['THIRD_PARTY_OPINION:1', true, false],
  ]);
  const handle = app.client.workflow.getHandle(id);
  await eventually(
    () => handle.describe(),
    (d) => d.status.name === 'COMPLETED',
  );
  const after = await record(id, 'withdrawal');
  expect([after.status, after.body.detail]).toEqual([
    422,
    expect.stringMatching(/ANSWERED \(已答复\)/),
  ]);
  const timeline = await app.prisma.auditEvent.findMany({
    where: { subjectType: 'INFO_REQUEST', subjectId: id },
    orderBy: { subjectSeq: 'asc' },
  });
  expect(timeline.map((e) => e.action)).toEqual([
    'INFO_REQUESTED',
    'INFO_CORRECTION_REQUESTED',
    'INFO_CORRECTED_APPLICATION_RECEIVED',
    'INFO_CONSULTATION_STARTED',
    'INFO_CONSULTATION_ENDED',
    'DEADLINE_EXTENDED',
    'INFO_REQUEST_ANSWERED',
  ]);
});

it('a request whose answer misses its deadline escalates once per level, is acknowledged and answered late', async () => {
  const { id } = await register({ channel: 'IN_PERSON', confirmedAt: undefined });
  const escalations = () =>
    app.prisma.escalation.findMany({
      where: { taskId: `${id}:ANSWER:1` },
      orderBy: { firedAt: 'asc' },
    });
  const fired = await eventually(escalations, (rows) => rows.length === 3, 40_000);
  expect(fired.map((e) => [e.level, e.targetRole])).toEqual([
    ['REMINDER', 'CASE_CENTER'],
    ['FIRST_LEVEL', 'UNIT_LEADER'],
    ['SECOND_LEVEL', 'BUREAU_LEADER'],
  ]);
  // The leaders' inbox shows it and links to the request; the office's head acknowledges it.
  const inbox = await ok('inbox', call('GET', '/me/escalations?state=all', { token: bureau }));
  expect(inbox.items).toContainEqual(
    expect.objectContaining({
      id: `${id}:ANSWER:1:SECOND_LEVEL`,
      links: expect.objectContaining({ subject: `/info-requests/${id}` }),
    }),
  );
  await ok(
    'acknowledge',
    call('POST', `/escalations/${id}:ANSWER:1:FIRST_LEVEL/acknowledgement`, {
      token: officeHead,
      body: { note: '已督促答复' },
    }),
  );
  const late = await record(id, 'extension', { reason: '逾期后延长' }, officeHead);
  expect([late.status, late.body.detail]).toEqual([
    422,
    expect.stringMatching(/before the answer is due/),
  ]);
  const answered = await ok(
    'answer',
    record(id, 'answer', { answerType: 'INFORMATION_NOT_FOUND' }),
  );
  expect(answered.state.answer).toMatchObject({ onTime: false });
  expect(answered.state.escalations.map((e: Json) => [e.level.code, e.answer ?? null])).toEqual([
    ['REMINDER', null],
    ['FIRST_LEVEL', 'ACKNOWLEDGED'],
    ['SECOND_LEVEL', null],
  ]);

  // The month's evaluation of the unit: this request's answer was due and late.
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const evaluation = await ok(
    'evaluation',
    call('GET', `/evaluation?unit=${world.unitA}&from=${from}&to=${to}`, { token: bureau }),
  );
  expect(evaluation.infoRequests.answers).toMatchObject({ due: 2, onTime: 1, late: 1, rate: 0.5 });
  expect(evaluation.infoRequests.steps.map((s: Json) => s.policy.code)).toContain(
    'INFO_DISCLOSURE',
  );
}, 90_000);

it('refuses bad registrations with a 400 naming the rule', async () => {
  const post = await call('POST', '/info-requests', {
    token: center,
    body: { unitId: world.unitA, applicantName: '乙', description: '某文件', channel: 'POST' },
  });
  expect([post.status, post.body.detail]).toEqual([
    400,
    expect.stringMatching(
      /by post: received the day the bureau signs for it \(Art. 31\): give signedForAt/,
    ),
  ]);
  const future = await call('POST', '/info-requests', {
    token: center,
    body: {
      unitId: world.unitA,
      applicantName: '乙',
      description: '某文件',
      channel: 'ONLINE',
      confirmedAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  expect([future.status, future.body.detail]).toEqual([
    400,
    expect.stringMatching(/in the future/),
  ]);
  const outside = await call('POST', '/info-requests', {
    token: center,
    body: { unitId: world.unitB, applicantName: '乙', description: '某文件', channel: 'IN_PERSON' },
  });
  expect(outside.status).toBe(403);
});
