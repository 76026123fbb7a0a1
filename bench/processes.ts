// The bench's child processes (the two workers) and what /proc says about a process: its resident
// memory and the CPU time it and its descendants have used.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const projectRoot = path.resolve(__dirname, '..');
const tsxLoader = pathToFileURL(
  path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs'),
).href;

export interface ChildScript {
  name: string;
  pid: number;
  /** Resolves once the child printed `ready`; rejects if it exits first. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Runs a TypeScript file of this project as a child process, in an empty working folder (so
 * that no .env leaks in). It stays in the bench's process group: a Ctrl-C that reaches the group
 * stops it too (both workers stop cleanly on SIGINT), even if the bench itself is killed. */
export function runScript(
  name: string,
  file: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): ChildScript {
  const cwd = mkdtempSync(path.join(tmpdir(), 'case-orchestrator-bench-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', tsxLoader, path.join(projectRoot, file), ...args],
    { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  const readyPromise = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
      if (ready.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`${name} exited before it was ready:\n${output}`)));
  });
  return {
    name,
    pid: child.pid!,
    ready: readyPromise,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (isRunning()) {
        const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.kill('SIGTERM');
        await exited;
        clearTimeout(force);
      }
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

let clockTicks: number | undefined;
/** Clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, in ticks. */
  cpu: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), cpu: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) used so far by a process and every live descendant of it. */
export function cpuSeconds(pid: number): number {
  const all = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readStat(Number(entry)))
    .filter((stat): stat is ProcStat => stat !== undefined);
  const children = new Map<number, ProcStat[]>();
  for (const stat of all) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  let ticks = 0;
  const queue = all.filter((stat) => stat.pid === pid);
  while (queue.length > 0) {
    const stat = queue.pop()!;
    ticks += stat.cpu;
    queue.push(...(children.get(stat.pid) ?? []));
  }
  return ticks / ticksPerSecond();
}

/** Resident memory of a process, in MiB (VmRSS). */
export function rssMiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}
