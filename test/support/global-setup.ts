// Once per test run: a Temporal dev server on a free port (in memory, headless) and a fresh
// PostgreSQL database, migrated. PostgreSQL is the server at 127.0.0.1:5432 where it answers
// (TEST_POSTGRES_ADMIN_URL overrides), else an embedded one in a temporary folder.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../platform/embedded-postgres';
import { migrate } from '../../platform/migrate';
import { ensureTemporalCli } from '../../platform/temporal-cli';
import { startTemporalDevServer } from '../../platform/temporal-server';
import { createDatabase } from './databases';
import { freePort } from './ports';
import { publishTestEnvironment } from './test-env';

const LOCAL_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

async function reachable(url: string) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function globalSetup() {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const stops: Array<() => Promise<void>> = [];
  (globalThis as { __stopTestServices?: typeof stops }).__stopTestServices = stops;

  const cliPath = await ensureTemporalCli(log);
  const temporal = await startTemporalDevServer({
    cliPath,
    port: await freePort(),
    namespace: 'default',
    timeoutMs: 60_000,
    log,
  });
  stops.push(temporal.stop);

  let adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? LOCAL_ADMIN_URL;
  if (!(await reachable(adminUrl))) {
    log(`[test] no PostgreSQL at ${adminUrl}: starting an embedded one`);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'case-orchestrator-test-'));
    chmodSync(dataDir, 0o755); // as root, the server runs as `postgres`, which must enter it
    const embedded = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      timeoutMs: 60_000,
      log,
    });
    stops.push(embedded.stop);
    const url = new URL(embedded.url);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  }
  const databaseUrl = await createDatabase(adminUrl, 'case_orchestrator_test');
  await migrate(databaseUrl);
  publishTestEnvironment({ temporalAddress: temporal.address, databaseUrl, adminUrl });
}
