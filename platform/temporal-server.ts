// Runs the Temporal dev server (`temporal server start-dev`) as a child process and waits until
// its frontend answers. With a db file, workflows survive a restart of the server.
import { chmodSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { Connection, type TLSConfig } from '@temporalio/client';
import { spawnService, waitUntilReady, type ChildService } from './child-service';

export interface RunningTemporal {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  cliPath: string;
  port: number;
  /** Omit for a headless server (tests). */
  uiPort?: number;
  /** Omit for an in-memory server (tests). */
  dbFile?: string;
  /** Where an earlier version kept the file (DATA_DIR itself, shared with PostgreSQL): moved once. */
  legacyDbFile?: string;
  pidFile?: string;
  namespace: string;
  timeoutMs: number;
  log: (line: string) => void;
}

async function probeTemporal(address: string, tls?: TLSConfig) {
  const connection = await Connection.connect({
    address,
    connectTimeout: 2000,
    ...(tls ? { tls } : {}),
  });
  try {
    await connection.workflowService.getSystemInfo({});
  } finally {
    await connection.close();
  }
}

/** Resolves once a Temporal frontend answers at `address`, or throws an actionable error. */
export async function waitForTemporal(
  address: string,
  timeoutMs: number,
  service?: ChildService,
  tls?: TLSConfig,
): Promise<void> {
  try {
    await waitUntilReady(service, () => probeTemporal(address, tls), timeoutMs);
  } catch (error) {
    throw new Error(
      `Cannot reach Temporal at ${address}: ${(error as Error).message}. ` +
        (service
          ? 'If a port is taken, set TEMPORAL_PORT / TEMPORAL_UI_PORT to free ports, or set ' +
            'TEMPORAL_ADDRESS to use a server that is already running.'
          : 'Check that the server is running and that TEMPORAL_ADDRESS is its frontend ' +
            'host:port, or unset TEMPORAL_ADDRESS to run the embedded dev server.'),
    );
  }
}

export async function startTemporalDevServer(options: DevServerOptions): Promise<RunningTemporal> {
  const address = `127.0.0.1:${options.port}`;
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port)];
  args.push('--log-level', 'error');
  if (options.namespace !== 'default') args.push('--namespace', options.namespace);
  if (options.dbFile) {
    // The SQLite file holds every history (payloads are ciphertext, but workflow ids, types and
    // timers are clear): it and its folder (of its own) are readable by their owner only.
    mkdirSync(path.dirname(options.dbFile), { recursive: true, mode: 0o700 });
    chmodSync(path.dirname(options.dbFile), 0o700);
    if (options.legacyDbFile && existsSync(options.legacyDbFile) && !existsSync(options.dbFile)) {
      for (const suffix of ['', '-wal', '-shm'])
        if (existsSync(options.legacyDbFile + suffix))
          renameSync(options.legacyDbFile + suffix, options.dbFile + suffix);
    }
    // Not created here: the server initialises its schema only in a file it creates itself (an
    // empty one fails with "no such table: namespaces"); the folder is its owner's alone anyway.
    if (existsSync(options.dbFile)) chmodSync(options.dbFile, 0o600);
    args.push('--db-filename', options.dbFile);
  }
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');

  const service = await spawnService({
    name: 'The Temporal dev server',
    command: options.cliPath,
    args,
    pidFile: options.pidFile,
    stopSignal: 'SIGTERM',
    forceSignal: 'SIGKILL',
    stopTimeoutMs: 10_000,
    log: options.log,
  });
  try {
    await waitForTemporal(address, options.timeoutMs, service);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return {
    address,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    stop: () => service.stop(),
  };
}
