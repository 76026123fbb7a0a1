// Issue 9's attacks, each as an attacker or a careless client would try it on a running system:
// input that used to wedge a case or answer 500, a decision taken twice, a subject's existence
// confirmed by its status, and a flood of requests that name nobody.
import { caller, caseViaApi, okBody, person, testWorld } from '../support/api';
import { eventually, startTestApp, type TestApp } from '../support/app';

const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });
const world = testWorld();
const UNAUTHENTICATED_PER_MINUTE = 30;
let app: TestApp;
let call: ReturnType<typeof caller>;
let handler: string;
let leader: string;
let bureauLeader: string;

beforeAll(async () => {
  app = await startTestApp({
    withWorker: true,
    // The filing review falls due 2 s after acceptance, a tier-1 alarm's arrival 1 s after its
    // call: their first-level escalations go to the station's leader at once; the second level
    // is an hour away.
    policyOverrides: {
      FILING_REVIEW: { period: seconds(2), grace: seconds(3600) },
      ALARM_ARRIVAL_TIER_1: { period: seconds(1), grace: seconds(3600) },
    },
    unauthenticatedPerMinute: UNAUTHENTICATED_PER_MINUTE,
  });
  call = caller(app);
  handler = await app.token(person('HANDLER', { unit: world.unitA }, `officer-${world.unitA}`));
  leader = await app.token(person('UNIT_LEADER', { unit: world.unitA }));
  bureauLeader = await app.token(person('BUREAU_LEADER', { unit: world.root }));
});
afterAll(() => app.close());

const openCase = () => caseViaApi(call, handler, world.unitA, `officer-${world.unitA}`);

it('refuses a NUL or another control character in any text field with a 400 naming the field, and the case goes on', async () => {
  const alarm = await call('POST', '/alarms', {
    token: handler,
    body: {
      source: 'CALL_110',
      category: 'CRIME',
      responseTier: 2,
      unitId: world.unitA,
      summary: '电动车被盗\u0000',
    },
  });
  expect(alarm.status).toBe(400);
  expect(alarm.body.errors).toEqual([
    { field: 'body.summary', rule: 'must not contain control characters (U+0000 at position 6)' },
  ]);

  const { caseId } = await openCase();
  const declined = await call('POST', `/cases/${caseId}/actions`, {
    token: handler,
    body: { action: 'DECLINE_FILING', fields: { reason: '不构成\u001b犯罪' } },
  });
  expect(declined.status).toBe(400);
  expect(declined.body.errors[0].field).toBe('body.fields.reason');
  // Newlines and tabs are text a person writes: they pass.
  const filed = await call('POST', `/cases/${caseId}/actions`, {
    token: handler,
    body: { action: 'FILE', fields: { reason: '经审查\n符合立案条件\t（盗窃）' } },
  });
  expect(filed.status).toBe(200);
  expect(filed.body.proposals[0].subject.fields.reason).toBe('经审查\n符合立案条件\t（盗窃）');
});

it('answers 400, never 500, for years the calendar cannot hold, NUL in a query and a tampered cursor', async () => {
  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const attempts: Array<[string, string, unknown?]> = [
    ['GET', '/cases?dueBefore=0000-01-01T00:00:00Z'],
    ['GET', '/cases?dueBefore=9999-12-31T23:59:59%2B08:00'],
    ['GET', '/cases?handler=officer%00'],
    ['GET', `/cases?cursor=${cursorOf({ at: '2026-01-01T00:00:00Z', id: 'case-\u0000' })}`],
    ['GET', `/cases?cursor=${cursorOf({ at: '0000-01-01T00:00:00Z', id: 'case-1' })}`],
    ['GET', `/cases?cursor=${cursorOf(null)}`],
    [
      'POST',
      '/deadlines/explain',
      { policy: 'FILING_REVIEW', triggeredAt: '9999-12-31T23:59:59+08:00' },
    ],
    [
      'POST',
      '/deadlines/explain',
      { policy: 'FILING_REVIEW', triggeredAt: '0000-01-01T00:00:00+08:00' },
    ],
  ];
  for (const [method, path, body] of attempts) {
    const reply = await call(method as 'GET' | 'POST', path, {
      token: handler,
      ...(body ? { body } : {}),
    });
    expect([path, reply.status]).toEqual([path, 400]);
  }
});

it('refuses a pause until the year 9990', async () => {
  const { caseId } = await openCase();
  const reply = await call('POST', `/cases/${caseId}/pauses`, {
    token: handler,
    body: {
      taskId: `${caseId}:FILING_REVIEW:1`,
      reason: 'APPRAISAL',
      from: '2026-12-01T09:00:00+08:00',
      to: '9990-01-01T00:00:00+08:00',
    },
  });
  expect(reply.status).toBe(400);
  expect(reply.body.errors[0].field).toBe('body.to');
});

it('lets one decision answer an escalation: two leaders at once get one decision, and a decided escalation is not decided again', async () => {
  const { caseId } = await openCase();
  const escalationId = `${caseId}:FILING_REVIEW:1:FIRST_LEVEL`;
  await eventually(
    () => call('GET', '/me/escalations', { token: leader }),
    (r) => r.status === 200 && r.body.items.some((e: { id: string }) => e.id === escalationId),
  );
  const reassign = (token: string, to: string) =>
    call('POST', `/escalations/${escalationId}/decision`, {
      token,
      body: { decision: 'REASSIGN', handlerId: to, reason: '原承办人休假' },
    });
  const both = await Promise.all([
    reassign(leader, `officer-zhang-${world.unitA}`),
    reassign(bureauLeader, `officer-wang-${world.unitA}`),
  ]);
  expect(both.map((r) => r.status).sort()).toEqual([200, 422]);
  const winner = both.find((r) => r.status === 200)!;
  const loser = both.find((r) => r.status === 422)!;
  expect(loser.body.detail).toMatch(/already been answered/);

  // The loser's reassignment was not applied: the case and its open step are the winner's.
  const handlerId: string = winner.body.case.handlerId;
  expect([`officer-zhang-${world.unitA}`, `officer-wang-${world.unitA}`]).toContain(handlerId);
  const seen = await okBody(call('GET', `/cases/${caseId}`, { token: leader }), 'read the case');
  expect(seen.handlerId).toBe(handlerId);
  const task = await app.prisma.task.findUniqueOrThrow({
    where: { id: `${caseId}:FILING_REVIEW:1` },
  });
  expect(task.ownerId).toBe(handlerId);
  const escalation = await app.prisma.escalation.findUniqueOrThrow({ where: { id: escalationId } });
  expect(escalation.answer).toBe('REASSIGNED');

  const again = await call('POST', `/escalations/${escalationId}/decision`, {
    token: leader,
    body: { decision: 'ORDER', instruction: '立即立案审查' },
  });
  expect(again.status).toBe(422);
  expect(again.body.detail).toMatch(/already been answered/);
  const timeline = await app.prisma.auditEvent.findMany({ where: { subjectId: caseId } });
  expect(timeline.filter((e) => e.action === 'REASSIGNED')).toHaveLength(1);
  expect(timeline.filter((e) => e.action === 'ESCALATION_DECIDED')).toHaveLength(1);
  expect(timeline.filter((e) => e.action === 'ACTION_ORDERED')).toHaveLength(0);
});

it('refuses an arrival, a disposition or an acknowledgement on a disposed alarm with 422, not a 404 as if it did not exist', async () => {
  const alarm = await okBody(
    call('POST', '/alarms', {
      token: handler,
      body: {
        source: 'CALL_110',
        category: 'DISPUTE',
        responseTier: 1,
        unitId: world.unitA,
        summary: '噪音扰民',
      },
    }),
    'register the alarm',
  );
  // An alarm's first level goes to the duty leader.
  const dutyLeader = await app.token(person('DUTY_LEADER', { unit: world.unitA }));
  const escalationId = `${alarm.id}:ARRIVAL:FIRST_LEVEL`;
  await eventually(
    () => call('GET', '/me/escalations', { token: dutyLeader }),
    (r) => r.status === 200 && r.body.items.some((e: { id: string }) => e.id === escalationId),
  );
  const disposed = await call('POST', `/alarms/${alarm.id}/disposition`, {
    token: handler,
    body: { disposition: 'RESOLVED_ON_SCENE', reason: '现场调解完毕' },
  });
  expect(disposed.status).toBe(200);

  // Its workflow has ended: each is refused by the alarm's state, and the alarm is still there.
  const attempts = await Promise.all([
    call('POST', `/alarms/${alarm.id}/arrival`, { token: handler }),
    call('POST', `/alarms/${alarm.id}/disposition`, {
      token: handler,
      body: { disposition: 'TRANSFERRED', agency: '交警大队' },
    }),
    call('POST', `/escalations/${escalationId}/acknowledgement`, { token: dutyLeader, body: {} }),
  ]);
  expect(attempts.map((r) => [r.status, r.body.detail])).toEqual(
    attempts.map(() => [422, expect.stringMatching(/disposed of/)]),
  );
  expect((await call('GET', `/alarms/${alarm.id}`, { token: handler })).status).toBe(200);
});

it("answers another unit's case exactly as a case that does not exist", async () => {
  const { caseId } = await openCase();
  const stranger = await app.token(person('HANDLER', { unit: world.unitB }));
  const missing = caseId.replace(/.{4}$/, '0000');
  const theirs = await call('GET', `/cases/${caseId}`, { token: stranger });
  const nobodys = await call('GET', `/cases/${missing}`, { token: stranger });
  expect(theirs.status).toBe(404);
  expect(nobodys.status).toBe(404);
  expect(theirs.body.detail.replace(caseId, 'ID')).toBe(nobodys.body.detail.replace(missing, 'ID'));
  const acting = await call('POST', `/cases/${caseId}/actions`, {
    token: stranger,
    body: { action: 'FILE' },
  });
  expect(acting.status).toBe(404);
});

it('audits a refused body that carried a token (malformed JSON, too large)', async () => {
  const actorId = `officer-${world.unitA}`;
  const refusedRows = async () =>
    (
      await app.pool.query<{ outcome: number }>(
        `SELECT outcome FROM request_audit WHERE actor_id = $1 AND action = 'request.refused' ORDER BY seq`,
        [actorId],
      )
    ).rows.map((r) => r.outcome);
  const before = await refusedRows();
  const malformed = await call('POST', '/alarms', { token: handler, raw: '{"source": ' });
  expect(malformed.status).toBe(400);
  const huge = await call('POST', '/alarms', {
    token: handler,
    body: { summary: '长'.repeat(70_000) },
  });
  expect(huge.status).toBe(413);
  expect(await refusedRows()).toEqual([...before, 400, 413]);
});

it('counts requests without a valid token instead of chaining each into the audit, and slows an address that floods them', async () => {
  const anonymousRows = async () =>
    Number(
      (
        await app.pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM request_audit WHERE actor_id = 'anonymous'`,
        )
      ).rows[0]!.n,
    );
  const counted = async () => {
    const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
    const line = (status: number) =>
      new RegExp(
        `^case_orchestrator_unauthenticated_requests_total\\{status="${status}"\\} (\\d+)$`,
        'm',
      );
    return [401, 429].map((status) => Number(line(status).exec(text)?.[1] ?? 0)) as [
      number,
      number,
    ];
  };
  const rowsBefore = await anonymousRows();
  const [before401, before429] = await counted();

  const statuses: number[] = [];
  for (let i = 0; i < UNAUTHENTICATED_PER_MINUTE + 10; i += 1) {
    const token = i % 2 === 0 ? undefined : 'not.a.token';
    statuses.push((await call('GET', '/cases', token ? { token } : {})).status);
  }
  // This file sent no other token-less request: the first ones are refused, the rest slowed.
  expect(statuses.filter((s) => s === 401)).toHaveLength(UNAUTHENTICATED_PER_MINUTE);
  expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  expect(await anonymousRows()).toBe(rowsBefore);
  expect(await counted()).toEqual([before401 + UNAUTHENTICATED_PER_MINUTE, before429 + 10]);

  // A person with a token is not slowed by it.
  expect((await call('GET', '/cases', { token: handler })).status).toBe(200);
});
