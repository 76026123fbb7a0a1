// The API and (optionally) a worker in this process, against the run's Temporal and PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { createApp } from '../../api/app';
import { createPrisma, type Prisma } from '../../platform/database';
import { startWorker, type RunningWorker } from '../../platform/worker';
import { testEnvironment } from './test-env';

export interface TestApp {
  baseUrl: string;
  client: Client;
  prisma: Prisma;
  taskQueue: string;
  worker?: RunningWorker;
  close(): Promise<void>;
}

export async function startTestApp(options: { withWorker: boolean }): Promise<TestApp> {
  const env = testEnvironment();
  // A task queue of its own, so that workers of other test files never pick up this file's work.
  const taskQueue = `test-${randomUUID()}`;
  const prisma = createPrisma(env.databaseUrl);
  const worker = options.withWorker
    ? await startWorker({
        temporalAddress: env.temporalAddress,
        namespace: 'default',
        taskQueue,
        prisma,
        shutdownTimeoutMs: 5000,
      })
    : undefined;
  const connection = await Connection.connect({ address: env.temporalAddress });
  const pool = new Pool({ connectionString: env.databaseUrl, max: 2 });
  const client = new Client({ connection, namespace: 'default' });
  const app = createApp({
    temporal: client,
    prisma,
    pool,
    namespace: 'default',
    taskQueue,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    client,
    prisma,
    taskQueue,
    worker,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker?.stop();
      await connection.close();
      await pool.end();
      await prisma.$disconnect();
    },
  };
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
