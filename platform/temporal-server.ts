// Runs the Temporal dev server (`temporal server start-dev`) as a child process and waits until
// its frontend answers. With a db file, workflows survive a restart of the server.
import { Connection } from '@temporalio/client';
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
  pidFile?: string;
  namespace: string;
  timeoutMs: number;
  log: (line: string) => void;
}

async function probeTemporal(address: string) {
  const connection = await Connection.connect({ address, connectTimeout: 2000 });
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
): Promise<void> {
  try {
    await waitUntilReady(service, () => probeTemporal(address), timeoutMs);
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
  if (options.dbFile) args.push('--db-filename', options.dbFile);
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
