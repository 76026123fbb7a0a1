// A server we run as a child process (the Temporal dev server, the embedded PostgreSQL).
//
// Children run in their own process group, so a Ctrl-C in the terminal reaches only our process,
// which then stops things in order: API, worker (draining against a live Temporal), database,
// Temporal. A pid file lets the next start clean up after a run that was killed outright.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ChildService {
  name: string;
  /** The tail of what the child printed, for error messages. */
  output(): string;
  /** Why the child is not running, if it exited. */
  exitReason(): string | undefined;
  stop(): Promise<void>;
}

export interface SpawnServiceOptions {
  name: string;
  command: string;
  args: string[];
  pidFile?: string;
  /** Run as another user (PostgreSQL refuses to run as root). */
  user?: { uid: number; gid: number };
  /** The polite stop signal, then a forceful one after `stopTimeoutMs`. */
  stopSignal: NodeJS.Signals;
  forceSignal: NodeJS.Signals;
  stopTimeoutMs: number;
  log: (line: string) => void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a child left behind by an earlier run of ours (its pid file names it). */
async function stopLeftover(pidFile: string, expectedCommand: string, log: (line: string) => void) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  let commandLine = '';
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return;
  }
  if (!commandLine.includes(path.basename(expectedCommand))) return;
  log(`[${path.basename(expectedCommand)}] stopping pid ${pid}, left running by an earlier run`);
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

export async function spawnService(options: SpawnServiceOptions): Promise<ChildService> {
  if (options.pidFile) {
    mkdirSync(path.dirname(options.pidFile), { recursive: true });
    await stopLeftover(options.pidFile, options.command, options.log);
  }
  const child: ChildProcess = spawn(options.command, options.args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.user ?? {}),
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | undefined;
  child.on('error', (error) => (spawnError = error));
  if (options.pidFile && child.pid) writeFileSync(options.pidFile, `${child.pid}\n`);

  // If our process exits without stopping the child (an uncaught error), take it down with us.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(options.forceSignal);
  };
  process.once('exit', killOnExit);

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name: options.name,
    output: () => output.trim(),
    exitReason() {
      if (spawnError) return `cannot run ${options.command}: ${spawnError.message}`;
      if (child.exitCode !== null) return `exited with code ${child.exitCode}`;
      if (child.signalCode !== null) return `was killed by ${child.signalCode}`;
      return undefined;
    },
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null && !spawnError) {
        const force = setTimeout(() => child.kill(options.forceSignal), options.stopTimeoutMs);
        child.kill(options.stopSignal);
        await exited;
        clearTimeout(force);
      }
      if (options.pidFile) rmSync(options.pidFile, { force: true });
    },
  };
}

/** Polls `probe` until it succeeds, the child dies, or the time runs out. */
export async function waitUntilReady(
  service: ChildService | undefined,
  probe: () => Promise<void>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const died = service?.exitReason();
    if (died) {
      throw new Error(
        `${service!.name} ${died} before it was ready. Its last output:\n${service!.output()}`,
      );
    }
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(
    `not ready within ${Math.round(timeoutMs / 1000)}s: ${(lastError as Error)?.message ?? lastError}`,
  );
}
