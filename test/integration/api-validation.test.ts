// Bad input for every operation: a malformed path, an unknown query parameter or body field, a
// missing or wrongly typed field, an oversize or malformed body. Always a 4xx problem that names
// the field and the rule, and nothing changes.
import { SignJWT } from 'jose';
import { operations, type OperationSpec } from '../../api/operation';
import type { Role } from '../../domain/roles';
import { AUDIENCE } from '../../platform/identity';
import { caller, person, placeFor, testWorld } from '../support/api';
import { eventually, startTestApp, type TestApp } from '../support/app';
import type { Json } from '../support/http';

const world = testWorld();
let app: TestApp;
let call: ReturnType<typeof caller>;
let caseId: string;
let alarmId: string;
let infoRequestId: string;
let matterId: string;

/** A token of a role the operation admits, in scope of this test's unit. */
async function tokenFor(spec: OperationSpec) {
  const role: Role = spec.roles === 'PUBLIC' ? 'HANDLER' : spec.roles[0]!;
  return app.token(person(role, placeFor(role, world, true)));
}

beforeAll(async () => {
  app = await startTestApp({ withWorker: true });
  call = caller(app);
  const handler = await app.token(person('HANDLER', { unit: world.unitA }));
  const alarm = await call('POST', '/alarms', {
    token: handler,
    body: {
      source: 'CALL_110',
      category: 'CRIME',
      responseTier: 2,
      unitId: world.unitA,
      summary: '入室盗窃',
    },
  });
  alarmId = alarm.body.id;
  await eventually(
    () => call('GET', `/alarms/${alarmId}`, { token: handler }),
    (r) => r.status === 200,
  );
  const disposed = await call('POST', `/alarms/${alarmId}/disposition`, {
    token: handler,
    body: {
      disposition: 'CONVERTED_TO_CASE',
      newCase: { kind: 'CRIMINAL', title: '入室盗窃案', handlerId: 'x' },
    },
  });
  caseId = disposed.body.state.disposition.caseId;
  const registered = await call('POST', '/info-requests', {
    token: await app.token(person('CASE_CENTER', { unit: world.unitA })),
    body: {
      unitId: world.unitA,
      applicantName: '申请人',
      description: '某文件',
      channel: 'IN_PERSON',
    },
  });
  infoRequestId = registered.body.id;
  const matter = await call('POST', '/litigation', {
    token: await app.token(person('LEGAL_OFFICER', { unit: world.unitA })),
    body: {
      kind: 'LAWSUIT',
      documentNumber: 'X-1',
      decisionSummary: '罚款',
      claimantName: '原告',
      forum: '某区人民法院',
      copyReceivedAt: new Date().toISOString(),
      unitId: world.unitA,
    },
  });
  matterId = matter.body.id;
  await eventually(
    () => call('GET', `/cases/${caseId}`, { token: handler }),
    (r) => r.status === 200,
  );
});

afterAll(async () => {
  await app?.close();
});

/** A path for the operation with each parameter filled with `value`. */
const fill = (spec: OperationSpec, value: (name: string) => string) =>
  spec.path.replace(/:([A-Za-z]+)/g, (_, name: string) => value(name));

const validId = (spec: OperationSpec) => (name: string) =>
  name === 'queryCode'
    ? 'ABCDEF1234'
    : name === 'proposalId'
      ? `${spec.path.startsWith('/alarms') ? alarmId : caseId}:PROPOSAL:1`
      : spec.path.startsWith('/alarms')
        ? alarmId
        : spec.path.startsWith('/info-requests')
          ? infoRequestId
          : spec.path.startsWith('/litigation')
            ? matterId
            : spec.path.startsWith('/escalations')
              ? `${caseId}:FILING_REVIEW:1:FIRST_LEVEL`
              : caseId;

/** What the system holds for this test's unit: nothing here may change it. */
async function snapshot() {
  const [alarms, events] = await Promise.all([
    app.prisma.alarm.count({ where: { unitId: { startsWith: world.root } } }),
    app.prisma.auditEvent.count({
      where: { subjectId: { in: [caseId, alarmId, infoRequestId, matterId] } },
    }),
  ]);
  return { alarms, events };
}

/** The smallest valid body of each operation that has required fields. */
const MINIMAL_BODY: Record<string, Json> = {
  'alarm.create': { source: 'CALL_110', responseTier: 1, unitId: 'a', summary: 'x' },
  'alarm.dispose': { disposition: 'TRANSFERRED', agency: '交警大队' },
  'alarm.handover': { receivedBy: '张某' },
  'case.action': { action: 'FILE' },
  'case.pause': {
    taskId: 't',
    reason: 'APPRAISAL',
    from: '2026-11-01T00:00:00Z',
    to: '2026-11-02T00:00:00Z',
  },
  'case.measure': { event: 'RELEASE' },
  'case.proposeExtension': { taskId: 't', by: { length: 1, unit: 'DAYS' }, reason: 'x' },
  'case.decideProposal': { decision: 'APPROVE' },
  'alarm.decideProposal': { decision: 'APPROVE' },
  'escalation.decide': { decision: 'ORDER', instruction: '立即办理' },
  'deadline.explain': { policy: 'FILING_REVIEW', triggeredAt: '2026-11-02T09:00:00+08:00' },
  'info-request.create': { applicantName: '甲', description: '某文件', channel: 'IN_PERSON' },
  'info-request.correction': { matters: '请明确', correctBy: '2026-11-02T00:00:00Z' },
  'info-request.consultation': { consultee: 'THIRD_PARTY', party: '某公司' },
  'info-request.extension': { reason: '需要' },
  'info-request.answer': { answerType: 'DISCLOSED' },
  'litigation.create': {
    kind: 'LAWSUIT',
    documentNumber: 'X-2',
    decisionSummary: '罚款',
    claimantName: '甲',
    forum: '法院',
    copyReceivedAt: '2026-11-02T09:00:00+08:00',
  },
  'litigation.hearing': {
    hearingAt: '2026-11-02T09:00:00+08:00',
    leaderAppeared: true,
    leader: { name: '王', post: '局长' },
  },
  'litigation.outcome': { outcome: 'REVOKED' },
  'litigation.performance': { note: '已履行' },
};

function expectProblem(reply: Json, status: number, field?: string) {
  expect([reply.status, reply.body]).toEqual([status, expect.anything()]);
  expect(reply.headers.get('content-type')).toContain('application/problem+json');
  expect(reply.body.detail).toEqual(expect.any(String));
  if (field) expect(reply.body.errors.map((e: Json) => e.field)).toContain(field);
}

describe.each([
  'alarm',
  'case',
  'task',
  'escalation',
  'fast-track',
  'public',
  'deadline',
  'evaluation',
  'directory',
  'info-request',
  'litigation',
])('%s operations', (prefix) => {
  const specs = () => operations().filter((o) => o.id.startsWith(`${prefix}.`));

  it('exist', () => {
    expect(specs().length).toBeGreaterThan(0);
  });

  it('refuse a malformed path parameter, naming it', async () => {
    for (const spec of specs().filter((s) => s.params)) {
      const before = await snapshot();
      const reply = await call(
        spec.method.toUpperCase() as 'GET',
        fill(spec, () => 'bad%20id'),
        {
          token: await tokenFor(spec),
          body: spec.method === 'post' ? {} : undefined,
        },
      );
      expectProblem(reply, 400);
      expect(reply.body.errors[0].field).toMatch(/^path\./);
      expect(await snapshot()).toEqual(before);
    }
  });

  it('refuse an unknown query parameter, naming it', async () => {
    for (const spec of specs()) {
      const reply = await call(
        spec.method.toUpperCase() as 'GET',
        `${fill(spec, validId(spec))}?bogus=1`,
        { token: await tokenFor(spec), body: spec.method === 'post' ? {} : undefined },
      );
      expectProblem(reply, 400, 'query');
      expect(reply.body.errors.map((e: Json) => e.rule)).toContain('unknown field(s): bogus');
    }
  });

  it('refuse an unknown body field, an oversize body and malformed JSON, and change nothing', async () => {
    for (const spec of specs().filter((s) => s.method === 'post')) {
      const before = await snapshot();
      const path = fill(spec, validId(spec));
      const token = await tokenFor(spec);
      const unknown = await call('POST', path, {
        token,
        body: { ...MINIMAL_BODY[spec.id], bogus: true },
      });
      expectProblem(unknown, 400);
      expect(unknown.body.errors.map((e: Json) => e.rule)).toContain('unknown field(s): bogus');
      expectProblem(await call('POST', path, { token, body: { x: 'y'.repeat(70 * 1024) } }), 413);
      const malformed = await call('POST', path, { token, raw: '{"action": ' });
      expectProblem(malformed, 400);
      expect(malformed.body.title).toBe('Malformed JSON');
      expect(await snapshot()).toEqual(before);
    }
  });
});

describe('missing and wrongly typed fields', () => {
  const cases: Array<
    [string, string, (ids: { caseId: string; alarmId: string }) => string, Json, string]
  > = [
    [
      'an alarm without its unit',
      'alarm.create',
      () => '/alarms',
      { source: 'CALL_110', responseTier: 1, summary: 'x' },
      'body.unitId',
    ],
    [
      'an alarm with a tier in words',
      'alarm.create',
      () => '/alarms',
      { source: 'CALL_110', responseTier: 'one', unitId: 'a', summary: 'x' },
      'body.responseTier',
    ],
    [
      'a disposition of an unknown kind',
      'alarm.dispose',
      (i) => `/alarms/${i.alarmId}/disposition`,
      { disposition: 'FORGOTTEN' },
      'body.disposition',
    ],
    [
      'an action without its name',
      'case.action',
      (i) => `/cases/${i.caseId}/actions`,
      { fields: {} },
      'body.action',
    ],
    [
      'an unknown action',
      'case.action',
      (i) => `/cases/${i.caseId}/actions`,
      { action: 'BURN' },
      'body.action',
    ],
    [
      'a transfer with a route in lower case',
      'case.action',
      (i) => `/cases/${i.caseId}/actions`,
      { action: 'TRANSFER_FOR_PROSECUTION', fields: { route: 'fast' } },
      'body.fields.route',
    ],
    [
      'a refusal of a proposal without its reason',
      'case.decideProposal',
      (i) => `/cases/${i.caseId}/proposals/${i.caseId}:PROPOSAL:1/decision`,
      { decision: 'REFUSE' },
      'body.reason',
    ],
    [
      'an extension proposal with an unknown ground',
      'case.proposeExtension',
      (i) => `/cases/${i.caseId}/extension-proposals`,
      { taskId: 't', by: { length: 5, unit: 'DAYS' }, reason: 'x', ground: 'MAJOR' },
      'body.ground',
    ],
    [
      'a penalty fine in words',
      'case.action',
      (i) => `/cases/${i.caseId}/actions`,
      { action: 'SERVE_PENALTY_DECISION', fields: { penaltyKind: 'FINE', fineYuan: '五百' } },
      'body.fields.fineYuan',
    ],
    [
      'a pause without its end',
      'case.pause',
      (i) => `/cases/${i.caseId}/pauses`,
      { taskId: 't', reason: 'APPRAISAL', from: '2026-11-01T00:00:00Z' },
      'body.to',
    ],
    [
      'an extension of minus one day',
      'escalation.decide',
      (i) => `/escalations/${i.caseId}:FILING_REVIEW:1:FIRST_LEVEL/decision`,
      { decision: 'EXTEND', by: { length: -1, unit: 'DAYS' }, reason: 'x' },
      'body.by.length',
    ],
    [
      'a decision of an unknown kind',
      'escalation.decide',
      (i) => `/escalations/${i.caseId}:FILING_REVIEW:1:FIRST_LEVEL/decision`,
      { decision: 'FORGET' },
      'body.decision',
    ],
    [
      'an evaluation without its period',
      'evaluation.unit',
      () => '/evaluation',
      undefined,
      'query.from',
    ],
    [
      'a case list with a page size of a thousand',
      'case.list',
      () => '/cases?limit=1000',
      undefined,
      'query.limit',
    ],
    [
      'a case list filtered by an unknown stage',
      'case.list',
      () => '/cases?stage=LIMBO',
      undefined,
      'query.stage',
    ],
    [
      'a case list with a made-up cursor',
      'case.list',
      () => '/cases?cursor=abc',
      undefined,
      'query.cursor',
    ],
    [
      'an information request without its channel',
      'info-request.create',
      () => '/info-requests',
      { applicantName: '甲', description: '某文件' },
      'body.channel',
    ],
    [
      'an answer of a type the regulation does not name',
      'info-request.answer',
      () => `/info-requests/${infoRequestId}/answer`,
      { answerType: 'MAYBE' },
      'body.answerType',
    ],
    [
      'a consultation of someone neither a third party nor an agency',
      'info-request.consultation',
      () => `/info-requests/${infoRequestId}/consultation`,
      { consultee: 'NEIGHBOUR', party: '某人' },
      'body.consultee',
    ],
    [
      'a correction without the period given to correct it',
      'info-request.correction',
      () => `/info-requests/${infoRequestId}/correction`,
      { matters: '请明确' },
      'body.correctBy',
    ],
    [
      'a reconsideration or lawsuit without the day its copy was received',
      'litigation.create',
      () => '/litigation',
      {
        kind: 'LAWSUIT',
        documentNumber: 'X-3',
        decisionSummary: '罚款',
        claimantName: '甲',
        forum: '法院',
      },
      'body.copyReceivedAt',
    ],
    [
      'a matter of a kind the law does not have',
      'litigation.create',
      () => '/litigation',
      {
        kind: 'PETITION',
        documentNumber: 'X-4',
        decisionSummary: '罚款',
        claimantName: '甲',
        forum: '法院',
        copyReceivedAt: '2026-11-02T09:00:00+08:00',
      },
      'body.kind',
    ],
    [
      'an outcome the law does not name',
      'litigation.outcome',
      () => `/litigation/${matterId}/outcome`,
      { outcome: 'PARTLY_WON' },
      'body.outcome',
    ],
    [
      'a court session without saying whether the leader appeared',
      'litigation.hearing',
      () => `/litigation/${matterId}/hearing`,
      { hearingAt: '2026-11-02T09:00:00+08:00', leader: { name: '王', post: '局长' } },
      'body.leaderAppeared',
    ],
    [
      'a performance without saying what was done',
      'litigation.performance',
      () => `/litigation/${matterId}/performance`,
      {},
      'body.note',
    ],
    [
      'a directory search for a role that does not exist',
      'directory.people',
      () => '/directory/people?role=SHERIFF',
      undefined,
      'query.role',
    ],
  ];

  it.each(cases)('refuses %s with a 400 naming the field', async (_, id, path, body, field) => {
    const spec = operations().find((o) => o.id === id)!;
    const before = await snapshot();
    const reply = await call(spec.method.toUpperCase() as 'GET', path({ caseId, alarmId }), {
      token: await tokenFor(spec),
      body,
    });
    expectProblem(reply, 400, field);
    expect(await snapshot()).toEqual(before);
  });
});

it('refuses a signed token whose sub, name or org holds a control character with a 401 naming the claim, and records nothing', async () => {
  const now = Math.floor(Date.now() / 1000);
  const signed = (sub: string, claims: Record<string, unknown>) =>
    new SignJWT({ name: 'x', ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(app.identity.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(app.identity.secret);
  const handler = await signed('officer\u0000x', { roles: ['HANDLER'], unit: world.unitA });
  const prosecutor = await signed('p-1', {
    roles: ['PROSECUTOR'],
    org: `${world.procuratorate}\u0000`,
  });
  const leader = await signed('l-1', {
    name: '王\u001b',
    roles: ['UNIT_LEADER'],
    unit: world.unitA,
  });
  const before = await snapshot();
  const alarm = { source: 'CALL_110', responseTier: 1, unitId: world.unitA, summary: '纠纷' };
  const replies = await Promise.all([
    // These answered 500 (PostgreSQL refused the NUL in an idempotency key or a scope filter), or
    // 422 once the new alarm's first step could not be written.
    call('POST', '/alarms', { token: handler, body: alarm }),
    call('POST', '/alarms', { token: handler, body: alarm, idempotencyKey: 'nul-in-sub' }),
    call('GET', '/fast-track/prosecution', { token: prosecutor }),
    call('GET', '/cases', { token: prosecutor }),
    call('GET', '/me/escalations', { token: leader }),
  ]);
  expect(replies.map((r) => [r.status, r.body.detail])).toEqual([
    [401, 'The token\'s "sub" claim must not contain control characters (U+0000 at position 8).'],
    [401, 'The token\'s "sub" claim must not contain control characters (U+0000 at position 8).'],
    [401, expect.stringMatching(/^The token's "org" claim must not contain control characters/)],
    [401, expect.stringMatching(/^The token's "org" claim must not contain control characters/)],
    [401, 'The token\'s "name" claim must not contain control characters (U+001B at position 2).'],
  ]);
  expect(await snapshot()).toEqual(before);
});
