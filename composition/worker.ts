// The Temporal worker: runs the workflows (bundled from workflows/) and the activities.
import type { PayloadCodec } from '@temporalio/common';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { AuditKey } from '../platform/audit-mac';
import type { Prisma } from '../platform/database';
import { activityLogging, temporalLogger, type Logger } from '../platform/logging';
import { startHeartbeat } from '../platform/worker-heartbeat';

/** The workflow code and its interceptors, as the worker and the replay test bundle them. */
export const WORKFLOW_CODE = {
  workflowsPath: require.resolve('../workflows'),
  interceptors: { workflowModules: [require.resolve('../workflows/interceptors')] },
};

export interface WorkerOptions {
  temporalAddress: string;
  /** TLS to the frontend (platform/temporal-tls.ts); unset: plain gRPC. */
  tls?: TLSConfig;
  /** Encrypts what the worker sends and authenticates what it receives (platform/payload-codec.ts,
   * in 'mark' mode so that a forged payload is refused by the workflow, not retried forever). */
  payloadCodec: PayloadCodec;
  namespace: string;
  taskQueue: string;
  prisma: Prisma;
  /** MACs the audit events the activities write (platform/audit-mac.ts). */
  auditKey: AuditKey;
  shutdownTimeoutMs: number;
  /** The sticky cache's size (unset: the SDK's, from the heap) and the activities run at once. */
  maxCachedWorkflows?: number;
  maxConcurrentActivities?: number;
  /** How often the worker's heartbeat row is written (platform/worker-heartbeat.ts). */
  heartbeatIntervalMs: number;
  /** Where the runtime, workflow and activity log lines go (the first worker of a process sets it). */
  logger: Logger;
}

export interface RunningWorker {
  /** The id of its heartbeat row. */
  workerId: string;
  /** Stops polling, lets running activities finish (up to the shutdown timeout), then resolves. */
  stop(): Promise<void>;
  /** Settles when the worker stops; rejects if it stopped because of an error. */
  done: Promise<void>;
}

let runtimeInstalled = false;

/**
 * Once per process, before the first connection: JSON log lines through pino (the SDK's own INFO
 * lines left out, see temporalLogger), and no signal handlers of its own: scripts/run.ts owns
 * SIGINT/SIGTERM so that the API stops first and the database and Temporal last.
 */
function installRuntime(logger: Logger) {
  if (runtimeInstalled) return;
  Runtime.install({ logger: temporalLogger(logger), shutdownSignals: [] });
  runtimeInstalled = true;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  installRuntime(options.logger);
  const connection = await NativeConnection.connect({
    address: options.temporalAddress,
    ...(options.tls ? { tls: options.tls } : {}),
  });
  let worker: Worker;
  try {
    worker = await Worker.create({
      connection,
      namespace: options.namespace,
      taskQueue: options.taskQueue,
      dataConverter: { payloadCodecs: [options.payloadCodec] },
      ...WORKFLOW_CODE,
      interceptors: { ...WORKFLOW_CODE.interceptors, activity: [activityLogging] },
      activities: createActivities(options.prisma, options.auditKey),
      shutdownGraceTime: options.shutdownTimeoutMs,
      ...(options.maxCachedWorkflows !== undefined
        ? { maxCachedWorkflows: options.maxCachedWorkflows }
        : {}),
      ...(options.maxConcurrentActivities !== undefined
        ? { maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities }
        : {}),
    });
  } catch (error) {
    await connection.close();
    throw error;
  }
  const running = worker.run();
  const heartbeat = await startHeartbeat({
    prisma: options.prisma,
    taskQueue: options.taskQueue,
    intervalMs: options.heartbeatIntervalMs,
    logger: options.logger,
  });
  // A worker that stopped on its own (an error) beats no more either.
  const done = running.finally(async () => {
    await heartbeat.stop();
    await connection.close();
  });
  return {
    workerId: heartbeat.workerId,
    done,
    async stop() {
      // The row goes first: from now on /readyz no longer counts this worker.
      await heartbeat.stop();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
