// The API as its users meet it: one fast-track case from the alarm to the archive with each
// person's own token (the README's curl walkthrough), tokens that expired or were tampered with,
// idempotent retries, and the parties' look-up with its redaction and rate limit.
import { SignJWT } from 'jose';
import { eligibleFacts } from '../support/cases';
import { signedPleaAgreement } from '../support/fixtures';
import { approveProposals, caller, person, testWorld } from '../support/api';
import { eventually, startTestApp, type TestApp } from '../support/app';
import type { Json } from '../support/http';

const world = testWorld();
let app: TestApp;
let call: ReturnType<typeof caller>;
const t: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp({ withWorker: true, publicLookupsPerMinute: 5 });
  call = caller(app);
  t.handler = await app.token(person('HANDLER', { unit: world.unitA }, 'officer-li'));
  t.legal = await app.token(person('LEGAL_OFFICER', { unit: world.root }, 'legal-wang'));
  t.leader = await app.token(person('UNIT_LEADER', { unit: world.unitA }, 'leader-zhao'));
  t.prosecutor = await app.token(person('PROSECUTOR', { org: world.procuratorate }, 'jcg-chen'));
  t.judge = await app.token(person('JUDGE', { org: world.court }, 'judge-sun'));
  t.center = await app.token(person('CASE_CENTER', { unit: world.root }, 'center-zhou'));
  t.bureau = await app.token(person('BUREAU_LEADER', { unit: world.root }, 'leader-qian'));
});

afterAll(async () => {
  await app?.close();
});

async function ok(method: 'GET' | 'POST', path: string, token: string, body?: unknown) {
  const reply = await call(method, path, { token, body });
  if (reply.status >= 300)
    throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as Json;
}

async function newCase(): Promise<{ alarmId: string; caseId: string; queryCode: string }> {
  const alarm = await ok('POST', '/alarms', t.handler!, {
    source: 'CALL_110',
    category: 'CRIME',
    responseTier: 2,
    unitId: world.unitA,
    summary: '小区车棚电动车被盗',
    reporterName: '王某某',
  });
  await eventually(
    () => call('GET', `/alarms/${alarm.id}`, { token: t.handler }),
    (r) => r.status === 200,
  );
  await ok('POST', `/alarms/${alarm.id}/arrival`, t.handler!);
  const disposed = await ok('POST', `/alarms/${alarm.id}/disposition`, t.handler!, {
    disposition: 'CONVERTED_TO_CASE',
    newCase: { kind: 'CRIMINAL', title: '王某某电动车被盗案', handlerId: 'officer-li' },
  });
  const caseId = disposed.state.disposition.caseId as string;
  const found = await eventually(
    () => call('GET', `/cases/${caseId}`, { token: t.handler }),
    (r) => r.status === 200,
  );
  return { alarmId: alarm.id, caseId, queryCode: found.body.queryCode };
}

describe('a fast-track case from alarm to archive, each person with their own token', () => {
  it('goes through the police, the procuratorate and the court, and is archived', async () => {
    const { caseId } = await newCase();
    const act = (token: string, action: string, fields: Json = {}) =>
      ok('POST', `/cases/${caseId}/actions`, token, { action, fields });

    // 立案 is proposed by the handler and approved by the bureau's leader (审批).
    const proposed = await act(t.handler!, 'FILE');
    expect(proposed.stage.code).toBe('FILING_REVIEW');
    expect(proposed.proposals.map((p: Json) => p.waitingFor.code)).toEqual(['BUREAU_LEADER']);
    const approvers = { HANDLER: t.handler!, BUREAU_LEADER: t.bureau! };
    expect((await approveProposals(call, caseId, approvers)).stage.code).toBe('INVESTIGATION');
    await act(t.handler!, 'SUBMIT_FOR_LEGAL_REVIEW');
    await act(t.legal!, 'APPROVE_LEGAL_REVIEW');
    // The prosecutor cannot see the case before it is handed to their procuratorate: to them it
    // does not exist yet.
    expect((await call('GET', `/cases/${caseId}`, { token: t.prosecutor })).status).toBe(404);
    await act(t.handler!, 'TRANSFER_FOR_PROSECUTION', {
      suggestedRoute: 'FAST_TRACK',
      fastTrackFacts: eligibleFacts,
      prosecutionOrg: world.procuratorate,
    });
    // The 起诉意见书 waits for the bureau's leader: until then the procuratorate has nothing.
    expect((await call('GET', `/cases/${caseId}`, { token: t.prosecutor })).status).toBe(404);
    await approveProposals(call, caseId, approvers);
    // Each queue offers what the rules allow now: first the acceptance (受理), then the rest,
    // with the review or trial clock that the acceptance started.
    const inQueue = async (path: string, token: string, accepted: boolean) => {
      const body = await eventually(
        () => ok('GET', path, token),
        (b) => b.items.some((c: Json) => c.id === caseId && c.accepted === accepted),
      );
      return body.items.find((c: Json) => c.id === caseId);
    };
    expect(await inQueue('/fast-track/prosecution', t.prosecutor!, false)).toMatchObject({
      actions: ['PROSECUTION_ACCEPT'],
      dueAt: null,
    });
    await act(t.prosecutor!, 'PROSECUTION_ACCEPT', {
      route: 'FAST_TRACK',
      fastTrackFacts: eligibleFacts,
      ...signedPleaAgreement,
    });
    expect(await inQueue('/fast-track/prosecution', t.prosecutor!, true)).toMatchObject({
      actions: ['RETURN_FOR_SUPPLEMENTARY_INVESTIGATION', 'INDICT', 'DECLINE_PROSECUTION'],
      step: 'PROSECUTION_REVIEW_FAST_TRACK',
      dueAt: expect.any(String),
    });
    await act(t.prosecutor!, 'INDICT', {
      sentencingProposal: '有期徒刑一年六个月',
      courtOrg: world.court,
    });
    expect(await inQueue('/fast-track/court', t.judge!, false)).toMatchObject({
      actions: ['COURT_ACCEPT'],
    });
    await act(t.judge!, 'COURT_ACCEPT');
    expect(await inQueue('/fast-track/court', t.judge!, true)).toMatchObject({
      actions: ['CONVERT_PROCEDURE', 'PRONOUNCE_JUDGMENT'],
      step: 'FAST_TRACK_TRIAL',
    });
    await act(t.judge!, 'PRONOUNCE_JUDGMENT', { judgment: '判处有期徒刑一年六个月' });
    const archived = await act(t.center!, 'ARCHIVE');
    expect(archived.stage.code).toBe('ARCHIVED');

    const timeline = await ok('GET', `/cases/${caseId}/timeline`, t.leader!);
    const actions = timeline.items.map((e: Json) => `${e.action} ${e.actor.id}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'CASE_ACCEPTED officer-li',
        'APPROVAL_PROPOSED officer-li',
        'APPROVAL_GRANTED leader-qian',
        'FILE officer-li',
        'APPROVE_LEGAL_REVIEW legal-wang',
        'TRANSFER_FOR_PROSECUTION officer-li',
        'INDICT jcg-chen',
        'PRONOUNCE_JUDGMENT judge-sun',
        'ARCHIVE center-zhou',
      ]),
    );
    const listed = await ok('GET', `/cases?stage=ARCHIVED&unit=${world.unitA}`, t.leader!);
    expect(listed.items.map((c: Json) => c.id)).toEqual([caseId]);
  });

  it('answers an action in the wrong stage with 422 and the rule, and changes nothing', async () => {
    const { caseId } = await newCase();
    const before = await ok('GET', `/cases/${caseId}/timeline`, t.handler!);
    const reply = await call('POST', `/cases/${caseId}/actions`, {
      token: t.handler,
      body: { action: 'SUBMIT_FOR_LEGAL_REVIEW' },
    });
    expect(reply.status).toBe(422);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body.detail).toBe(
      'SUBMIT_FOR_LEGAL_REVIEW (提交法制审核) is not allowed in stage FILING_REVIEW (立案审查); it is allowed in INVESTIGATION.',
    );
    const after = await ok('GET', `/cases/${caseId}/timeline`, t.handler!);
    expect(after.items).toEqual(before.items);
  });

  it('shows each person the work waiting for them, soonest due first', async () => {
    const { caseId } = await newCase();
    const mine = await ok('GET', '/me/tasks', t.handler!);
    const dues = mine.items.map((task: Json) => Date.parse(task.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(mine.items.map((task: Json) => task.links.subject)).toContain(`/cases/${caseId}`);
    const judges = await ok('GET', '/me/tasks', t.judge!);
    expect(judges.items.map((task: Json) => task.links.subject)).not.toContain(`/cases/${caseId}`);
  });
});

describe('tokens', () => {
  it('refuses an expired token and a tampered one with 401 and what is wrong', async () => {
    const expired = await app.token(person('HANDLER', { unit: world.unitA }), -10);
    const reply = await call('GET', '/cases', { token: expired });
    expect(reply.status).toBe(401);
    expect(reply.body.detail).toBe('The token has expired.');

    const [header, payload, signature] = t.handler!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const promoted = Buffer.from(
      JSON.stringify({ ...claims, roles: ['BUREAU_LEADER'], unit: world.root }),
    ).toString('base64url');
    const tampered = await call('GET', '/cases', { token: `${header}.${promoted}.${signature}` });
    expect(tampered.status).toBe(401);
    expect(tampered.body.detail).toBe('The token’s signature does not verify.');

    const foreign = await new SignJWT({ name: 'x', roles: ['HANDLER'], unit: world.unitA })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('case-orchestrator')
      .setAudience('case-orchestrator-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another'));
    expect((await call('GET', '/cases', { token: foreign })).status).toBe(401);
  });

  it('refuses a token that does not describe a person the API knows', async () => {
    const noUnit = await new SignJWT({ name: 'x', roles: ['HANDLER'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('case-orchestrator')
      .setAudience('case-orchestrator-api')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(app.identity.secret);
    const reply = await call('GET', '/cases', { token: noUnit });
    expect(reply.status).toBe(401);
    expect(reply.body.detail).toContain('unit is required');
  });
});

describe('idempotent retries', () => {
  it('registers an alarm once when its request is retried with the same key', async () => {
    const body = {
      source: 'WALK_IN',
      responseTier: 3,
      unitId: world.unitA,
      summary: '重复提交测试',
    };
    const first = await call('POST', '/alarms', {
      token: t.handler,
      body,
      idempotencyKey: 'k-alarm-1',
    });
    const retry = await call('POST', '/alarms', {
      token: t.handler,
      body,
      idempotencyKey: 'k-alarm-1',
    });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const rows = await eventually(
      () => app.prisma.alarm.findMany({ where: { summary: '重复提交测试', unitId: world.unitA } }),
      (found) => found.length > 0,
    );
    expect(rows.map((r) => r.id)).toEqual([first.body.id]);

    const other = await call('POST', '/alarms', {
      token: t.handler,
      body: { ...body, summary: '另一件事' },
      idempotencyKey: 'k-alarm-1',
    });
    expect(other.status).toBe(422);
    expect(other.body.title).toBe('Idempotency-Key reused');
  });

  it('takes a case action once when it is retried with the same key', async () => {
    const { caseId } = await newCase();
    const send = () =>
      call('POST', `/cases/${caseId}/actions`, {
        token: t.handler,
        body: { action: 'FILE' },
        idempotencyKey: `file-${caseId}`,
      });
    const first = await send();
    const retry = await send();
    expect(first.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    const timeline = await ok('GET', `/cases/${caseId}/timeline`, t.handler!);
    expect(timeline.items.filter((h: Json) => h.action === 'APPROVAL_PROPOSED')).toHaveLength(1);
    // Without the key, the same request is a new one, and the rules refuse it: one is waiting.
    const again = await call('POST', `/cases/${caseId}/actions`, {
      token: t.handler,
      body: { action: 'FILE' },
    });
    expect(again.status).toBe(422);
  });
});

describe('the public look-up', () => {
  it("shows a party their case's progress without anyone's personal data, and limits the rate", async () => {
    const { caseId, queryCode } = await newCase();
    const reply = await call('GET', `/public/cases/${queryCode}`);
    expect(reply.status).toBe(200);
    expect(reply.body.stage.code).toBe('FILING_REVIEW');
    expect(reply.body.milestones.map((m: Json) => m.action)).toEqual(['CASE_ACCEPTED']);
    expect(reply.body.openDeadlines).toHaveLength(1);
    const text = JSON.stringify(reply.body);
    for (const secret of ['officer-li', '王某某', caseId, 'handlerId', 'actor', 'title']) {
      expect(text).not.toContain(secret);
    }
    const unknown = await call('GET', '/public/cases/ZZZZZZZZZZ');
    expect(unknown.status).toBe(404);
    // The limit is 5 a minute in this app; two were used above.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await call('GET', `/public/cases/${queryCode}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call('GET', `/public/cases/${queryCode}`);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
