// The Temporal worker: runs the workflows (bundled from workflows/) and the activities.
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { Prisma } from './database';

export interface WorkerOptions {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  prisma: Prisma;
  shutdownTimeoutMs: number;
}

export interface RunningWorker {
  /** Stops polling, lets running activities finish (up to the shutdown timeout), then resolves. */
  stop(): Promise<void>;
  /** Settles when the worker stops; rejects if it stopped because of an error. */
  done: Promise<void>;
}

let runtimeInstalled = false;

/**
 * Once per process, before the first connection: warnings and errors only (the bundler's INFO
 * lines drown the start-up output), and no signal handlers of its own: scripts/run.ts owns
 * SIGINT/SIGTERM so that the API stops first and the database and Temporal last.
 */
function installRuntime() {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  runtimeInstalled = true;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  installRuntime();
  const connection = await NativeConnection.connect({ address: options.temporalAddress });
  let worker: Worker;
  try {
    worker = await Worker.create({
      connection,
      namespace: options.namespace,
      taskQueue: options.taskQueue,
      workflowsPath: require.resolve('../workflows'),
      activities: createActivities(options.prisma),
      shutdownGraceTime: options.shutdownTimeoutMs,
    });
  } catch (error) {
    await connection.close();
    throw error;
  }
  const done = worker.run().finally(() => connection.close());
  return {
    done,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
