// Generates the Prisma client into generated/prisma, offline if need be.
//
// The Prisma CLI downloads its schema engine before every command, even `generate`, which never
// runs it. Where the download is impossible (an offline machine) we point
// PRISMA_SCHEMA_ENGINE_BINARY at an existing executable, as ENVIRONMENT.md describes; on a
// connected machine the first, ordinary attempt succeeds and nothing is faked.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..');
const schemaPath = path.join(projectRoot, 'prisma', 'schema.prisma');
const outputDir = path.join(projectRoot, 'generated', 'prisma');
const stampPath = path.join(outputDir, '.schema-sha256');

const ENGINE_DOWNLOAD_FAILURE =
  /binaries\.prisma\.sh|getaddrinfo|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|Failed to fetch|failed to download/i;

function schemaHash(): string {
  return createHash('sha256').update(readFileSync(schemaPath)).digest('hex');
}

export function prismaClientIsCurrent(): boolean {
  return existsSync(stampPath) && readFileSync(stampPath, 'utf8').trim() === schemaHash();
}

function runGenerate(extraEnv: NodeJS.ProcessEnv): { ok: boolean; output: string } {
  const prismaCli = require.resolve('prisma/build/index.js', { paths: [projectRoot] });
  const result = spawnSync(process.execPath, [prismaCli, 'generate'], {
    cwd: projectRoot,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', ...extraEnv },
    encoding: 'utf8',
  });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

export function generatePrismaClient(options: { force?: boolean; log?: (line: string) => void }) {
  const log = options.log ?? ((line: string) => console.log(line));
  if (!options.force && prismaClientIsCurrent()) {
    log('[prisma] client is up to date with prisma/schema.prisma');
    return;
  }
  log('[prisma] generating the client from prisma/schema.prisma …');
  let attempt = runGenerate({});
  if (
    !attempt.ok &&
    !process.env.PRISMA_SCHEMA_ENGINE_BINARY &&
    ENGINE_DOWNLOAD_FAILURE.test(attempt.output)
  ) {
    log(
      '[prisma] the schema engine cannot be downloaded here (offline); generating without it ' +
        '(PRISMA_SCHEMA_ENGINE_BINARY set to node, which `generate` never runs)',
    );
    attempt = runGenerate({ PRISMA_SCHEMA_ENGINE_BINARY: process.execPath });
  }
  if (!attempt.ok) {
    throw new Error(`prisma generate failed:\n${attempt.output}`);
  }
  writeFileSync(stampPath, `${schemaHash()}\n`);
  log('[prisma] client generated in generated/prisma');
}
