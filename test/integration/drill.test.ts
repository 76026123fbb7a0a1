// Drill mode from configuration alone: `npm run api` and `npm run worker` started with
// DRILL_DEADLINES register alarms whose deadlines are shortened and say drill, the what-if
// answers with the drill's rules, and production refuses to start with it.
import { randomUUID } from 'node:crypto';
import { readJson, type Json } from '../support/http';
import { eventually } from '../support/app';
import { freePort } from '../support/ports';
import { runScript, type RunningScript } from '../support/processes';
import { testEnvironment } from '../support/test-env';

const STARTED = /Press Ctrl-C to stop\./;
const running: RunningScript[] = [];

afterAll(async () => {
  for (const script of running) {
    if (script.child.exitCode !== null) continue;
    script.child.kill('SIGTERM');
    await script.exited(30_000).catch(() => script.child.kill('SIGKILL'));
  }
});

function start(script: 'worker' | 'api', env: Record<string, string>) {
  const handle = runScript(script, env);
  running.push(handle);
  return handle;
}

const SHORTENED =
  /^Drill: this system runs in drill mode \(DRILL_DEADLINES\); this deadline is shortened/;
const LEGAL_LENGTH =
  /^Drill: this system runs in drill mode \(DRILL_DEADLINES\); this deadline is not shortened/;

it('shortens the named deadlines of the alarms the API registers, and every explanation says drill', async () => {
  const { temporalAddress, databaseUrl } = testEnvironment();
  const port = await freePort();
  const shared = {
    TEMPORAL_ADDRESS: temporalAddress,
    DATABASE_URL: databaseUrl,
    TEMPORAL_TASK_QUEUE: `drill-${randomUUID()}`,
    JWT_SECRET: randomUUID() + randomUUID(),
    DRILL_DEADLINES: 'ALARM_ARRIVAL_TIER_1=30s,FILING_REVIEW=1m',
  };
  const worker = start('worker', shared);
  const api = start('api', { ...shared, PORT: String(port) });
  await Promise.all([worker.waitForOutput(STARTED, 120_000), api.waitForOutput(STARTED, 120_000)]);
  expect(api.output()).toContain('[drill] DRILL_DEADLINES is set');
  const baseUrl = `http://127.0.0.1:${port}`;

  const issuing = runScript('token', { JWT_SECRET: shared.JWT_SECRET }, [
    '--role',
    'HANDLER',
    '--unit',
    'pcs-chengguan',
  ]);
  expect(await issuing.exited(60_000)).toBe(0);
  const auth = { authorization: `Bearer ${issuing.output().trim()}` };
  const created = await fetch(`${baseUrl}/alarms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({
      source: 'CALL_110',
      responseTier: 1,
      unitId: 'pcs-chengguan',
      summary: '演练：商场内有人晕倒',
    }),
  });
  expect(created.status).toBe(201);
  const { id } = await readJson(created);
  const alarm = await eventually(
    async () => readJson(await fetch(`${baseUrl}/alarms/${id}`, { headers: auth })),
    (body: Json) => body.state?.deadlines?.length === 2,
  );
  const [arrival, disposal] = alarm.state.deadlines as Json[];
  expect(arrival.policyCode).toBe('ALARM_ARRIVAL_TIER_1');
  expect(Date.parse(arrival.dueAt) - Date.parse(arrival.openedAt)).toBe(30_000);
  expect(arrival.explanation[0].en).toMatch(SHORTENED);
  expect(arrival.explanation[0].zh).toContain('演练');
  expect(arrival.warnings).toEqual([arrival.explanation[0]]);
  expect(arrival.explanation.map((step: Json) => step.en)).toContain(
    'Period: 30 seconds (shortened for a drill, DRILL_DEADLINES).',
  );
  // Not named, so not shortened: still marked, because the system runs a drill.
  expect(disposal.policyCode).toBe('ALARM_DISPOSAL');
  expect(disposal.explanation[0].en).toMatch(LEGAL_LENGTH);

  const whatIf = await fetch(`${baseUrl}/deadlines/explain`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ policy: 'FILING_REVIEW', triggeredAt: '2026-03-04T09:15:00+08:00' }),
  });
  const explained = await readJson(whatIf);
  expect(whatIf.status).toBe(200);
  expect(explained.dueAt).toBe('2026-03-04T01:16:00.000Z');
  expect(explained.explanation[0].en).toMatch(SHORTENED);
});

it('refuses to start in production with DRILL_DEADLINES, naming it', async () => {
  const api = start('api', {
    NODE_ENV: 'production',
    DRILL_DEADLINES: 'factor:0.001',
    PORT: String(await freePort()),
  });
  expect(await api.exited(30_000)).toBe(2);
  expect(api.output()).toContain(
    'DRILL_DEADLINES="factor:0.001" is refused with NODE_ENV=production',
  );
});

it('refuses to start with a DRILL_DEADLINES it cannot read, saying why', async () => {
  const api = start('api', { DRILL_DEADLINES: 'FILING_REVIEW=5d' });
  expect(await api.exited(30_000)).toBe(2);
  expect(api.output()).toContain(
    'DRILL_DEADLINES="FILING_REVIEW=5d" is not valid: FILING_REVIEW=5d is longer than its legal period (3 days)',
  );
});
