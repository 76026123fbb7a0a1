// The corrections of 2026 (issue 11 item 0) as people meet them through the API, on cases that run
// under the patch: the prosecutor decides on arrest while the case is under investigation, the
// police custody clock ends when the case is sent, the procuratorate decides the route and its
// steps go overdue to its own role, measures stay off public-order cases, and a non-filing without
// a complainant owes no notice.
import { approveProposals, caller, caseViaApi, person, testWorld } from '../support/api';
import { startTestApp, type TestApp } from '../support/app';
import type { Json } from '../support/http';

const world = testWorld();
let app: TestApp;
let call: ReturnType<typeof caller>;
const t: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp({ withWorker: true });
  call = caller(app);
  t.handler = await app.token(person('HANDLER', { unit: world.unitA }, 'officer-li'));
  t.legal = await app.token(person('LEGAL_OFFICER', { unit: world.root }, 'legal-wang'));
  t.prosecutor = await app.token(person('PROSECUTOR', { org: world.procuratorate }, 'jcg-chen'));
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

async function newCase(kind: 'CRIMINAL' | 'ADMINISTRATIVE'): Promise<string> {
  return (await caseViaApi(call, t.handler!, world.unitA, 'officer-li', kind)).caseId;
}

const deadline = (view: Json, policy: string) =>
  (view.deadlines as Json[]).find((d) => d.policyCode === policy);

describe('arrest and custody while the case is under investigation', () => {
  it('lets the procuratorate named in the request decide on arrest, and ends the custody clock at transfer', async () => {
    const caseId = await newCase('CRIMINAL');
    const act = (token: string, action: string, fields: Json = {}) =>
      ok('POST', `/cases/${caseId}/actions`, token, { action, fields });
    const measure = (token: string, body: Json) =>
      call('POST', `/cases/${caseId}/measures`, { token, body });

    const approvers = { HANDLER: t.handler!, LEGAL_OFFICER: t.legal!, BUREAU_LEADER: t.bureau! };
    await act(t.handler!, 'FILE');
    await approveProposals(call, caseId, approvers);
    expect((await measure(t.handler!, { event: 'DETAIN' })).status).toBe(200);
    // Not yet handed to any procuratorate: to the prosecutor the case does not exist.
    expect((await call('GET', `/cases/${caseId}`, { token: t.prosecutor })).status).toBe(404);
    const unnamed = await measure(t.handler!, { event: 'REQUEST_ARREST' });
    expect(unnamed.status).toBe(422);
    expect(JSON.stringify(unnamed.body)).toContain('send prosecutionOrg');
    expect(
      (
        await measure(t.handler!, {
          event: 'REQUEST_ARREST',
          prosecutionOrg: world.procuratorate,
        })
      ).status,
    ).toBe(200);

    // The prosecutor now sees the case and records the arrest decision.
    const seen = await ok('GET', `/cases/${caseId}`, t.prosecutor!);
    expect(seen).toMatchObject({
      prosecutionOrg: world.procuratorate,
      measure: { code: 'ARREST_REQUESTED' },
    });
    expect(deadline(seen, 'ARREST_DECISION')?.rungs.map((r: Json) => r.role)).toEqual([
      'PROSECUTOR',
      'PROSECUTOR',
    ]);
    const approved = await measure(t.prosecutor!, { event: 'APPROVE_ARREST' });
    expect(approved.status).toBe(200);
    expect(approved.body.measure.code).toBe('ARRESTED');
    expect(deadline(approved.body, 'CUSTODY_INVESTIGATION')?.completedAt).toBeUndefined();

    await act(t.handler!, 'SUBMIT_FOR_LEGAL_REVIEW');
    await act(t.legal!, 'APPROVE_LEGAL_REVIEW');
    await act(t.handler!, 'TRANSFER_FOR_PROSECUTION', {
      suggestedRoute: 'ORDINARY',
      prosecutionOrg: world.procuratorate,
    });
    const sent = await approveProposals(call, caseId, approvers);
    // Sent for prosecution: the police custody clock has ended; the route is not decided yet.
    expect(deadline(sent, 'CUSTODY_INVESTIGATION')?.completedAt).toBeDefined();
    expect(sent.route).toBeNull();
    const accepted = await act(t.prosecutor!, 'PROSECUTION_ACCEPT', { route: 'ORDINARY' });
    expect(accepted.route).toBe('ORDINARY');
    const review = deadline(accepted, 'PROSECUTION_REVIEW_ORDINARY');
    expect(review?.completedAt).toBeUndefined();
    expect(review?.rungs.map((r: Json) => r.role)).toEqual(['PROSECUTOR', 'PROSECUTOR']);
  });
});

describe('a public-order case', () => {
  it('refuses a criminal coercive measure, saying why', async () => {
    const caseId = await newCase('ADMINISTRATIVE');
    const refused = await call('POST', `/cases/${caseId}/measures`, {
      token: t.handler,
      body: { event: 'DETAIN' },
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain(
      'applies to CRIMINAL (刑事) cases only, and this case is ADMINISTRATIVE',
    );
  });
});

describe('non-filing', () => {
  it('owes no notice without a complainant: the case closes and no notice clock runs', async () => {
    const caseId = await newCase('CRIMINAL');
    await ok('POST', `/cases/${caseId}/actions`, t.handler!, {
      action: 'DECLINE_FILING',
      fields: { reason: '没有犯罪事实', hasComplainant: false },
    });
    const closed = await approveProposals(call, caseId, {
      HANDLER: t.handler!,
      LEGAL_OFFICER: t.legal!,
      BUREAU_LEADER: t.bureau!,
    });
    expect(closed.stage.code).toBe('CLOSED');
    expect(deadline(closed, 'NON_FILING_NOTICE')).toBeUndefined();
  });
});
