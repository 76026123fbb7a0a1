// The criminal side's clocks (issue 11 item 4) as people meet them through the API: detention
// opens three 24-hour clocks (刑事诉讼法 Art. 85–86), each completed by its own record on
// POST /cases/{id}/measures; the family notice, shortened to seconds here, goes overdue and is then
// completed with a statutory ground; bad input is refused with what was wrong.
import { approveProposals, caller, caseViaApi, person, testWorld } from '../support/api';
import { eventually, startTestApp, type TestApp } from '../support/app';
import type { Json } from '../support/http';

const world = testWorld();
let app: TestApp;
let call: ReturnType<typeof caller>;
const t: Record<string, string> = {};
const HOUR = 3_600_000;

beforeAll(async () => {
  app = await startTestApp({
    withWorker: true,
    // The family notice runs 3 s; the other two keep their legal 24 hours.
    policyOverrides: {
      FAMILY_NOTIFICATION: {
        period: { length: 3, unit: 'SECONDS' },
        grace: { length: 600, unit: 'SECONDS' },
      },
    },
  });
  call = caller(app);
  t.handler = await app.token(person('HANDLER', { unit: world.unitA }, 'officer-li'));
  t.leader = await app.token(person('UNIT_LEADER', { unit: world.unitA }, 'leader-zhao'));
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

async function criminalCase(): Promise<string> {
  return (await caseViaApi(call, t.handler!, world.unitA, 'officer-li')).caseId;
}

const deadline = (view: Json, policy: string) =>
  (view.deadlines as Json[]).find((d) => d.policyCode === policy)!;

describe('detention’s three 24-hour clocks', () => {
  it('opens them with the detention, completes each by its own record, and escalates the one missed', async () => {
    const caseId = await criminalCase();
    const measure = (body: Json, token = t.handler) =>
      call('POST', `/cases/${caseId}/measures`, { token, body });
    await ok('POST', `/cases/${caseId}/actions`, t.handler!, { action: 'FILE' });
    await approveProposals(call, caseId, { HANDLER: t.handler!, BUREAU_LEADER: t.bureau! });

    const detained = await measure({ event: 'DETAIN', reason: '现行犯' });
    expect(detained.status).toBe(200);
    for (const policy of ['DETENTION_HOUSE_DELIVERY', 'FIRST_INTERROGATION']) {
      const clock = deadline(detained.body, policy);
      expect(clock).toMatchObject({ scope: 'MEASURE', ownerRole: 'HANDLER' });
      expect(clock.completedAt).toBeUndefined();
      // 24 hours, counted from the hour after the detention (刑事诉讼法 Art. 105).
      const span = Date.parse(clock.dueAt) - Date.parse(clock.openedAt);
      expect(span).toBeGreaterThan(24 * HOUR);
      expect(span).toBeLessThanOrEqual(25 * HOUR);
      expect(clock.policy.label).toMatch(/拘留后/);
    }
    expect(deadline(detained.body, 'FAMILY_NOTIFICATION').completedAt).toBeUndefined();

    // Bad input, refused with what was wrong.
    const unknown = await measure({ event: 'NOTIFY_RELATIVES' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('NOTIFY_FAMILY');
    const badGround = await measure({ event: 'FAMILY_NOT_NOTIFIED', ground: 'TOO_FAR' });
    expect(badGround.status).toBe(400);
    expect(JSON.stringify(badGround.body)).toContain('UNABLE_TO_NOTIFY');
    const noGround = await measure({ event: 'FAMILY_NOT_NOTIFIED' });
    expect(noGround.status).toBe(422);
    expect(JSON.stringify(noGround.body)).toContain('requires the ground the law allows');
    const byLeader = await measure({ event: 'FIRST_INTERROGATION' }, t.leader);
    expect(byLeader.status).toBe(403);

    const delivered = await measure({ event: 'DELIVER_TO_DETENTION_HOUSE' });
    expect(delivered.status).toBe(200);
    expect(deadline(delivered.body, 'DETENTION_HOUSE_DELIVERY').completedAt).toBeDefined();
    const questioned = await measure({ event: 'FIRST_INTERROGATION', reason: '制作讯问笔录' });
    expect(questioned.status).toBe(200);
    expect(deadline(questioned.body, 'FIRST_INTERROGATION')).toMatchObject({
      completedAt: expect.any(String),
      overdue: false,
    });
    const twice = await measure({ event: 'FIRST_INTERROGATION' });
    expect(twice.status).toBe(422);
    expect(JSON.stringify(twice.body)).toContain('no such deadline is open');

    // The family notice (3 s here) runs out: overdue, to the unit leader.
    const overdue = await eventually(
      () => ok('GET', `/cases/${caseId}`, t.handler!),
      (view) => deadline(view, 'FAMILY_NOTIFICATION').overdue === true,
    );
    expect(deadline(overdue, 'FAMILY_NOTIFICATION').fired).toEqual(['REMINDER', 'FIRST_LEVEL']);
    const escalated = (overdue.escalations as Json[]).find(
      (e) =>
        e.taskId === deadline(overdue, 'FAMILY_NOTIFICATION').taskId &&
        e.level.code === 'FIRST_LEVEL',
    );
    expect(escalated?.role).toBe('UNIT_LEADER');

    // Then recorded with the ground the law allows: the clock completes, late.
    const withGround = await measure({
      event: 'FAMILY_NOT_NOTIFIED',
      ground: 'UNABLE_TO_NOTIFY',
      reason: '犯罪嫌疑人拒绝提供家属信息，经查无法联系',
    });
    expect(withGround.status).toBe(200);
    expect(deadline(withGround.body, 'FAMILY_NOTIFICATION')).toMatchObject({
      completedAt: expect.any(String),
      overdue: true,
    });
    // Still detained: the request for arrest runs on.
    expect(withGround.body.measure.code).toBe('DETAINED');
    expect(deadline(withGround.body, 'ARREST_REQUEST').completedAt).toBeUndefined();

    const timeline = await ok('GET', `/cases/${caseId}/timeline`, t.handler!);
    const recorded = (timeline.items as Json[]).filter((e) =>
      [
        'MEASURE_DELIVER_TO_DETENTION_HOUSE',
        'MEASURE_FIRST_INTERROGATION',
        'MEASURE_FAMILY_NOT_NOTIFIED',
      ].includes(e.action),
    );
    expect(recorded.map((e) => e.action)).toEqual([
      'MEASURE_DELIVER_TO_DETENTION_HOUSE',
      'MEASURE_FIRST_INTERROGATION',
      'MEASURE_FAMILY_NOT_NOTIFIED',
    ]);
    expect(recorded[2]).toMatchObject({
      data: { ground: 'UNABLE_TO_NOTIFY', groundLabel: '无法通知' },
    });
  });
});
