// Applies the SQL migrations in prisma/migrations the way `prisma migrate deploy` does, without
// Prisma's schema engine (which cannot be downloaded on these machines): same folder layout, same
// `_prisma_migrations` bookkeeping, same advisory lock, so that Prisma's own `migrate deploy` and
// `migrate status` on a connected machine agree with what this runner did.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, type Pool } from 'pg';

type Queryable = Pick<Client, 'query'> | Pick<Pool, 'query'>;

export const defaultMigrationsDir = path.resolve(__dirname, '..', 'prisma', 'migrations');

/** The lock key Prisma's schema engine takes, so this runner and Prisma exclude each other. */
const PRISMA_MIGRATION_LOCK_KEY = 72707369;

// The table exactly as Prisma's schema engine creates it for PostgreSQL.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Prisma accepts a script whose line endings git changed, so we do too. */
function checksumMatches(sql: string, recorded: string): boolean {
  return [sql, sql.replace(/\r\n/g, '\n'), sql.replace(/\r?\n/g, '\r\n')].some(
    (variant) => sha256(variant) === recorded,
  );
}

export function readLocalMigrations(dir = defaultMigrationsDir): LocalMigration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')),
    )
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: sha256(sql) };
    });
}

export interface MigrationPlan {
  pending: LocalMigration[];
  /** Applied in the database but absent here: a newer build migrated this database. */
  unknownApplied: string[];
}

/** Compares the folder with `_prisma_migrations`; throws for edited or failed migrations. */
export function planMigrations(local: LocalMigration[], applied: AppliedRow[]): MigrationPlan {
  const appliedByName = new Map<string, AppliedRow>();
  for (const row of applied) {
    if (row.rolled_back_at) continue;
    if (!row.finished_at) {
      throw new MigrationError(
        `Migration ${row.migration_name} started but did not finish in this database. ` +
          'Inspect the database, repair it by hand, then mark the migration rolled back ' +
          `(prisma migrate resolve --rolled-back ${row.migration_name}) before starting again.`,
      );
    }
    appliedByName.set(row.migration_name, row);
  }
  const pending: LocalMigration[] = [];
  for (const migration of local) {
    const row = appliedByName.get(migration.name);
    if (!row) {
      pending.push(migration);
    } else if (!checksumMatches(migration.sql, row.checksum)) {
      throw new MigrationError(
        `Migration ${migration.name} was changed after it was applied: its checksum is now ` +
          `${migration.checksum}, the database recorded ${row.checksum}. Applied migrations must ` +
          'never be edited: restore prisma/migrations/' +
          `${migration.name}/migration.sql (git checkout) and put the change in a new migration.`,
      );
    }
  }
  const localNames = new Set(local.map((migration) => migration.name));
  const unknownApplied = [...appliedByName.keys()].filter((name) => !localNames.has(name));
  return { pending, unknownApplied };
}

async function readApplied(client: Queryable): Promise<AppliedRow[]> {
  const exists = await client.query(`SELECT to_regclass('"_prisma_migrations"') AS name`);
  if (!exists.rows[0]?.name) return [];
  const result = await client.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  );
  return result.rows;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
  unknownApplied: string[];
}

/** Applies every pending migration, each in its own transaction, under Prisma's advisory lock. */
export async function migrate(
  databaseUrl: string,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrateResult> {
  const log = options.log ?? (() => undefined);
  const local = readLocalMigrations(options.dir);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATION_LOCK_KEY]);
    try {
      // Only when missing: a role that may read the bookkeeping but not create tables (the
      // application's) can then run this to find nothing pending.
      const exists = await client.query(`SELECT to_regclass('"_prisma_migrations"') AS name`);
      if (!exists.rows[0]?.name) await client.query(CREATE_MIGRATIONS_TABLE);
      const plan = planMigrations(local, await readApplied(client));
      for (const name of plan.unknownApplied) {
        log(`[migrate] warning: ${name} is applied in the database but not in prisma/migrations`);
      }
      for (const migration of plan.pending) {
        log(`[migrate] applying ${migration.name}`);
        await client.query('BEGIN');
        try {
          const startedAt = new Date();
          await client.query(migration.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations"
               (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
             VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
            [randomUUID(), migration.checksum, migration.name, startedAt],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new MigrationError(
            `Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`,
          );
        }
      }
      return {
        applied: plan.pending.map((migration) => migration.name),
        alreadyApplied: local.length - plan.pending.length,
        unknownApplied: plan.unknownApplied,
      };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

/** For readiness: the names of local migrations not yet applied (throws if the DB is unreachable). */
export async function pendingMigrations(db: Queryable, dir?: string): Promise<string[]> {
  const plan = planMigrations(readLocalMigrations(dir), await readApplied(db));
  return plan.pending.map((migration) => migration.name);
}
