// Finds or builds the Temporal CLI, which contains the real Temporal server (`start-dev`).
// Order: a `temporal` on PATH; else the pinned version in .tools/, built from the Go module proxy
// when missing (the vendor's binary download does not work on these machines).
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/** v1.5.1 is the newest CLI that `go install` accepts (later ones carry a go.mod replace). */
export const TEMPORAL_CLI_VERSION = '1.5.1';
const MODULE = 'github.com/temporalio/cli/cmd/temporal';
const projectRoot = path.resolve(__dirname, '..');

/** Where to look; tests point these elsewhere. */
export interface CliSearch {
  /** A PATH-style list of folders (default: $PATH). */
  pathEnv?: string;
  /** The project's tool folder (default: .tools). */
  toolsDir?: string;
  /** Go binaries to try after PATH (default: /usr/local/go/bin/go, where Go's installer puts it). */
  goFallbacks?: string[];
}

export function pinnedCliPath(search: CliSearch = {}): string {
  const toolsDir = search.toolsDir ?? path.join(projectRoot, '.tools');
  return path.join(toolsDir, `temporal-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string, pathEnv: string): string | undefined {
  return pathEnv
    .split(path.delimiter)
    .filter(Boolean)
    .map((folder) => path.join(folder, command))
    .find(isExecutable);
}

/** A `temporal` on PATH first, else the pinned build in the tool folder. */
export function findTemporalCli(search: CliSearch = {}): string | undefined {
  const pinned = pinnedCliPath(search);
  return (
    onPath('temporal', search.pathEnv ?? process.env.PATH ?? '') ??
    (isExecutable(pinned) ? pinned : undefined)
  );
}

function findGo(search: CliSearch): string | undefined {
  const fallbacks = search.goFallbacks ?? ['/usr/local/go/bin/go'];
  return onPath('go', search.pathEnv ?? process.env.PATH ?? '') ?? fallbacks.find(isExecutable);
}

/** Returns the CLI's path, building the pinned version first if no CLI is available. */
export async function ensureTemporalCli(
  log: (line: string) => void,
  search: CliSearch = {},
): Promise<string> {
  const existing = findTemporalCli(search);
  if (existing) return existing;

  const target = pinnedCliPath(search);
  const go = findGo(search);
  if (!go) {
    throw new Error(
      `The Temporal CLI is not installed and Go is not available to build it. Install Go 1.25 or ` +
        `newer (https://go.dev/dl/, or /usr/local/go/bin on PATH), or put a \`temporal\` binary ` +
        `on PATH, or set TEMPORAL_ADDRESS to an existing Temporal server.`,
    );
  }
  // Build into a scratch folder and move the binary into place, so that an interrupted build never
  // leaves a half-written binary where the next run would take it for the real one.
  const scratch = `${path.dirname(target)}.building-${process.pid}`;
  mkdirSync(scratch, { recursive: true });
  log(
    `[temporal:install] building Temporal CLI v${TEMPORAL_CLI_VERSION} from the Go module proxy ` +
      `into ${target} (a first build takes a few minutes)`,
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
    mkdirSync(path.dirname(target), { recursive: true });
    renameSync(path.join(scratch, 'temporal'), target);
  } finally {
    clearInterval(ticker);
    rmSync(scratch, { recursive: true, force: true });
  }
  log(`[temporal:install] built in ${Math.round((Date.now() - started) / 1000)}s: ${target}`);
  return target;
}
