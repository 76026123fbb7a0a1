// A Temporal dev server on a free port (in memory, headless) and a fresh, migrated PostgreSQL
// database: what the integration tests and the history recorder run against. PostgreSQL is the
// server at 127.0.0.1:5432 where it answers (TEST_POSTGRES_ADMIN_URL overrides), else an embedded
// one in a temporary folder.
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../platform/embedded-postgres';
import { prepareDatabase, provisionDatabase, urlAs } from '../../platform/database-roles';
import { ensureTemporalCli } from '../../platform/temporal-cli';
import { startTemporalDevServer } from '../../platform/temporal-server';
import { dropDatabase } from './databases';
import { freePort } from './ports';
import { TEST_ROLES, type TestEnvironment } from './test-env';

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

export async function startTestServices(log: (line: string) => void) {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
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
      adminUrl = embedded.adminUrl;
    }
    // As in production: the system connects as the application role, migrations run as the owner.
    const database = `case_orchestrator_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await provisionDatabase(adminUrl, database, TEST_ROLES);
    const databaseUrl = urlAs(adminUrl, database, TEST_ROLES.app);
    const ownerUrl = urlAs(adminUrl, database, TEST_ROLES.owner);
    stops.push(() => dropDatabase(adminUrl, databaseUrl).catch(() => undefined));
    await prepareDatabase({ appUrl: databaseUrl, ownerUrl, allowPrivileged: false, log });
    const env: TestEnvironment = {
      temporalAddress: temporal.address,
      databaseUrl,
      ownerUrl,
      adminUrl,
    };
    return { env, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
