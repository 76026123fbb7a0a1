// Connections to PostgreSQL: the Prisma client for the application's records, and checks that
// turn a connection failure into a message a person can act on.
import { PrismaPg } from '@prisma/adapter-pg';
import { Client } from 'pg';
import { PrismaClient } from '../generated/prisma/client';

export type Prisma = PrismaClient;

export function createPrisma(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

/** The URL without its password, for messages and logs. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Connects once within the timeout, or throws an error that says what to check. */
export async function assertDatabaseReachable(
  databaseUrl: string,
  timeoutMs: number,
  variable = 'DATABASE_URL',
) {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `Cannot reach PostgreSQL at ${redactUrl(databaseUrl)}: ${(error as Error).message || String(error)}. ` +
        `Check that the server is running and that ${variable} (host, port, user, password, ` +
        'database) is right, or unset DATABASE_URL to use the embedded PostgreSQL.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database named in the URL if it does not exist (connecting to `postgres`). */
export async function ensureDatabaseExists(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) return;
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    }
  } catch (error) {
    // Two processes creating the same database at once: the loser sees "already exists".
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await admin.end();
  }
}
