// The API and (optionally) a worker in this process, against the run's Temporal and PostgreSQL.
import { testAuditKey } from './audit-key';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { apiTemporalClient } from '../../api/request-context';
import { Pool } from 'pg';
import { createApp } from '../../api/app';
import type { Principal } from '../../domain/access';
import type { PolicyOverrides } from '../../domain/deadline-policies';
import { createPrisma, type Prisma } from '../../platform/database';
import { issueToken, type IdentityConfig } from '../../platform/identity';
import { createLogger } from '../../platform/logging';
import { startWorker, type RunningWorker } from '../../composition/worker';
import { payloadKeys, PayloadEncryptionCodec } from '../../platform/payload-codec';
import { TEST_PAYLOAD_KEYS, testEnvironment } from './test-env';

/** The codecs of the product (platform/payload-codec.ts) with the test run's key. */
export const testWorkerCodec = () =>
  new PayloadEncryptionCodec(payloadKeys([TEST_PAYLOAD_KEYS]), { unauthentic: 'mark' });
export const testClientCodec = () =>
  new PayloadEncryptionCodec(payloadKeys([TEST_PAYLOAD_KEYS]), { unauthentic: 'throw' });

/** The in-process workers' heartbeat, as often as a worker beats by default. */
const HEARTBEAT_INTERVAL_MS = 5000;

export interface TestApp {
  baseUrl: string;
  /** Verifies this app's tokens. */
  identity: IdentityConfig;
  /** A bearer token for a person, valid for `ttlSeconds` (default an hour). */
  token(principal: Principal, ttlSeconds?: number): Promise<string>;
  client: Client;
  prisma: Prisma;
  pool: Pool;
  taskQueue: string;
  worker?: RunningWorker;
  /** Starts a new worker on the app's task queue (after the test stopped the first). */
  restartWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestApp(options: {
  withWorker: boolean;
  policyOverrides?: PolicyOverrides;
  publicLookupsPerMinute?: number;
  /** Requests without a valid token per address and minute (default: more than any test sends). */
  unauthenticatedPerMinute?: number;
  workflowCallTimeoutMs?: number;
  /** The request audit's pool points at a database that does not exist: every append fails. */
  auditUnavailable?: boolean;
  /** /readyz's freshness of worker heartbeats (default 15 s, as configured by default). */
  workerHeartbeatFreshnessSeconds?: number;
  /** Web UI origins admitted to the codec endpoint (default none). */
  codecCorsOrigins?: string[];
  /**
   * The application role's URL of a database of the test's own (databases.ts, migratedDatabase),
   * for data every other test would see in the shared one, such as a directory of people.
   */
  databaseUrl?: string;
  /** The built web app to serve (composition/web-build.ts); none by default. */
  webRoot?: string;
  /** The development sign-in (DEV_SIGN_IN); off by default, as in production. */
  devSignIn?: boolean;
}): Promise<TestApp> {
  const env = testEnvironment();
  const databaseUrl = options.databaseUrl ?? env.databaseUrl;
  // A task queue of its own, so that workers of other test files never pick up this file's work.
  const taskQueue = `test-${randomUUID()}`;
  const prisma = createPrisma(databaseUrl);
  const identity: IdentityConfig = {
    secret: new TextEncoder().encode(randomUUID() + randomUUID()),
    issuer: 'case-orchestrator',
    maxLifetimeSeconds: 12 * 3600,
  };
  // Errors only: the tests assert what they expect; the system test reads the info lines.
  const logger = createLogger('error');
  const newWorker = () =>
    startWorker({
      temporalAddress: env.temporalAddress,
      payloadCodec: testWorkerCodec(),
      namespace: 'default',
      taskQueue,
      prisma,
      auditKey: testAuditKey,
      shutdownTimeoutMs: 5000,
      heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
      logger,
    });
  let worker = options.withWorker ? await newWorker() : undefined;
  const connection = await Connection.connect({ address: env.temporalAddress });
  const auditUrl = new URL(databaseUrl);
  if (options.auditUnavailable) auditUrl.pathname = '/no_such_database';
  const pool = new Pool({ connectionString: auditUrl.toString(), max: 5 });
  // As in composition/system.ts: an idle connection closed by the server does not end the process.
  pool.on('error', () => undefined);
  const payloadCodec = testClientCodec();
  const client = apiTemporalClient(connection, 'default', payloadCodec);
  const app = createApp({
    temporal: client,
    prisma,
    payloadCodec,
    codecCorsOrigins: options.codecCorsOrigins ?? [],
    pool,
    auditKey: testAuditKey,
    namespace: 'default',
    taskQueue,
    identity,
    publicLookupsPerMinute: options.publicLookupsPerMinute ?? 1000,
    unauthenticatedPerMinute: options.unauthenticatedPerMinute ?? 100_000,
    workerHeartbeatFreshnessSeconds: options.workerHeartbeatFreshnessSeconds ?? 15,
    logger,
    ...(options.workflowCallTimeoutMs
      ? { workflowCallTimeoutMs: options.workflowCallTimeoutMs }
      : {}),
    ...(options.policyOverrides ? { policyOverrides: options.policyOverrides } : {}),
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    devSignIn: options.devSignIn ?? false,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  const testApp: TestApp = {
    baseUrl: `http://127.0.0.1:${port}`,
    identity,
    token: (principal, ttlSeconds = 3600) => issueToken(identity, principal, ttlSeconds),
    client,
    prisma,
    pool,
    taskQueue,
    worker,
    async restartWorker() {
      await worker?.stop();
      worker = await newWorker();
      testApp.worker = worker;
    },
    async close() {
      (app.locals.closeStreams as (() => void) | undefined)?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker?.stop();
      await connection.close();
      await pool.end();
      await prisma.$disconnect();
    },
  };
  return testApp;
}

/** Polls `read` until `done` holds for its value, or fails with the last value seen. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(
        `condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await read();
  }
  return last;
}

/**
 * Sends Updates that all arrive in one workflow task: the workflow waits on a task queue no worker
 * polls until they are all sent, then a worker starts. As after a worker restart during a burst,
 * their validators all run before the first handler changes anything. Fails if they are not all
 * answered within 20 s (a wedged workflow task retries forever).
 */
export async function deliveredTogether<T>(
  app: TestApp,
  taskQueue: string,
  send: () => Array<Promise<T>>,
): Promise<Array<PromiseSettledResult<T>>> {
  const sent = send();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const worker = await startWorker({
    temporalAddress: testEnvironment().temporalAddress,
    payloadCodec: testWorkerCodec(),
    namespace: 'default',
    taskQueue,
    prisma: app.prisma,
    auditKey: testAuditKey,
    shutdownTimeoutMs: 5000,
    heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
    logger: createLogger('error'),
  });
  try {
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('no answer within 20 s: the workflow is stuck')),
        20_000,
      );
    });
    try {
      return await Promise.race([Promise.allSettled(sent), stuck]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await worker.stop();
  }
}
