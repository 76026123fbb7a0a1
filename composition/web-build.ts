// Builds the workbench (web/) into generated/web, and before it the API's OpenAPI document and the
// TypeScript types the app's client is checked against (generated/openapi.json,
// generated/openapi-types.ts): a changed API breaks the build, not the page. Skipped when nothing
// it reads has changed since the last build (a stamp of their hashes).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApp } from '../api/app';
import { openApiDocument } from '../api/docs/routes';

const projectRoot = path.resolve(__dirname, '..');
const generated = path.join(projectRoot, 'generated');
export const WEB_ROOT = path.join(generated, 'web');
const documentPath = path.join(generated, 'openapi.json');
const typesPath = path.join(generated, 'openapi-types.ts');
const stampPath = path.join(generated, '.web-sha256');

/** The API's OpenAPI document, from the routes as registered (no service is contacted). */
export function currentOpenApiDocument() {
  createApp({ codecCorsOrigins: [] } as unknown as Parameters<typeof createApp>[0]);
  return openApiDocument();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

function sourcesHash(document: string): string {
  const hash = createHash('sha256').update(document);
  for (const file of filesUnder(path.join(projectRoot, 'web'))) {
    hash.update(path.relative(projectRoot, file)).update(readFileSync(file));
  }
  hash.update(readFileSync(path.join(projectRoot, 'package-lock.json')));
  return hash.digest('hex');
}

function runTool(what: string, args: string[]) {
  const result = spawnSync(process.execPath, args, { cwd: projectRoot, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${what} failed:\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
}

const tool = (pkg: string, bin: string) =>
  path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [projectRoot] })), bin);

/** Writes the document and its types; returns the document's text. */
export function writeApiTypes(log: (line: string) => void): string {
  mkdirSync(generated, { recursive: true });
  const document = `${JSON.stringify(currentOpenApiDocument(), null, 2)}\n`;
  const unchanged = existsSync(documentPath) && readFileSync(documentPath, 'utf8') === document;
  if (!unchanged || !existsSync(typesPath)) {
    writeFileSync(documentPath, document);
    runTool('openapi-typescript', [
      tool('openapi-typescript', 'bin/cli.js'),
      documentPath,
      '--output',
      typesPath,
      '--silent',
    ]);
    log('[web] API types written to generated/openapi-types.ts');
  }
  return document;
}

/** Builds the app unless the last build is of the same sources; says which it did. */
export function buildWebApp(
  options: { force?: boolean; log?: (line: string) => void } = {},
): 'built' | 'current' {
  const log = options.log ?? ((line: string) => console.log(line));
  const document = writeApiTypes(log);
  const hash = sourcesHash(document);
  if (
    !options.force &&
    existsSync(path.join(WEB_ROOT, 'index.html')) &&
    existsSync(stampPath) &&
    readFileSync(stampPath, 'utf8').trim() === hash
  ) {
    return 'current';
  }
  log('[web] building the workbench (vite build) …');
  const started = Date.now();
  runTool('vite build', [
    tool('vite', 'bin/vite.js'),
    'build',
    '--config',
    path.join(projectRoot, 'web', 'vite.config.ts'),
    '--logLevel',
    'warn',
  ]);
  writeFileSync(stampPath, `${hash}\n`);
  log(`[web] built into generated/web in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}
