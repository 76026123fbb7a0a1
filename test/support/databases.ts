import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { prepareDatabase, provisionDatabase, urlAs } from '../../platform/database-roles';
import { TEST_ROLES } from './test-env';

/** Creates an empty database for one test or run and returns its URL. */
export async function createDatabase(adminUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(adminUrl: string, databaseUrl: string) {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * A database of one test's own, provisioned and migrated as the run's shared one is: the owner
 * migrates, the application role is granted its rights. Drop it with dropDatabase(adminUrl, …).
 */
export async function migratedDatabase(
  adminUrl: string,
  prefix: string,
): Promise<{ databaseUrl: string; ownerUrl: string }> {
  const database = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await provisionDatabase(adminUrl, database, TEST_ROLES);
  const databaseUrl = urlAs(adminUrl, database, TEST_ROLES.app);
  const ownerUrl = urlAs(adminUrl, database, TEST_ROLES.owner);
  await prepareDatabase({ appUrl: databaseUrl, ownerUrl, allowPrivileged: false, log: () => {} });
  return { databaseUrl, ownerUrl };
}
