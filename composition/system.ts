// Brings the system up in order and down in reverse: Temporal, PostgreSQL, migrations, worker, API.
// `npm start` runs everything, starting embedded services for whatever address is not given;
// `npm run worker` and `npm run api` connect to services that already run and start none.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { createApp } from '../api/app';
import { apiTemporalClient } from '../api/request-context';
import { codecCorsOrigins, devSignInEnabled, type Config } from '../platform/config';
import { WEB_ROOT } from './web-build';
import { upgradeFirstEngineCases } from './case-upgrade';
import { DEVELOPMENT_DIRECTORY } from '../domain/development-directory';
import { loadDirectory } from '../platform/directory';
import { assertDatabaseReachable, createPrisma, redactUrl } from '../platform/database';
import { prepareDatabase, provisionDatabase, urlAs } from '../platform/database-roles';
import {
  EMBEDDED_DATABASE,
  embeddedRoles,
  startEmbeddedPostgres,
} from '../platform/embedded-postgres';
import { ensureTemporalCli } from '../platform/temporal-cli';
import { startTemporalDevServer, waitForTemporal } from '../platform/temporal-server';
import { loadIdentityConfig } from '../platform/identity';
import { startAuditAnchor } from '../platform/audit-anchor';
import { auditKeyring, loadAuditKey } from '../platform/audit-mac';
import { loadPayloadKeys, PayloadEncryptionCodec } from '../platform/payload-codec';
import { temporalTls } from '../platform/temporal-tls';
import { createLogger } from '../platform/logging';
import { startWorker } from './worker';

export interface SystemOptions {
  config: Config;
  runWorker: boolean;
  runApi: boolean;
  /** Start a Temporal dev server / PostgreSQL when their address is not configured. */
  startEmbedded: boolean;
  log: (line: string) => void;
  /** Called if a running part fails later (the worker crashes); the caller should stop. */
  onFatal?: (error: Error) => void;
}

export interface RunningSystem {
  temporalAddress: string;
  temporalUiUrl?: string;
  databaseUrl: string;
  apiUrl?: string;
  stop(): Promise<void>;
}

/** Fails fast, before anything starts, when the API's port is already taken. */
async function assertPortFree(host: string, port: number) {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `PORT=${port}: cannot listen on ${host}:${port} (${error.code ?? error.message}). ` +
            'Another program holds it; set PORT to a free port.',
        ),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

function listen(server: Server, port: number, host: string) {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** NODE_ENV unset or `development`: not production, and not a test run (jest sets `test`). */
const developsLocally = (config: Config) =>
  config.NODE_ENV === undefined || config.NODE_ENV === 'development';

function missingAddress(variable: string, example: string) {
  return new Error(
    `${variable} is not set. npm run worker and npm run api connect to services that already ` +
      `run and start none themselves: set ${variable} (for example ${example}), or use npm start, ` +
      'which starts embedded services for whatever address is not given.',
  );
}

export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const { config, log } = options;
  const timeoutMs = config.DEPENDENCY_TIMEOUT_SECONDS * 1000;
  const stack: Array<{ name: string; stop: () => Promise<void> }> = [];
  const stopAll = async () => {
    for (const part of stack.reverse().splice(0)) {
      try {
        await part.stop();
        log(`[stop] ${part.name} stopped`);
      } catch (error) {
        log(`[stop] ${part.name} did not stop cleanly: ${(error as Error).message}`);
      }
    }
  };

  try {
    if (options.runApi) await assertPortFree(config.API_HOST, config.PORT);
    const tls = temporalTls(config);
    const payloadKeys = loadPayloadKeys(config);
    // Clients refuse what they cannot authenticate; the worker marks it for its workflows to refuse.
    const clientCodec = new PayloadEncryptionCodec(payloadKeys, {
      unauthentic: 'throw',
      acceptPlaintext: config.TEMPORAL_PAYLOAD_ACCEPT_PLAINTEXT,
    });
    const dataConverter = { payloadCodecs: [clientCodec] };

    // Temporal
    let temporalAddress = config.TEMPORAL_ADDRESS;
    let temporalUiUrl: string | undefined;
    if (temporalAddress) {
      await waitForTemporal(temporalAddress, timeoutMs, undefined, tls);
    } else if (!options.startEmbedded) {
      throw missingAddress('TEMPORAL_ADDRESS', '127.0.0.1:7233');
    } else {
      const cliPath = await ensureTemporalCli(log);
      log(`[temporal] starting the dev server on 127.0.0.1:${config.TEMPORAL_PORT}`);
      const devServer = await startTemporalDevServer({
        cliPath,
        port: config.TEMPORAL_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        dbFile: path.join(config.DATA_DIR, 'temporal', 'temporal.sqlite'),
        legacyDbFile: path.join(config.DATA_DIR, 'temporal.sqlite'),
        pidFile: path.join(config.DATA_DIR, 'run', 'temporal.pid'),
        namespace: config.TEMPORAL_NAMESPACE,
        timeoutMs,
        log,
      });
      stack.push({ name: 'Temporal dev server', stop: devServer.stop });
      temporalAddress = devServer.address;
      temporalUiUrl = devServer.uiUrl;
    }

    // PostgreSQL
    let databaseUrl = config.DATABASE_URL;
    let ownerUrl = config.DATABASE_OWNER_URL;
    if (databaseUrl) {
      await assertDatabaseReachable(databaseUrl, timeoutMs);
      if (ownerUrl) await assertDatabaseReachable(ownerUrl, timeoutMs, 'DATABASE_OWNER_URL');
    } else if (!options.startEmbedded) {
      throw missingAddress(
        'DATABASE_URL',
        'postgresql://case_app:PASSWORD@127.0.0.1:5432/case_orchestrator',
      );
    } else {
      log(
        `[postgres] starting the embedded PostgreSQL on 127.0.0.1:${config.EMBEDDED_POSTGRES_PORT}`,
      );
      const postgres = await startEmbeddedPostgres({
        dataDir: config.DATA_DIR,
        port: config.EMBEDDED_POSTGRES_PORT,
        timeoutMs,
        log,
      });
      stack.push({ name: 'embedded PostgreSQL', stop: postgres.stop });
      const roles = embeddedRoles(config.DATA_DIR);
      await provisionDatabase(postgres.adminUrl, EMBEDDED_DATABASE, roles);
      databaseUrl = urlAs(postgres.adminUrl, EMBEDDED_DATABASE, roles.app);
      ownerUrl = urlAs(postgres.adminUrl, EMBEDDED_DATABASE, roles.owner);
    }

    const migration = await prepareDatabase({
      appUrl: databaseUrl,
      ...(ownerUrl ? { ownerUrl } : {}),
      allowPrivileged: config.DATABASE_ALLOW_PRIVILEGED_ROLE,
      log,
    });
    log(
      `[migrate] ${migration.applied.length} applied now, ${migration.alreadyApplied} already applied`,
    );

    const prisma = createPrisma(databaseUrl);
    const auditKey = loadAuditKey(config, { create: true });
    stack.push({ name: 'Prisma client', stop: () => prisma.$disconnect() });
    if (!config.DATABASE_URL && developsLocally(config)) {
      // npm start on a developer's machine, in its embedded database only (never a database it
      // was given, which may be the bureau's): people to sign in as and pick from (README).
      const loaded = await loadDirectory(prisma, DEVELOPMENT_DIRECTORY);
      log(
        `[directory] development directory loaded: ${loaded.units} units, ${loaded.organisations} organisations, ${loaded.people} people (NODE_ENV=${config.NODE_ENV ?? 'unset'})`,
      );
    }
    // The running system's logs (requests, workflows, activities) as JSON lines.
    const logger = createLogger(config.LOG_LEVEL);

    if (options.runWorker) {
      const worker = await startWorker({
        temporalAddress,
        tls,
        payloadCodec: new PayloadEncryptionCodec(payloadKeys, {
          unauthentic: 'mark',
          acceptPlaintext: config.TEMPORAL_PAYLOAD_ACCEPT_PLAINTEXT,
        }),
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        prisma,
        auditKey,
        shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000,
        heartbeatIntervalMs: config.WORKER_HEARTBEAT_INTERVAL_SECONDS * 1000,
        maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
        maxConcurrentActivities: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
        logger,
      });
      worker.done.catch((error: Error) => options.onFatal?.(error));
      stack.push({ name: 'worker', stop: worker.stop });
      // The worker's process anchors both audit chains' heads outside the database.
      const anchorPool = new Pool({ connectionString: databaseUrl, max: 1 });
      anchorPool.on('error', (error) =>
        logger.warn({ err: error }, 'audit anchor connection lost'),
      );
      const anchor = startAuditAnchor({
        pool: anchorPool,
        dataDir: config.DATA_DIR,
        key: auditKey,
        keyring: auditKeyring(auditKey, config.AUDIT_MAC_RETIRED_KEYS),
        intervalMs: config.AUDIT_ANCHOR_INTERVAL_SECONDS * 1000,
        ...(config.AUDIT_ANCHOR_URL ? { url: config.AUDIT_ANCHOR_URL } : {}),
        log,
      });
      stack.push({
        name: 'audit anchor',
        stop: () => anchor.stop().finally(() => anchorPool.end()),
      });
      log(`[worker] polling task queue ${config.TEMPORAL_TASK_QUEUE}`);
      const connection = await Connection.connect({ address: temporalAddress, tls });
      try {
        await upgradeFirstEngineCases(
          new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter }),
          log,
        );
      } finally {
        await connection.close();
      }
    }

    let apiUrl: string | undefined;
    if (options.runApi) {
      const connection = await Connection.connect({ address: temporalAddress, tls });
      stack.push({ name: 'Temporal client', stop: () => connection.close() });
      const pool = new Pool({ connectionString: databaseUrl, max: 10 });
      // An idle connection the server closes (a restart, a failover) must not end the process:
      // the pool replaces it, and the next query that cannot connect fails on its own.
      pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL connection lost'));
      stack.push({ name: 'API database pool', stop: () => pool.end() });
      const app = createApp({
        temporal: apiTemporalClient(connection, config.TEMPORAL_NAMESPACE, clientCodec),
        prisma,
        payloadCodec: clientCodec,
        codecCorsOrigins: codecCorsOrigins(config),
        pool,
        auditKey,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        identity: loadIdentityConfig(config),
        publicLookupsPerMinute: config.PUBLIC_LOOKUPS_PER_MINUTE,
        unauthenticatedPerMinute: config.UNAUTHENTICATED_REQUESTS_PER_MINUTE,
        workerHeartbeatFreshnessSeconds: config.WORKER_HEARTBEAT_FRESHNESS_SECONDS,
        logger,
        ...(config.DRILL_DEADLINES ? { policyOverrides: config.DRILL_DEADLINES } : {}),
        webRoot: WEB_ROOT,
        devSignIn: devSignInEnabled(config),
      });
      const http = createHttpServer(app);
      await listen(http, config.PORT, config.API_HOST);
      stack.push({
        name: 'HTTP API',
        stop: () =>
          new Promise<void>((resolve) => {
            const force = setTimeout(
              () => http.closeAllConnections(),
              config.SHUTDOWN_TIMEOUT_SECONDS * 1000,
            );
            // Event streams never end on their own: end them, then wait for the other requests.
            (app.locals.closeStreams as (() => void) | undefined)?.();
            http.close(() => {
              clearTimeout(force);
              resolve();
            });
            http.closeIdleConnections();
          }),
      });
      if (config.DRILL_DEADLINES) {
        log(
          '[drill] DRILL_DEADLINES is set: the alarms and cases this API registers run shortened ' +
            'deadlines, and every explanation says drill',
        );
      }
      const { port } = http.address() as AddressInfo;
      apiUrl = `http://${config.API_HOST === '0.0.0.0' ? '127.0.0.1' : config.API_HOST}:${port}`;
    }

    log(`[start] database ${redactUrl(databaseUrl)}`);
    return { temporalAddress, temporalUiUrl, databaseUrl, apiUrl, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
