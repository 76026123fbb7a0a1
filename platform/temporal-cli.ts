// Finds or builds the Temporal CLI, which contains the real Temporal server (`start-dev`).
// Order: a `temporal` on PATH; else the pinned version in .tools/, built from the Go module proxy
// when missing (the vendor's binary download does not work on these machines).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/** v1.5.1 is the newest CLI that `go install` accepts (later ones carry a go.mod replace). */
export const TEMPORAL_CLI_VERSION = '1.5.1';
const MODULE = 'github.com/temporalio/cli/cmd/temporal';
const projectRoot = path.resolve(__dirname, '..');
export const pinnedCliPath = path.join(
  projectRoot,
  '.tools',
  `temporal-${TEMPORAL_CLI_VERSION}`,
  'temporal',
);

function onPath(command: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const where = found.stdout.trim();
  return found.status === 0 && where ? where : undefined;
}

export function findTemporalCli(): string | undefined {
  return onPath('temporal') ?? (existsSync(pinnedCliPath) ? pinnedCliPath : undefined);
}

function findGo(): string | undefined {
  return onPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
}

/** Returns the CLI's path, building the pinned version first if no CLI is available. */
export async function ensureTemporalCli(log: (line: string) => void): Promise<string> {
  const existing = findTemporalCli();
  if (existing) return existing;

  const go = findGo();
  if (!go) {
    throw new Error(
      `The Temporal CLI is not installed and Go is not available to build it. Install Go 1.25 or ` +
        `newer (https://go.dev/dl/, or /usr/local/go/bin on PATH), or put a \`temporal\` binary ` +
        `on PATH, or set TEMPORAL_ADDRESS to an existing Temporal server.`,
    );
  }
  // Build into a scratch folder and move the binary into place, so that an interrupted build never
  // leaves a half-written binary where the next run would take it for the real one.
  const scratch = `${path.dirname(pinnedCliPath)}.building-${process.pid}`;
  mkdirSync(scratch, { recursive: true });
  log(
    `[temporal:install] building Temporal CLI v${TEMPORAL_CLI_VERSION} from the Go module proxy ` +
      `into ${path.relative(projectRoot, pinnedCliPath)} (a first build takes a few minutes)`,
  );
  const started = Date.now();
  let built = 0;
  let latest = '';
  const ticker = setInterval(() => {
    const elapsed = Math.round((Date.now() - started) / 1000);
    log(
      `[temporal:install] … ${elapsed}s, ${built} packages compiled${latest ? `, now ${latest}` : ''}`,
    );
  }, 15_000);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        go,
        [
          'install',
          '-v',
          '-ldflags',
          `-X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
          `${MODULE}@v${TEMPORAL_CLI_VERSION}`,
        ],
        {
          env: { ...process.env, GOBIN: scratch, CGO_ENABLED: '0' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let tail = '';
      const onOutput = (chunk: Buffer) => {
        const text = chunk.toString();
        tail = (tail + text).slice(-4000);
        for (const line of text.split('\n')) {
          if (line.startsWith('go: downloading')) latest = line.slice('go: '.length);
          else if (line.trim() && !line.startsWith('go:')) {
            built += 1;
            latest = line.trim();
          }
        }
      };
      child.stdout.on('data', onOutput);
      child.stderr.on('data', onOutput);
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`go install exited with ${code}:\n${tail}`)),
      );
    });
    mkdirSync(path.dirname(pinnedCliPath), { recursive: true });
    renameSync(path.join(scratch, 'temporal'), pinnedCliPath);
  } finally {
    clearInterval(ticker);
    rmSync(scratch, { recursive: true, force: true });
  }
  log(
    `[temporal:install] built in ${Math.round((Date.now() - started) / 1000)}s: ${pinnedCliPath}`,
  );
  return pinnedCliPath;
}
