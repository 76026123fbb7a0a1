// The system as a person runs it: `npm start` with embedded Temporal and PostgreSQL, stopped and
// started again; the worker and the API as separate processes; and misconfiguration that fails
// fast with a message a person can act on.
import { existsSync, mkdtempSync, readFileSync, chmodSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readJson, type Json } from '../support/http';
import { eventually } from '../support/app';
import { freePort } from '../support/ports';
import { runScript, type RunningScript } from '../support/processes';
import { testEnvironment } from '../support/test-env';
import { portAnswers } from '../../platform/ports';
import { Client } from 'pg';

async function queryOnce(url: string, text: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

const STARTED = /Press Ctrl-C to stop\./;
const running: RunningScript[] = [];
const dataDirs: string[] = [];

afterEach(async () => {
  // A failed test must not leave a system running behind it: ask it to stop (it then stops its
  // own services), force it if it will not, and stop any service its pid files still name.
  for (const script of running.splice(0)) {
    if (script.child.exitCode !== null) continue;
    script.child.kill('SIGTERM');
    await script.exited(30_000).catch(() => {
      script.child.kill('SIGKILL');
    });
  }
  for (const dataDir of dataDirs.splice(0)) {
    for (const name of ['temporal', 'postgres']) {
      const pidFile = path.join(dataDir, 'run', `${name}.pid`);
      if (!existsSync(pidFile)) continue;
      const pid = Number(readFileSync(pidFile, 'utf8'));
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  }
});

function start(script: 'start' | 'worker' | 'api', env: Record<string, string>) {
  const handle = runScript(script, env);
  running.push(handle);
  return handle;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function readyz(baseUrl: string) {
  return eventually(
    async () => readJson(await fetch(`${baseUrl}/readyz`)),
    (body: Json) => body.status === 'ready',
    60_000,
  );
}

const alarm = {
  source: 'WALK_IN',
  responseTier: 3,
  unitId: 'pcs-chengguan',
  summary: '来所报案：电动车被盗',
};

describe('npm start with embedded Temporal and PostgreSQL', () => {
  it('keeps an alarm across a full stop and start, and leaves no process behind', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'case-orchestrator-system-'));
    dataDirs.push(dataDir);
    chmodSync(dataDir, 0o755); // as root, the embedded PostgreSQL runs as `postgres`
    const port = await freePort();
    const env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      DEPENDENCY_TIMEOUT_SECONDS: '60',
    };
    const baseUrl = `http://127.0.0.1:${port}`;

    const first = start('start', env);
    await first.waitForOutput(STARTED, 180_000);
    expect(first.output()).toContain(`API           ${baseUrl}`);
    expect(first.output()).toContain(`Temporal UI   http://127.0.0.1:${env.TEMPORAL_UI_PORT}`);
    const ready = await readyz(baseUrl);
    expect(Object.values(ready.checks).every((check) => (check as { ready: boolean }).ready)).toBe(
      true,
    );
    // The workbench is served by the same process (npm install built it), with its development
    // sign-in on outside production.
    expect(first.output()).toContain(`Workbench     ${baseUrl}/`);
    const page = await fetch(`${baseUrl}/`, { headers: { accept: 'text/html' } });
    expect([page.status, (await page.text()).includes('<div id="root">')]).toEqual([200, true]);
    expect((await fetch(`${baseUrl}/sign-in/people`)).status).toBe(200);

    // A token from `npm run token`, which signs with the secret the start kept in DATA_DIR.
    const issuing = runScript('token', { DATA_DIR: dataDir }, [
      '--role',
      'HANDLER',
      '--unit',
      alarm.unitId,
    ]);
    expect(await issuing.exited(60_000)).toBe(0);
    const auth = { authorization: `Bearer ${issuing.output().trim()}` };
    const created = await fetch(`${baseUrl}/alarms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(alarm),
    });
    expect(created.status).toBe(201);
    const { id } = await readJson(created);
    const before = await eventually(
      async () => readJson(await fetch(`${baseUrl}/alarms/${id}`, { headers: auth })),
      // Recorded, with both of its clocks (arrival and same-day disposal) open.
      (body: Json) => body.state?.recorded === true && body.state.deadlines.length === 2,
    );

    // The embedded PostgreSQL: random passwords that only their owner can read, none of them the
    // old fixed one, and the running system connected as the application role.
    const embeddedPg = (user: string, password: string) =>
      `postgresql://${user}:${password}@127.0.0.1:${env.EMBEDDED_POSTGRES_PORT}/case_orchestrator`;
    for (const file of ['superuser', 'owner', 'app'].map((r) => `postgres-${r}-password`)) {
      expect(statSync(path.join(dataDir, file)).mode & 0o777).toBe(0o600);
    }
    await expect(queryOnce(embeddedPg('postgres', 'postgres'), 'SELECT 1')).rejects.toEqual(
      expect.objectContaining({ code: '28P01' }), // password authentication failed
    );
    const appPassword = readFileSync(path.join(dataDir, 'postgres-app-password'), 'utf8').trim();
    const sessions = await queryOnce(
      embeddedPg('case_app', appPassword),
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = 'case_orchestrator'
         AND usename IS NOT NULL AND pid <> pg_backend_pid()`,
    );
    expect(sessions.rows).toEqual([{ usename: 'case_app' }]);

    const pids = ['temporal', 'postgres'].map((name) =>
      Number(readFileSync(path.join(dataDir, 'run', `${name}.pid`), 'utf8')),
    );
    expect(pids.every(isAlive)).toBe(true);

    first.child.kill('SIGTERM');
    expect(await first.exited(60_000)).toBe(0);
    expect(first.output()).toMatch(
      /\[stop\] worker stopped[\s\S]*\[stop\] embedded PostgreSQL stopped[\s\S]*\[stop\] Temporal dev server stopped/,
    );
    expect(pids.filter(isAlive)).toEqual([]);
    expect(existsSync(path.join(dataDir, 'run', 'temporal.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'run', 'postgres.pid'))).toBe(false);
    for (const p of [env.PORT, env.TEMPORAL_PORT, env.EMBEDDED_POSTGRES_PORT]) {
      expect(await portAnswers(Number(p))).toBe(false);
    }

    const second = start('start', env);
    await second.waitForOutput(STARTED, 180_000);
    expect(second.output()).toContain('[migrate] 0 applied now');
    // Temporal's SQLite file (every history) in a folder of its own that only its owner enters,
    // and readable by its owner only once the server has made it.
    expect(statSync(path.join(dataDir, 'temporal')).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dataDir, 'temporal', 'temporal.sqlite')).mode & 0o777).toBe(0o600);
    const after = await readJson(await fetch(`${baseUrl}/alarms/${id}`, { headers: auth }));
    expect(after.state).toEqual(before.state); // from Temporal's persisted history
    expect(after.record).toEqual(before.record); // from PostgreSQL's persisted cluster

    second.child.kill('SIGINT');
    expect(await second.exited(60_000)).toBe(0);
  });
});

describe('npm run worker and npm run api as separate processes', () => {
  it('serve together against existing Temporal and PostgreSQL', async () => {
    const { temporalAddress, databaseUrl } = testEnvironment();
    const port = await freePort();
    const shared = {
      TEMPORAL_ADDRESS: temporalAddress,
      DATABASE_URL: databaseUrl,
      TEMPORAL_TASK_QUEUE: `separate-${randomUUID()}`,
      JWT_SECRET: randomUUID() + randomUUID(),
    };
    const worker = start('worker', shared);
    const api = start('api', { ...shared, PORT: String(port) });
    await Promise.all([
      worker.waitForOutput(STARTED, 120_000),
      api.waitForOutput(STARTED, 120_000),
    ]);
    const baseUrl = `http://127.0.0.1:${port}`;
    await readyz(baseUrl); // the API sees the other process's worker polling

    const issuing = runScript('token', { JWT_SECRET: shared.JWT_SECRET }, [
      '--role',
      'HANDLER',
      '--unit',
      alarm.unitId,
      '--id',
      'officer-7',
    ]);
    expect(await issuing.exited(60_000)).toBe(0);
    const auth = { authorization: `Bearer ${issuing.output().trim()}` };
    const created = await fetch(`${baseUrl}/alarms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(alarm),
    });
    const { id } = await readJson(created);
    await eventually(
      async () => readJson(await fetch(`${baseUrl}/alarms/${id}`, { headers: auth })),
      (body: Json) => Boolean(body.record),
    );

    // One request id in the API's log line, and in the other process's workflow and activity
    // lines of the same action (the arrival Update and the writes it caused).
    const requestId = `arrival-${randomUUID()}`;
    const arrival = await fetch(`${baseUrl}/alarms/${id}/arrival`, {
      method: 'POST',
      headers: { ...auth, 'x-request-id': requestId },
    });
    expect(arrival.status).toBe(200);
    expect(arrival.headers.get('x-request-id')).toBe(requestId);
    const lines = (script: RunningScript) =>
      script
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Json)
        .filter((line) => line.requestId === requestId);
    const logged = await eventually(
      async () => ({ api: lines(api), worker: lines(worker) }),
      ({ api, worker }) =>
        api.length > 0 && worker.some((line) => line.sdkComponent === 'activity'),
    );
    expect(logged.api).toEqual([
      expect.objectContaining({ msg: 'request', method: 'POST', status: 200, actor: 'officer-7' }),
    ]);
    expect(logged.worker).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sdkComponent: 'workflow',
          workflowId: id,
          msg: 'update alarmCommand done',
        }),
        expect.objectContaining({ sdkComponent: 'activity', workflowId: id }),
      ]),
    );

    worker.child.kill('SIGTERM');
    api.child.kill('SIGTERM');
    expect(await worker.exited(60_000)).toBe(0);
    expect(await api.exited(60_000)).toBe(0);
  });

  it('refuse to start without the addresses of the services, saying what to set', async () => {
    const worker = start('worker', {});
    expect(await worker.exited(30_000)).toBe(1);
    expect(worker.output()).toContain('TEMPORAL_ADDRESS is not set');
    expect(worker.output()).toContain('npm start');
  });
});

describe('misconfiguration fails fast with a message a person can act on', () => {
  it('a bad PORT', async () => {
    const run = start('start', { PORT: 'abc' });
    expect(await run.exited(30_000)).toBe(2);
    expect(run.output()).toContain('PORT="abc" must be a number. Fix: set PORT to a free TCP port');
  });

  it('a PORT another program holds', async () => {
    const holder = createServer();
    const port = await new Promise<number>((resolve) =>
      holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)),
    );
    try {
      const { temporalAddress, databaseUrl } = testEnvironment();
      const run = start('start', {
        PORT: String(port),
        TEMPORAL_ADDRESS: temporalAddress,
        DATABASE_URL: databaseUrl,
      });
      expect(await run.exited(30_000)).toBe(1);
      expect(run.output()).toContain(
        `PORT=${port}: cannot listen on 127.0.0.1:${port} (EADDRINUSE)`,
      );
    } finally {
      holder.close();
    }
  });

  it('an unreachable TEMPORAL_ADDRESS', async () => {
    const closed = await freePort();
    const started = Date.now();
    const run = start('start', {
      PORT: String(await freePort()),
      TEMPORAL_ADDRESS: `127.0.0.1:${closed}`,
      DATABASE_URL: testEnvironment().databaseUrl,
      DEPENDENCY_TIMEOUT_SECONDS: '2',
    });
    expect(await run.exited(60_000)).toBe(1);
    expect(run.output()).toContain(`Cannot reach Temporal at 127.0.0.1:${closed}`);
    expect(run.output()).toContain('TEMPORAL_ADDRESS');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('an unreachable DATABASE_URL', async () => {
    const closed = await freePort();
    const run = start('start', {
      PORT: String(await freePort()),
      TEMPORAL_ADDRESS: testEnvironment().temporalAddress,
      DATABASE_URL: `postgresql://postgres:secret@127.0.0.1:${closed}/cases`,
      DEPENDENCY_TIMEOUT_SECONDS: '2',
    });
    expect(await run.exited(60_000)).toBe(1);
    expect(run.output()).toContain(
      `Cannot reach PostgreSQL at postgresql://postgres:***@127.0.0.1:${closed}/cases`,
    );
    expect(run.output()).not.toContain('secret');
    expect(run.output()).toContain('DATABASE_URL');
  });
});
