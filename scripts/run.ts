// Shared by the start, worker and api scripts: validate configuration, start the chosen parts,
// print where things are, and stop cleanly on Ctrl-C / SIGTERM (a second signal forces the exit).
import { ConfigError, environmentWithDotEnv, loadConfig } from '../platform/config';
import { startSystem } from '../composition/system';
import { buildWebApp } from '../composition/web-build';

const REPEATED_SIGNAL_WINDOW_MS = 1000;

export async function run(parts: { runWorker: boolean; runApi: boolean; startEmbedded: boolean }) {
  const log = (line: string) => console.log(line);
  let config;
  try {
    config = loadConfig(environmentWithDotEnv(process.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }

  let stopping: Promise<void> | undefined;
  let firstSignalAt = 0;
  let stopSystem: (() => Promise<void>) | undefined;
  const stop = (why: string, exitCode: number) => {
    if (stopping) {
      // One Ctrl-C can arrive twice: from the terminal to the whole process group, and relayed
      // by npm and tsx. Only a second signal a moment later is a person insisting.
      if (Date.now() - firstSignalAt < REPEATED_SIGNAL_WINDOW_MS) return;
      console.error(`[stop] ${why} again: exiting without waiting`);
      process.exit(1);
    }
    firstSignalAt = Date.now();
    log(`[stop] ${why}: stopping (again to force)`);
    // The worker's native side holds no event-loop handle while it drains; without this timer
    // Node would see nothing left to do and exit before the worker had finished.
    setInterval(() => undefined, 1000);
    stopping = (stopSystem?.() ?? Promise.resolve()).then(() => {
      log('[stop] stopped');
      process.exit(exitCode);
    });
  };
  process.on('SIGINT', () => stop('SIGINT', 0));
  process.on('SIGTERM', () => stop('SIGTERM', 0));

  if (parts.runApi) {
    // The workbench, unless the last build is of the same sources (npm install built it).
    try {
      buildWebApp({ log });
    } catch (error) {
      console.error(
        `[web] the workbench could not be built, so the API runs without it: ${(error as Error).message}`,
      );
    }
  }

  try {
    const system = await startSystem({
      config,
      ...parts,
      log,
      onFatal: (error) => {
        console.error(`[worker] stopped with an error: ${error.message}`);
        stop('worker failure', 1);
      },
    });
    stopSystem = system.stop;
    if (stopping) return; // a signal arrived during start-up
    log('');
    log('case-orchestrator is running');
    if (system.apiUrl) {
      log(`  Workbench     ${system.apiUrl}/  (执法办案工作台: open it in a browser)`);
      log(`  API           ${system.apiUrl}`);
      log(`  API docs      ${system.apiUrl}/docs  (OpenAPI: ${system.apiUrl}/openapi.json)`);
      log(`  readiness     ${system.apiUrl}/readyz`);
    }
    log(`  Temporal      ${system.temporalAddress}`);
    if (system.temporalUiUrl) log(`  Temporal UI   ${system.temporalUiUrl}`);
    log('Press Ctrl-C to stop.');
  } catch (error) {
    console.error(`[start] failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
