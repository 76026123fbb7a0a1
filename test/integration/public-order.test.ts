// The public-order (治安) procedure (issue 11 item 3) as people meet it through the API, on the real
// Temporal server and PostgreSQL: a summoned person's questioning, shortened to seconds here, runs
// into its limit and goes overdue to the station's leader until it is ended; the case is taken by
// the fast procedure, converted to the normal one, its penalty decided at the station's level and
// served; another case closes by mediation; bad input is refused with what was wrong.
import { approveProposals, caller, caseViaApi, person, testWorld } from '../support/api';
import { eventually, startTestApp, type TestApp } from '../support/app';
import { fittingFastProcedureFacts } from '../support/fixtures';
import type { Json } from '../support/http';

const world = testWorld();
let app: TestApp;
let call: ReturnType<typeof caller>;
const t: Record<string, string> = {};
const HOUR = 3_600_000;

beforeAll(async () => {
  app = await startTestApp({
    withWorker: true,
    // The questioning runs 3 s (all its variants alike); the fast procedure keeps its 48 hours.
    policyOverrides: {
      ADMIN_QUESTIONING: {
        period: { length: 3, unit: 'SECONDS' },
        grace: { length: 600, unit: 'SECONDS' },
      },
    },
  });
  call = caller(app);
  t.handler = await app.token(person('HANDLER', { unit: world.unitA }, 'officer-li'));
  t.legal = await app.token(person('LEGAL_OFFICER', { unit: world.root }, 'legal-wang'));
  t.leader = await app.token(person('UNIT_LEADER', { unit: world.unitA }, 'leader-zhao'));
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

const publicOrderCase = async () =>
  (await caseViaApi(call, t.handler!, world.unitA, 'officer-li', 'ADMINISTRATIVE')).caseId;

const deadline = (view: Json, policy: string) =>
  (view.deadlines as Json[]).find((d) => d.policyCode === policy);

const FITS = fittingFastProcedureFacts;

describe('a public-order case', () => {
  it('questions a summoned person past the limit, escalated, then takes the fast procedure, converts it, decides and serves the penalty', async () => {
    const caseId = await publicOrderCase();
    const act = (token: string, action: string, fields: Json = {}) =>
      call('POST', `/cases/${caseId}/actions`, { token, body: { action, fields } });
    const measure = (body: Json) =>
      call('POST', `/cases/${caseId}/measures`, { token: t.handler, body });

    const arrivedAt = new Date(Date.now() - 1000).toISOString();
    const unexplained = await measure({ event: 'SUMMONED' });
    expect(unexplained.status).toBe(422);
    expect(unexplained.body.detail).toContain('send arrivedAt');
    const summoned = await measure({ event: 'SUMMONED', arrivedAt, ground: 'DETENTION_POSSIBLE' });
    expect(summoned.status).toBe(200);
    const questioning = deadline(summoned.body, 'ADMIN_QUESTIONING');
    expect(questioning).toMatchObject({ openedAt: arrivedAt, variant: 'DETENTION_POSSIBLE' });
    expect(summoned.body.arrivedAt).toBe(arrivedAt);

    // The shortened limit passes: the station's leader is told, the questioning is overdue.
    const inbox = await eventually(
      () => ok('GET', '/me/escalations', t.leader!),
      (body) => body.items.some((e: Json) => e.task.id === questioning.taskId),
    );
    expect(inbox.items.find((e: Json) => e.task.id === questioning.taskId).level).toBe(
      'FIRST_LEVEL',
    );
    const ended = await measure({ event: 'QUESTIONING_ENDED', reason: '询问完毕，已离开' });
    expect(ended.status).toBe(200);
    expect(deadline(ended.body, 'ADMIN_QUESTIONING')).toMatchObject({
      overdue: true,
      completedAt: expect.any(String),
    });

    // The fast procedure: refused where it does not fit, then chosen; its 48 hours from arrival.
    const misfit = await act(t.handler!, 'CHOOSE_FAST_PROCEDURE', {
      fastProcedureFacts: { ...FITS, hearingRequired: true },
    });
    expect(misfit.status).toBe(422);
    expect(misfit.body.detail).toContain('hearingRequired (依法应当适用听证程序)');
    const fast = await ok('POST', `/cases/${caseId}/actions`, t.handler!, {
      action: 'CHOOSE_FAST_PROCEDURE',
      fields: { fastProcedureFacts: FITS },
    });
    expect(fast.procedure).toBe('FAST');
    const fastClock = deadline(fast, 'FAST_ADMIN_DECISION');
    expect(Date.parse(fastClock.dueAt) - Date.parse(arrivedAt)).toBe(48 * HOUR);

    // It no longer fits: converted to the normal procedure, the 48 hours end.
    const converted = await ok('POST', `/cases/${caseId}/actions`, t.handler!, {
      action: 'CONVERT_TO_NORMAL_PROCEDURE',
      fields: { reason: '违法嫌疑人对违法事实提出异议' },
    });
    expect(converted.procedure).toBe('NORMAL');
    expect(deadline(converted, 'FAST_ADMIN_DECISION').completedAt).toEqual(expect.any(String));

    await ok('POST', `/cases/${caseId}/actions`, t.handler!, { action: 'SUBMIT_FOR_LEGAL_REVIEW' });
    await ok('POST', `/cases/${caseId}/actions`, t.legal!, { action: 'APPROVE_LEGAL_REVIEW' });
    // A fine of 500 yuan is the station's to decide: its leader approves it.
    const proposed = await ok('POST', `/cases/${caseId}/actions`, t.handler!, {
      action: 'DECIDE_PENALTY',
      fields: { penalty: '罚款五百元', penaltyKind: 'FINE', fineYuan: 500 },
    });
    expect(proposed.proposals.map((p: Json) => p.waitingFor.code)).toEqual(['UNIT_LEADER']);
    const decided = await approveProposals(call, caseId, {
      HANDLER: t.handler!,
      UNIT_LEADER: t.leader!,
    });
    expect(decided.stage.code).toBe('PENALTY_SERVICE');
    const service = deadline(decided, 'PENALTY_SERVICE');
    expect(service.completedAt).toBeUndefined();
    expect(deadline(decided, 'ADMIN_CASE').completedAt).toEqual(expect.any(String));
    const served = await ok('POST', `/cases/${caseId}/actions`, t.handler!, {
      action: 'SERVE_PENALTY_DECISION',
    });
    expect(served.stage.code).toBe('CLOSED');
    const timeline = await ok('GET', `/cases/${caseId}/timeline`, t.handler!);
    expect(
      timeline.items.map((e: Json) => e.action).filter((a: string) => !a.startsWith('ESCALATION_')),
    ).toEqual([
      'CASE_ACCEPTED',
      'MEASURE_SUMMONED',
      'MEASURE_QUESTIONING_ENDED',
      'CHOOSE_FAST_PROCEDURE',
      'CONVERT_TO_NORMAL_PROCEDURE',
      'SUBMIT_FOR_LEGAL_REVIEW',
      'APPROVE_LEGAL_REVIEW',
      'APPROVAL_PROPOSED',
      'APPROVAL_GRANTED',
      'DECIDE_PENALTY',
      'SERVE_PENALTY_DECISION',
    ]);
  });

  it('closes by mediation, and refuses a summons with a criminal ground or on a criminal case', async () => {
    const caseId = await publicOrderCase();
    const wrongGround = await call('POST', `/cases/${caseId}/measures`, {
      token: t.handler,
      body: { event: 'SUMMONED', arrivedAt: new Date().toISOString(), ground: 'GANG' },
    });
    expect(wrongGround.status).toBe(400);
    expect(wrongGround.body.errors[0].field).toBe('body.ground');
    const criminal = (await caseViaApi(call, t.handler!, world.unitA, 'officer-li')).caseId;
    const summonedCriminal = await call('POST', `/cases/${criminal}/measures`, {
      token: t.handler,
      body: { event: 'SUMMONED', arrivedAt: new Date().toISOString() },
    });
    expect(summonedCriminal.status).toBe(422);
    expect(summonedCriminal.body.detail).toContain('recorded on public-order (治安) cases');

    const mediated = await ok('POST', `/cases/${caseId}/actions`, t.handler!, {
      action: 'CLOSE_BY_MEDIATION',
      fields: { reason: '双方达成调解协议，赔偿医药费八百元，已当场履行' },
    });
    expect(mediated.stage.code).toBe('CLOSED');
    expect(mediated.deadlines.every((d: Json) => d.completedAt)).toBe(true);
  });
});
