// What npm run bench runs on: a Temporal dev server and a fresh PostgreSQL database of its own
// (or the ones given), and as child processes the app's worker, the bare workflows' worker and the
// app's HTTP API. Everything started is stopped, and the database dropped, by stop().
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient, Pool } from 'pg';
import type { IdentityConfig } from '../platform/identity';
import { prepareDatabase, provisionDatabase, urlAs } from '../platform/database-roles';
import { payloadKeys, PayloadEncryptionCodec } from '../platform/payload-codec';
import { ensureTemporalCli } from '../platform/temporal-cli';
import { startTemporalDevServer, waitForTemporal } from '../platform/temporal-server';
import { BENCH_EVENTS_TABLE } from './activities';
import { runScript, type ChildScript } from './processes';

export interface BenchSystemOptions {
  /** host:port of a Temporal frontend to use instead of a dev server of our own. */
  temporalAddress?: string;
  /** A database to use instead of a fresh one (its tables keep the bench's rows). */
  databaseUrl?: string;
  /** Where fresh databases are created. */
  adminUrl: string;
  log: (line: string) => void;
}

export interface BenchSystem {
  temporalAddress: string;
  /** The dev server's process, when the bench runs its own (for its CPU and memory). */
  serverPid?: number;
  databaseUrl: string;
  appWorker: ChildScript;
  bareWorker: ChildScript;
  /** The app's HTTP API (npm run api). */
  api: ChildScript;
  appQueue: string;
  bareQueue: string;
  /** A plain client for the drivers. */
  client: Client;
  /** For the bench's own reads of what was written. */
  pool: Pool;
  apiUrl: string;
  identity: IdentityConfig;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function adminQuery(adminUrl: string, sql: string) {
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** The roles of the bench's own databases (the local server trusts; the passwords are fixtures). */
const BENCH_ROLES = {
  owner: { name: 'case_bench_owner', password: 'case-bench-owner-password' },
  app: { name: 'case_bench_app', password: 'case-bench-app-password' },
};

export async function startBenchSystem(options: BenchSystemOptions): Promise<BenchSystem> {
  const { log } = options;
  const stack: Array<{ name: string; stop: () => Promise<void> }> = [];
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      for (const part of stack.reverse().splice(0)) {
        try {
          await part.stop();
          log(`[bench] stopped: ${part.name}`);
        } catch (error) {
          log(`[bench] ${part.name} did not stop cleanly: ${(error as Error).message}`);
        }
      }
    })());
  const run = randomUUID().slice(0, 8);
  const appQueue = `bench-${run}-app`;
  const bareQueue = `bench-${run}-bare`;

  try {
    let temporalAddress = options.temporalAddress;
    let serverPid: number | undefined;
    if (temporalAddress) {
      await waitForTemporal(temporalAddress, 20_000);
    } else {
      const cliPath = await ensureTemporalCli(log);
      const dir = mkdtempSync(path.join(tmpdir(), 'case-orchestrator-bench-temporal-'));
      const pidFile = path.join(dir, 'temporal.pid');
      const server = await startTemporalDevServer({
        cliPath,
        port: await freePort(),
        dbFile: path.join(dir, 'temporal.sqlite'),
        pidFile,
        namespace: 'default',
        timeoutMs: 60_000,
        log,
      });
      stack.push({
        name: 'Temporal dev server',
        stop: async () => {
          await server.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      });
      temporalAddress = server.address;
      serverPid = Number(readFileSync(pidFile, 'utf8').trim());
      log(`[bench] Temporal dev server at ${temporalAddress} (pid ${serverPid}, SQLite in ${dir})`);
    }

    let databaseUrl = options.databaseUrl;
    let ownerUrl: string | undefined;
    if (databaseUrl) {
      log('[bench] using the given database; the bench leaves its cases in it');
      stack.push({
        name: 'bench_events table',
        stop: () => adminQuery(databaseUrl!, 'DROP TABLE IF EXISTS bench_events'),
      });
    } else {
      // Provisioned as `npm start` provisions its own: the workers connect as the app role.
      const name = `bench_${run}`;
      await provisionDatabase(options.adminUrl, name, BENCH_ROLES);
      stack.push({
        name: `database ${name} (dropped)`,
        stop: () => adminQuery(options.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      });
      databaseUrl = urlAs(options.adminUrl, name, BENCH_ROLES.app);
      ownerUrl = urlAs(options.adminUrl, name, BENCH_ROLES.owner);
      log(`[bench] database ${name} on ${new URL(databaseUrl).host}`);
    }
    // The bare worker's table first, so that the app role's grants cover it.
    await adminQuery(ownerUrl ?? databaseUrl, BENCH_EVENTS_TABLE);
    await prepareDatabase({
      appUrl: databaseUrl,
      ...(ownerUrl ? { ownerUrl } : {}),
      // A database the caller gave is theirs to connect to as they like.
      allowPrivileged: options.databaseUrl !== undefined,
      log,
    });
    const pool = new Pool({ connectionString: databaseUrl, max: 5 });
    pool.on('error', () => undefined);
    stack.push({ name: 'bench database pool', stop: () => pool.end() });

    const connection = await Connection.connect({ address: temporalAddress });
    stack.push({ name: 'Temporal client', stop: () => connection.close() });
    // One payload key for the run: the app's worker, the bare worker and every client share it, so
    // that both paths pay the encryption the product pays.
    const payloadKeyHex = randomBytes(32).toString('hex');
    const payloadCodec = new PayloadEncryptionCodec(payloadKeys([payloadKeyHex]), {
      unauthentic: 'throw',
    });
    const client = new Client({
      connection,
      namespace: 'default',
      dataConverter: { payloadCodecs: [payloadCodec] },
    });
    if (options.temporalAddress) {
      // Not our server: end what the bench left running there (open cases, deadlines).
      stack.push({
        name: 'bench workflows left running (terminated)',
        stop: async () => {
          for (const queue of [appQueue, bareQueue]) {
            const running = client.workflow.list({
              query: `TaskQueue = '${queue}' AND ExecutionStatus = 'Running'`,
            });
            for await (const execution of running) {
              await client.workflow
                .getHandle(execution.workflowId, execution.runId)
                .terminate('npm run bench finished')
                .catch(() => undefined);
            }
          }
        },
      });
    }

    log('[bench] starting the app worker (npm run worker) and the bare workflows worker …');
    const appWorker = runScript(
      'app worker',
      'scripts/worker.ts',
      [],
      {
        TEMPORAL_ADDRESS: temporalAddress,
        DATABASE_URL: databaseUrl,
        TEMPORAL_NAMESPACE: 'default',
        TEMPORAL_TASK_QUEUE: appQueue,
        TEMPORAL_PAYLOAD_KEYS: payloadKeyHex,
        DATABASE_ALLOW_PRIVILEGED_ROLE: String(options.databaseUrl !== undefined),
        LOG_LEVEL: 'error',
      },
      /polling task queue/,
    );
    stack.push({ name: 'app worker', stop: appWorker.stop });
    const bareWorker = runScript(
      'bare worker',
      'bench/bare-worker.ts',
      ['--temporal', temporalAddress, '--database', databaseUrl, '--task-queue', bareQueue],
      { TEMPORAL_PAYLOAD_KEYS: payloadKeyHex },
      /polling task queue/,
    );
    stack.push({ name: 'bare worker', stop: bareWorker.stop });
    await Promise.all([appWorker.ready, bareWorker.ready]);

    // The API in a process of its own, as `npm run api` deploys it: the drivers' requests and the
    // API's work do not share one event loop.
    const identity: IdentityConfig = {
      secret: new TextEncoder().encode(randomBytes(32).toString('hex')),
      issuer: 'case-orchestrator',
      maxLifetimeSeconds: 24 * 3600,
    };
    const port = await freePort();
    log('[bench] starting the API (npm run api) …');
    const api = runScript(
      'API',
      'scripts/api.ts',
      [],
      {
        PORT: String(port),
        API_HOST: '127.0.0.1',
        TEMPORAL_ADDRESS: temporalAddress,
        DATABASE_URL: databaseUrl,
        TEMPORAL_NAMESPACE: 'default',
        TEMPORAL_TASK_QUEUE: appQueue,
        TEMPORAL_PAYLOAD_KEYS: payloadKeyHex,
        JWT_SECRET: new TextDecoder().decode(identity.secret),
        JWT_ISSUER: identity.issuer,
        JWT_MAX_LIFETIME_HOURS: '24',
        // A fresh key per run: the bench measures appends and never verifies its audit.
        AUDIT_MAC_KEY: randomBytes(32).toString('hex'),
        PUBLIC_LOOKUPS_PER_MINUTE: '1000',
        DATABASE_ALLOW_PRIVILEGED_ROLE: String(options.databaseUrl !== undefined),
        LOG_LEVEL: 'error',
      },
      /case-orchestrator is running/,
    );
    stack.push({ name: 'API', stop: api.stop });
    await api.ready;

    return {
      temporalAddress,
      serverPid,
      databaseUrl,
      appWorker,
      bareWorker,
      appQueue,
      bareQueue,
      client,
      pool,
      api,
      apiUrl: `http://127.0.0.1:${port}`,
      identity,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
