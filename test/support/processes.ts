// Runs the project's own entry points (scripts/start.ts, worker.ts, api.ts) as child processes,
// the way a person runs them, and watches what they print.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const projectRoot = path.resolve(__dirname, '..', '..');
const tsxLoader = pathToFileURL(
  path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs'),
).href;

/** Variables that would point a child at the developer's own services. */
const INHERITED_CONFIG = [
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'PORT',
  'DATA_DIR',
  'JWT_SECRET',
  'TEMPORAL_PORT',
  'TEMPORAL_UI_PORT',
  'EMBEDDED_POSTGRES_PORT',
  'TEMPORAL_PAYLOAD_KEYS',
  'TEMPORAL_PAYLOAD_ACCEPT_PLAINTEXT',
  'TEMPORAL_TLS_CERT',
  'TEMPORAL_TLS_KEY',
  'TEMPORAL_TLS_CA',
  'TEMPORAL_TLS_SERVER_NAME',
];

export interface RunningScript {
  child: ChildProcess;
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
  exited(timeoutMs: number): Promise<number | null>;
}

export function runScript(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
): RunningScript {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_CONFIG) delete childEnv[name];
  // A working directory of its own, so that a developer's .env never leaks into the test.
  const cwd = mkdtempSync(path.join(tmpdir(), `case-orchestrator-${script}-`));
  const child = spawn(
    process.execPath,
    ['--import', tsxLoader, path.join(projectRoot, 'scripts', `${script}.ts`), ...args],
    {
      cwd,
      env: { ...childEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return {
    child,
    output: () => output,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(output)) {
            cleanup();
            resolve();
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `${script} did not print ${pattern} within ${timeoutMs} ms. Output:\n${output}`,
            ),
          );
        }, timeoutMs);
        const onExit = () => {
          cleanup();
          reject(new Error(`${script} exited before printing ${pattern}. Output:\n${output}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    exited(timeoutMs) {
      return Promise.race([
        exit,
        new Promise<number | null>((_, reject) =>
          setTimeout(
            () =>
              reject(
                new Error(`${script} did not exit within ${timeoutMs} ms. Output:\n${output}`),
              ),
            timeoutMs,
          ).unref(),
        ),
      ]);
    },
  };
}
