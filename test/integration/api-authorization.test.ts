// The authorisation matrix: every operation the API declares × every role × in scope and out of
// scope. In scope, a role the operation admits gets past authorisation (its answer may still be a
// refusal by the rules: 409 or 422, never 401 or 403); a role it does not admit gets 403; a person
// outside the scope gets 404 for a case, alarm or escalation (as if it did not exist) and 403 for a
// unit; lists show in-scope work only; no token gets 401.
import { STAFF_ROLES } from '../../domain/access';
import { CASE_ACTIONS } from '../../domain/lifecycle';
import type { Role } from '../../domain/roles';
import { operations } from '../../api/operation';
import { eligibleFacts } from '../support/cases';
import { signedPleaAgreement } from '../support/fixtures';
import { approveProposals, caller, person, placeFor, testWorld, type Reply } from '../support/api';
import { eventually, startTestApp, type TestApp } from '../support/app';
import type { Json } from '../support/http';

const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });
const world = testWorld();
let app: TestApp;
let call: ReturnType<typeof caller>;
const tokens = new Map<string, string>();
const ids = {
  alarm1: '',
  alarm2: '',
  case1: '',
  case2: '',
  queryCode: '',
  escalation: '',
  infoRequest: '',
  matter: '',
};
/** The operations that need no token. */
const PUBLIC_OPERATIONS = ['public.case-status', 'deadline.explain'];

async function tokenFor(role: Role, inScope: boolean) {
  const key = `${role}:${inScope}`;
  if (!tokens.has(key))
    tokens.set(key, await app.token(person(role, placeFor(role, world, inScope))));
  return tokens.get(key)!;
}

async function ok(reply: Promise<Reply>): Promise<Json> {
  const r = await reply;
  if (r.status >= 300) throw new Error(`${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

beforeAll(async () => {
  app = await startTestApp({
    withWorker: true,
    // Tier-1 arrivals fall due in 1 s, so that alarm1 escalates to the duty leader at once.
    policyOverrides: { ALARM_ARRIVAL_TIER_1: { period: seconds(1), grace: seconds(3600) } },
  });
  call = caller(app);
  const handler = await tokenFor('HANDLER', true);
  const alarm = (tier: number) =>
    ok(
      call('POST', '/alarms', {
        token: handler,
        body: {
          source: 'CALL_110',
          category: 'CRIME',
          responseTier: tier,
          unitId: world.unitA,
          summary: '盗窃电动车',
        },
      }),
    );
  ids.alarm1 = (await alarm(1)).id;
  ids.alarm2 = (await alarm(2)).id;
  await eventually(
    () => call('GET', `/alarms/${ids.alarm2}`, { token: handler }),
    (r) => r.status === 200,
  );
  /** A criminal case from alarm2 (or a new alarm), sent to the procuratorate on the fast track. */
  const caseSent = async (alarmId: string) => {
    await eventually(
      () => call('GET', `/alarms/${alarmId}`, { token: handler }),
      (r) => r.status === 200,
    );
    const disposed = await ok(
      call('POST', `/alarms/${alarmId}/disposition`, {
        token: handler,
        body: {
          disposition: 'CONVERTED_TO_CASE',
          newCase: { kind: 'CRIMINAL', title: '盗窃电动车案', handlerId: `handler-${world.unitA}` },
        },
      }),
    );
    const caseId: string = disposed.state.disposition.caseId;
    await eventually(
      () => call('GET', `/cases/${caseId}`, { token: handler }),
      (r) => r.status === 200,
    );
    const approvers = {
      HANDLER: await tokenFor('HANDLER', true),
      BUREAU_LEADER: await tokenFor('BUREAU_LEADER', true),
    };
    await act(caseId, 'HANDLER', 'FILE');
    await approveProposals(call, caseId, approvers);
    await act(caseId, 'HANDLER', 'SUBMIT_FOR_LEGAL_REVIEW');
    await act(caseId, 'LEGAL_OFFICER', 'APPROVE_LEGAL_REVIEW');
    await act(caseId, 'HANDLER', 'TRANSFER_FOR_PROSECUTION', {
      suggestedRoute: 'FAST_TRACK',
      fastTrackFacts: eligibleFacts,
      prosecutionOrg: world.procuratorate,
    });
    await approveProposals(call, caseId, approvers);
    return caseId;
  };
  const act = async (caseId: string, role: Role, action: string, fields: Json = {}) =>
    ok(
      call('POST', `/cases/${caseId}/actions`, {
        token: await tokenFor(role, true),
        body: { action, fields },
      }),
    );
  ids.infoRequest = (
    await ok(
      call('POST', '/info-requests', {
        token: await tokenFor('CASE_CENTER', true),
        body: {
          unitId: world.unitA,
          applicantName: '申请人',
          description: '某文件',
          channel: 'IN_PERSON',
        },
      }),
    )
  ).id;
  ids.matter = (
    await ok(
      call('POST', '/litigation', {
        token: await tokenFor('LEGAL_OFFICER', true),
        body: {
          kind: 'LAWSUIT',
          documentNumber: 'X公（治）行罚决字〔2026〕1号',
          decisionSummary: '罚款五百元',
          claimantName: '原告',
          forum: '某区人民法院',
          copyReceivedAt: new Date().toISOString(),
          unitId: world.unitA,
        },
      }),
    )
  ).id;
  ids.case1 = await caseSent(ids.alarm2);
  ids.case2 = await caseSent((await alarm(2)).id);
  await act(ids.case1, 'PROSECUTOR', 'PROSECUTION_ACCEPT', {
    route: 'FAST_TRACK',
    fastTrackFacts: eligibleFacts,
    ...signedPleaAgreement,
  });
  const indicted = await act(ids.case1, 'PROSECUTOR', 'INDICT', {
    sentencingProposal: '有期徒刑一年六个月',
    courtOrg: world.court,
  });
  expect(indicted.stage.code).toBe('COURT_FAST_TRACK');
  // The court accepts: the trial clock starts, a step that waits for the judge.
  await act(ids.case1, 'JUDGE', 'COURT_ACCEPT');
  ids.queryCode = indicted.queryCode;
  ids.escalation = `${ids.alarm1}:ARRIVAL:FIRST_LEVEL`;
  await eventually(
    () => app.prisma.escalation.findUnique({ where: { id: ids.escalation } }),
    (row) => row !== null,
  );
  // The case row follows the workflow through an activity; wait until it shows the court.
  await eventually(
    () => app.prisma.case.findUnique({ where: { id: ids.case1 } }),
    (row) => row?.courtOrg === world.court,
  );
});

afterAll(async () => {
  await app?.close();
});

/** An action each role's rules let it take in general, refused here by the case's stage. */
const ACTION_FOR: Partial<Record<Role, Json>> = {
  HANDLER: { action: 'FILE' },
  LEGAL_OFFICER: { action: 'APPROVE_LEGAL_REVIEW' },
  CASE_CENTER: { action: 'ARCHIVE' },
  PROSECUTOR: { action: 'INDICT', fields: { sentencingProposal: 'x', courtOrg: 'y' } },
  JUDGE: { action: 'CONVERT_PROCEDURE' },
};
const ROLES_WITH_CASE_ACTIONS = new Set<Role>(Object.values(CASE_ACTIONS).flatMap((a) => a.roles));

interface Probe {
  request: (role: Role) => [method: 'GET' | 'POST', path: string, body?: unknown];
  /** Roles that, in scope, get past authorisation (default: the operation's roles). */
  admitted?: (role: Role) => boolean;
  /** For lists: whether the reply shows the in-scope fixture. */
  shows?: (body: Json) => boolean;
  /** Acts on the caller's own records only, or on nothing scoped: answered alike in scope and out. */
  own?: boolean;
}

const PERIOD = () =>
  `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;

const PROBES: Record<string, Probe> = {
  'alarm.create': {
    request: () => [
      'POST',
      '/alarms',
      { source: 'WALK_IN', responseTier: 3, unitId: world.unitA, summary: '矩阵测试' },
    ],
  },
  'alarm.list': {
    request: () => ['GET', '/alarms?limit=200'],
    shows: (body) => body.items.some((a: Json) => a.id === ids.alarm1),
  },
  'alarm.get': { request: () => ['GET', `/alarms/${ids.alarm1}`] },
  'alarm.arrival': { request: () => ['POST', `/alarms/${ids.alarm2}/arrival`] },
  'alarm.dispose': {
    request: () => [
      'POST',
      `/alarms/${ids.alarm2}/disposition`,
      { disposition: 'RESOLVED_ON_SCENE', reason: '已处置' },
    ],
  },
  'alarm.scene-handled': { request: () => ['POST', `/alarms/${ids.alarm2}/scene-handled`] },
  'alarm.handover': {
    request: () => ['POST', `/alarms/${ids.alarm2}/handover`, { receivedBy: '矩阵测试' }],
  },
  'alarm.decideProposal': {
    request: () => [
      'POST',
      `/alarms/${ids.alarm2}/proposals/${ids.alarm2}:PROPOSAL:9/decision`,
      { decision: 'REFUSE', reason: '矩阵测试' },
    ],
  },
  'alarm.withdrawProposal': {
    request: () => ['POST', `/alarms/${ids.alarm2}/proposals/${ids.alarm2}:PROPOSAL:9/withdrawal`],
  },
  'case.list': {
    request: () => ['GET', '/cases?limit=200'],
    shows: (body) => body.items.some((c: Json) => c.id === ids.case1),
  },
  'case.get': { request: () => ['GET', `/cases/${ids.case1}`] },
  'case.timeline': { request: () => ['GET', `/cases/${ids.case1}/timeline`] },
  'case.action': {
    request: (role) => [
      'POST',
      `/cases/${ids.case1}/actions`,
      ACTION_FOR[role] ?? { action: 'FILE' },
    ],
    admitted: (role) => ROLES_WITH_CASE_ACTIONS.has(role),
  },
  'case.pause': {
    request: () => [
      'POST',
      `/cases/${ids.case1}/pauses`,
      {
        taskId: 'no-such-task',
        reason: 'APPRAISAL',
        from: new Date().toISOString(),
        to: new Date().toISOString(),
      },
    ],
  },
  'case.measure': {
    request: (role) => [
      'POST',
      `/cases/${ids.case1}/measures`,
      { event: role === 'PROSECUTOR' ? 'APPROVE_ARREST' : 'RELEASE' },
    ],
  },
  'case.proposeExtension': {
    request: () => [
      'POST',
      `/cases/${ids.case1}/extension-proposals`,
      { taskId: 'no-such-task', by: { length: 1, unit: 'DAYS' }, reason: '矩阵测试' },
    ],
  },
  'case.decideProposal': {
    request: () => [
      'POST',
      `/cases/${ids.case1}/proposals/${ids.case1}:PROPOSAL:9/decision`,
      { decision: 'REFUSE', reason: '矩阵测试' },
    ],
  },
  'case.withdrawProposal': {
    request: () => ['POST', `/cases/${ids.case1}/proposals/${ids.case1}:PROPOSAL:9/withdrawal`],
  },
  'task.mine': {
    request: () => ['GET', '/me/tasks?limit=500'],
    // The case waits for its trial: the judge's step.
    shows: (body) => body.items.some((t: Json) => t.links.subject === `/cases/${ids.case1}`),
  },
  'notification.list': {
    request: () => ['GET', '/me/notifications?limit=200'],
    shows: (body) =>
      body.items.some((n: Json) =>
        [ids.case1, ids.alarm1, ids.alarm2].includes(n.subject.id as string),
      ),
  },
  'directory.organisations': { request: () => ['GET', '/directory/organisations'], own: true },
  'notification.read': {
    request: () => ['POST', '/me/notifications/read', { all: true }],
    own: true,
  },
  'escalation.inbox': {
    request: () => ['GET', '/me/escalations?state=all'],
    shows: (body) => body.items.some((e: Json) => e.id === ids.escalation),
  },
  'escalation.acknowledge': {
    request: () => ['POST', `/escalations/${ids.escalation}/acknowledgement`, { note: '已督办' }],
    // The escalation went to the duty leader; only they may acknowledge it.
    admitted: (role) => role === 'DUTY_LEADER',
  },
  'escalation.decide': {
    request: () => [
      'POST',
      `/escalations/${ids.escalation}/decision`,
      { decision: 'ORDER', instruction: '立即出警' },
    ],
    // An alarm's escalation cannot be decided (409) but the leaders get that far.
    admitted: (role) => role === 'UNIT_LEADER' || role === 'BUREAU_LEADER',
  },
  'fast-track.prosecution-queue': {
    request: () => ['GET', '/fast-track/prosecution'],
    shows: (body) => body.items.some((c: Json) => c.id === ids.case2),
  },
  'fast-track.court-queue': {
    request: () => ['GET', '/fast-track/court'],
    shows: (body) => body.items.some((c: Json) => c.id === ids.case1),
  },
  'public.case-status': { request: () => ['GET', `/public/cases/${ids.queryCode}`] },
  'deadline.explain': {
    request: () => [
      'POST',
      '/deadlines/explain',
      { policy: 'FILING_REVIEW', triggeredAt: '2026-11-02T09:00:00+08:00' },
    ],
  },
  'dashboard.unit': { request: () => ['GET', `/dashboard?unit=${world.unitA}`] },
  'evaluation.unit': { request: () => ['GET', `/evaluation?unit=${world.unitA}&${PERIOD()}`] },
  // The shared database holds no directory (a directory would check every test's REASSIGN): the
  // probes name a unit or organisation, refused out of scope; directory.test.ts checks the lists.
  'directory.people': {
    request: (role) => {
      if (role === 'PROSECUTOR') return ['GET', `/directory/people?org=${world.procuratorate}`];
      if (role === 'JUDGE') return ['GET', `/directory/people?org=${world.court}`];
      return ['GET', `/directory/people?unit=${world.unitA}&role=HANDLER`];
    },
  },
  'directory.units': { request: () => ['GET', `/directory/units?unit=${world.unitA}`] },
  // Each command is refused by the request's rules (422) where it would change it, past the
  // authorisation the matrix checks; the withdrawal ends it, after which every command is 422.
  'info-request.create': {
    request: () => [
      'POST',
      '/info-requests',
      {
        unitId: world.unitA,
        applicantName: '矩阵测试',
        description: '某文件',
        channel: 'IN_PERSON',
      },
    ],
  },
  'info-request.list': {
    request: () => ['GET', '/info-requests?limit=200'],
    shows: (body) => body.items.some((r: Json) => r.id === ids.infoRequest),
  },
  'info-request.get': { request: () => ['GET', `/info-requests/${ids.infoRequest}`] },
  'info-request.clear': { request: () => ['POST', `/info-requests/${ids.infoRequest}/clear`] },
  'info-request.correction': {
    request: () => [
      'POST',
      `/info-requests/${ids.infoRequest}/correction`,
      { matters: '矩阵测试', correctBy: '2026-01-01T00:00:00Z' },
    ],
  },
  'info-request.corrected-application': {
    request: () => ['POST', `/info-requests/${ids.infoRequest}/corrected-application`],
  },
  'info-request.consultation': {
    request: () => [
      'POST',
      `/info-requests/${ids.infoRequest}/consultation`,
      { consultee: 'THIRD_PARTY', party: '矩阵测试', startedAt: '2199-01-01T00:00:00Z' },
    ],
  },
  'info-request.consultation-end': {
    request: () => ['POST', `/info-requests/${ids.infoRequest}/consultation-end`],
  },
  'info-request.extension': {
    request: () => [
      'POST',
      `/info-requests/${ids.infoRequest}/extension`,
      { reason: '矩阵测试', period: { length: 25, unit: 'DAYS', calendar: 'WORKING' } },
    ],
  },
  'info-request.answer': {
    request: () => [
      'POST',
      `/info-requests/${ids.infoRequest}/answer`,
      { answerType: 'DISCLOSED', answeredAt: '2199-01-01T00:00:00Z' },
    ],
  },
  'info-request.abandonment': {
    request: () => ['POST', `/info-requests/${ids.infoRequest}/abandonment`],
  },
  'info-request.withdrawal': {
    request: () => ['POST', `/info-requests/${ids.infoRequest}/withdrawal`, { reason: '矩阵测试' }],
  },
  // Each command is refused by the matter's rules (422) where it would change it: an outcome of
  // the other kind, a court session without the leader named, dates in the future.
  'litigation.create': {
    request: () => [
      'POST',
      '/litigation',
      {
        kind: 'RECONSIDERATION',
        documentNumber: '矩阵测试',
        decisionSummary: '罚款',
        claimantName: '矩阵测试',
        forum: '某区人民政府',
        copyReceivedAt: '2026-01-05T09:00:00+08:00',
        unitId: world.unitA,
      },
    ],
  },
  'litigation.list': {
    request: () => ['GET', '/litigation?limit=200'],
    shows: (body) => body.items.some((m: Json) => m.id === ids.matter),
  },
  'litigation.get': { request: () => ['GET', `/litigation/${ids.matter}`] },
  'litigation.answer': {
    request: () => [
      'POST',
      `/litigation/${ids.matter}/answer`,
      { submittedAt: '2199-01-01T00:00:00Z' },
    ],
  },
  'litigation.hearing': {
    request: () => [
      'POST',
      `/litigation/${ids.matter}/hearing`,
      {
        hearingAt: '2199-01-01T00:00:00Z',
        leaderAppeared: true,
        leader: { name: '矩阵', post: '局长' },
      },
    ],
  },
  'litigation.outcome': {
    request: () => ['POST', `/litigation/${ids.matter}/outcome`, { outcome: 'UPHELD' }],
  },
  'litigation.performance': {
    request: () => ['POST', `/litigation/${ids.matter}/performance`, { note: '矩阵测试' }],
  },
  'codec.decode': {
    request: () => ['POST', '/codec/decode', { payloads: [] }],
    // For history readers at the root of the unit tree; the matrix's people all sit below it (the
    // bureau's own are admitted in codec-endpoint.test.ts).
    admitted: () => false,
  },
};

/** Which roles see the in-scope fixture of a list (the others see an empty or unrelated list). */
const LIST_VISIBLE: Record<string, (role: Role) => boolean> = {
  'alarm.list': () => true,
  'case.list': () => true,
  'task.mine': (role) => role === 'JUDGE',
  'escalation.inbox': (role) => role === 'DUTY_LEADER',
  // Each was told of its own step of the case or the alarms (the handler's, the legal review, the
  // approvals of the filing and the transfer, the prosecution, the trial) or of the alarm's
  // escalation (the duty leader).
  'notification.list': (role) =>
    ['HANDLER', 'LEGAL_OFFICER', 'BUREAU_LEADER', 'PROSECUTOR', 'JUDGE', 'DUTY_LEADER'].includes(
      role,
    ),
  'fast-track.court-queue': () => true,
  'fast-track.prosecution-queue': () => true,
  'info-request.list': () => true,
  'litigation.list': () => true,
};

/**
 * The development sign-in answers only with DEV_SIGN_IN and a directory of people, which this
 * file's shared database must not hold (REASSIGN would check against it): workbench.test.ts
 * tests it, on a database of its own.
 */
const DEVELOPMENT_ONLY = ['sign-in.people', 'sign-in.token'];

it('declares a probe for every operation', () => {
  expect(
    operations()
      .map((o) => o.id)
      .filter((id) => !DEVELOPMENT_ONLY.includes(id))
      .sort(),
  ).toEqual(Object.keys(PROBES).sort());
});

describe.each(Object.keys(PROBES))('%s', (id) => {
  const spec = () => operations().find((o) => o.id === id)!;

  it.each(STAFF_ROLES.map((role) => [role]))('as %s, in scope and out of scope', async (role) => {
    const probe = PROBES[id]!;
    const roles = spec().roles;
    const [method, path, body] = probe.request(role);
    const admittedByOperation = roles === 'PUBLIC' || roles.includes(role);
    const admitted = admittedByOperation && (probe.admitted?.(role) ?? true);
    const inScope = await call(method, path, { token: await tokenFor(role, true), body });
    const outOfScope = await call(method, path, { token: await tokenFor(role, false), body });
    const why = JSON.stringify({ inScope: inScope.body, outOfScope: outOfScope.body }).slice(
      0,
      600,
    );

    // A named case, alarm or escalation out of scope is answered as one that does not exist.
    const subjectRoute = spec().path.includes('/:');
    if (!admitted) {
      // Refused: for its role, or (on a named subject checked before the role) as out of scope.
      const refused = subjectRoute ? [403, 404] : [403];
      expect([refused.includes(inScope.status), why]).toEqual([true, why]);
      expect(inScope.body.detail).toBeTruthy();
      expect([refused.includes(outOfScope.status), why]).toEqual([true, why]);
      return;
    }
    expect([[401, 403].includes(inScope.status), why]).toEqual([false, why]);
    expect([inScope.status < 500, why]).toEqual([true, why]);
    if (roles === 'PUBLIC' || probe.own) {
      expect(outOfScope.status).toBe(inScope.status);
    } else if (probe.shows) {
      expect(outOfScope.status).toBe(200);
      expect(probe.shows(outOfScope.body)).toBe(false);
      expect(probe.shows(inScope.body)).toBe(LIST_VISIBLE[id]!(role));
    } else {
      // A unit out of scope (a registration, an evaluation) is refused.
      const outOfScopeStatus = subjectRoute ? 404 : 403;
      expect([outOfScope.status, why]).toEqual([outOfScopeStatus, why]);
    }
  });

  it('needs a token unless it is public, and answers 401 with a problem body without one', async () => {
    expect(spec().roles === 'PUBLIC').toBe(PUBLIC_OPERATIONS.includes(id));
    const [method, path, body] = PROBES[id]!.request('HANDLER');
    for (const token of [undefined, 'not-a-jwt']) {
      const reply = await call(method, path, { token, body });
      if (PUBLIC_OPERATIONS.includes(id)) {
        expect(reply.status).toBeLessThan(300);
        continue;
      }
      expect(reply.status).toBe(401);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(reply.body.detail).toBeTruthy();
    }
  });
});

it('lets a leader oversee the units below theirs, but a handler only their own unit', async () => {
  const leaderAtRoot = await app.token(person('UNIT_LEADER', { unit: world.root }));
  const handlerAtRoot = await app.token(person('HANDLER', { unit: world.root }));
  expect((await call('GET', `/cases/${ids.case1}`, { token: leaderAtRoot })).status).toBe(200);
  expect((await call('GET', `/cases/${ids.case1}`, { token: handlerAtRoot })).status).toBe(404);
  const listed = await call('GET', `/cases?unit=${world.unitA}`, { token: leaderAtRoot });
  expect(listed.body.items.map((c: Json) => c.id)).toContain(ids.case1);
  // A search reads cases too: it is in the audit trail with what was asked.
  const audited = await app.pool.query<{ path: string; subject_id: string | null }>(
    `SELECT path, subject_id FROM request_audit WHERE action = 'case.list' AND actor_id = $1`,
    [person('UNIT_LEADER', { unit: world.root }).id],
  );
  expect(audited.rows).toEqual([{ path: `/cases?unit=${world.unitA}`, subject_id: null }]);
});

it('records every request about a case or alarm in the audit trail, refused ones too', async () => {
  const rows = await app.pool.query<{ action: string; outcome: number }>(
    `SELECT action, outcome FROM request_audit WHERE subject_id = $1 ORDER BY seq`,
    [ids.case1],
  );
  const seen = rows.rows.map((r) => `${r.action} ${r.outcome}`);
  expect(seen).toContain('case.get 200');
  expect(seen).toContain('case.get 404');
  expect(seen).toContain('case.action 422');
  expect(seen).toContain('public.case-status 200');
});
