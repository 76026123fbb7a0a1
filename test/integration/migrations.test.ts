// The migration runner against a real PostgreSQL: Prisma's bookkeeping, the advisory lock, refusal
// of edited migrations, rollback of failed ones, and a database that matches schema.prisma.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { Client } from 'pg';
import {
  defaultMigrationsDir,
  migrate,
  MigrationError,
  readLocalMigrations,
} from '../../platform/migrate';
import { createDatabase, dropDatabase } from '../support/databases';
import { testEnvironment } from '../support/test-env';

const { adminUrl, databaseUrl: migratedUrl, ownerUrl } = testEnvironment();
const created: string[] = [];

async function freshDatabase() {
  const url = await createDatabase(adminUrl, 'migrations_test');
  created.push(url);
  return url;
}

async function query<T extends object>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function copyOfMigrations() {
  const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  cpSync(defaultMigrationsDir, dir, { recursive: true });
  return dir;
}

afterAll(async () => {
  for (const url of created) await dropDatabase(adminUrl, url);
});

describe('migrate', () => {
  it('applies every migration once and records it the way Prisma does', async () => {
    const url = await freshDatabase();
    const result = await migrate(url);
    const local = readLocalMigrations();
    expect(result.applied).toEqual(local.map((m) => m.name));

    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      finished_at: Date | null;
      logs: string | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>(url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    rows.forEach((row, i) => {
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.checksum).toBe(local[i]!.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    });

    // The table's own shape is Prisma's, so `prisma migrate status` can read it.
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string }>(
      url,
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable])).toEqual([
      ['id', 'character varying', 'NO'],
      ['checksum', 'character varying', 'NO'],
      ['finished_at', 'timestamp with time zone', 'YES'],
      ['migration_name', 'character varying', 'NO'],
      ['logs', 'text', 'YES'],
      ['rolled_back_at', 'timestamp with time zone', 'YES'],
      ['started_at', 'timestamp with time zone', 'NO'],
      ['applied_steps_count', 'integer', 'NO'],
    ]);

    const again = await migrate(url);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(local.length);
  });

  it('lets processes that start at the same time apply each migration exactly once', async () => {
    const url = await freshDatabase();
    const results = await Promise.all([migrate(url), migrate(url), migrate(url), migrate(url)]);
    const appliedNames = results.flatMap((r) => r.applied);
    expect(appliedNames.sort()).toEqual(
      readLocalMigrations()
        .map((m) => m.name)
        .sort(),
    );
    const counts = await query<{ migration_name: string; n: string }>(
      url,
      'SELECT migration_name, count(*) AS n FROM "_prisma_migrations" GROUP BY migration_name',
    );
    expect(counts.every((c) => c.n === '1')).toBe(true);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const url = await freshDatabase();
    const dir = copyOfMigrations();
    await migrate(url, { dir });
    const [first] = readLocalMigrations(dir);
    const file = path.join(dir, first!.name, 'migration.sql');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- an edit\n`);
    await expect(migrate(url, { dir })).rejects.toThrow(MigrationError);
    await expect(migrate(url, { dir })).rejects.toThrow(
      `Migration ${first!.name} was changed after it was applied`,
    );
  });

  it('rolls a failing migration back whole and records nothing for it', async () => {
    const url = await freshDatabase();
    const dir = copyOfMigrations();
    const broken = '29990101000000_broken';
    mkdirSync(path.join(dir, broken));
    writeFileSync(
      path.join(dir, broken, 'migration.sql'),
      'CREATE TABLE "half_done" (id int);\nALTER TABLE "no_such_table" ADD COLUMN x int;\n',
    );
    await expect(migrate(url, { dir })).rejects.toThrow(
      `Migration ${broken} failed and was rolled back`,
    );
    const halfDone = await query<{ name: string | null }>(
      url,
      `SELECT to_regclass('half_done')::text AS name`,
    );
    expect(halfDone[0]!.name).toBeNull();
    const recorded = await query(
      url,
      'SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1',
      [broken],
    );
    expect(recorded).toHaveLength(0);
    // The migrations before it did land, each in its own transaction.
    const good = await query(url, 'SELECT 1 FROM "_prisma_migrations"');
    expect(good).toHaveLength(readLocalMigrations().length);
  });
});

describe('the migrated database', () => {
  interface DmmfField {
    name: string;
    dbName: string | null;
    kind: 'scalar' | 'enum' | 'object';
    type: string;
    isRequired: boolean;
    isList: boolean;
    isUnique: boolean;
    isId: boolean;
    nativeType: [string, string[]] | null;
  }
  interface DmmfModel {
    name: string;
    dbName: string | null;
    fields: DmmfField[];
    primaryKey: { fields: string[] } | null;
    uniqueFields: string[][];
  }
  const dmmf = JSON.parse(
    get_dmmf(
      JSON.stringify({
        prismaSchema: readFileSync(path.resolve(__dirname, '../../prisma/schema.prisma'), 'utf8'),
      }),
    ),
  ) as {
    datamodel: {
      models: DmmfModel[];
      enums: Array<{ name: string; dbName: string | null; values: Array<{ name: string }> }>;
    };
  };

  /** The PostgreSQL type Prisma creates for a field (information_schema's udt_name). */
  function expectedUdt(field: DmmfField, enumNames: Set<string>): string {
    if (field.kind === 'enum' || enumNames.has(field.type)) return field.type;
    const native = field.nativeType?.[0];
    const byNative: Record<string, string> = {
      Timestamptz: 'timestamptz',
      Timestamp: 'timestamp',
      VarChar: 'varchar',
      Text: 'text',
      Uuid: 'uuid',
    };
    if (native) {
      if (!byNative[native]) throw new Error(`add the native type ${native} to this test`);
      return byNative[native]!;
    }
    const byScalar: Record<string, string> = {
      String: 'text',
      Int: 'int4',
      BigInt: 'int8',
      Boolean: 'bool',
      DateTime: 'timestamp',
      Json: 'jsonb',
      Float: 'float8',
      Decimal: 'numeric',
      Bytes: 'bytea',
    };
    if (!byScalar[field.type]) throw new Error(`add the scalar type ${field.type} to this test`);
    return byScalar[field.type]!;
  }

  it('has every model and field of schema.prisma as a table and column of the right type and nullability', async () => {
    const columns = await query<{
      table_name: string;
      column_name: string;
      udt_name: string;
      is_nullable: string;
    }>(
      migratedUrl,
      `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const byKey = new Map(columns.map((c) => [`${c.table_name}.${c.column_name}`, c]));
    const enumNames = new Set(dmmf.datamodel.enums.map((e) => e.name));
    const mismatches: string[] = [];
    let checked = 0;
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      for (const field of model.fields.filter((f) => f.kind !== 'object')) {
        const column = field.dbName ?? field.name;
        const actual = byKey.get(`${table}.${column}`);
        checked += 1;
        if (!actual) {
          mismatches.push(`${model.name}.${field.name}: no column ${table}.${column}`);
          continue;
        }
        const udt = expectedUdt(field, enumNames);
        if (actual.udt_name !== (field.isList ? `_${udt}` : udt)) {
          mismatches.push(
            `${table}.${column}: type ${actual.udt_name}, schema.prisma wants ${udt}`,
          );
        }
        const nullable = field.isRequired ? 'NO' : 'YES';
        if (actual.is_nullable !== nullable) {
          mismatches.push(
            `${table}.${column}: is_nullable ${actual.is_nullable}, schema.prisma wants ${nullable}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it('has every enum with exactly its values', async () => {
    const rows = await query<{ typname: string; labels: string[] }>(
      migratedUrl,
      `SELECT t.typname::text AS typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.typname, r.labels]));
    for (const e of dmmf.datamodel.enums) {
      expect(actual[e.dbName ?? e.name]).toEqual(e.values.map((v) => v.name));
    }
  });

  it('has a unique index for every @id, @unique and @@unique the client relies on', async () => {
    const indexes = await query<{ table_name: string; columns: string[] }>(
      migratedUrl,
      `SELECT c.relname::text AS table_name,
              array_agg(a.attname::text ORDER BY array_position(i.indkey::int2[], a.attnum)) AS columns
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
        WHERE i.indisunique
        GROUP BY c.relname, i.indexrelid`,
    );
    const unique = new Set(indexes.map((i) => `${i.table_name}(${i.columns.join(',')})`));
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      const column = (fieldName: string) => {
        const field = model.fields.find((f) => f.name === fieldName)!;
        return field.dbName ?? field.name;
      };
      const wanted = [
        ...model.fields.filter((f) => f.isId || f.isUnique).map((f) => [f.name]),
        ...(model.primaryKey ? [model.primaryKey.fields] : []),
        ...model.uniqueFields,
      ];
      for (const fields of wanted) {
        expect(unique).toContain(`${table}(${fields.map(column).join(',')})`);
      }
    }
  });

  // The application role may not even try (least-privilege.test.ts); the triggers hold against the
  // table's owner, who has every table privilege.
  it('refuses to change or delete an audit event, even to its owner', async () => {
    const client = new Client({ connectionString: ownerUrl });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO audit_events (event_key, subject_type, subject_id, actor_id, actor_role, action, occurred_at)
         VALUES ('append-only-test', 'ALARM', 'a1', 'u1', 'HANDLER', 'TEST', now())`,
      );
      await expect(
        client.query(
          `UPDATE audit_events SET action = 'EDITED' WHERE event_key = 'append-only-test'`,
        ),
      ).rejects.toThrow(/append-only: UPDATE/);
      await expect(
        client.query(`DELETE FROM audit_events WHERE event_key = 'append-only-test'`),
      ).rejects.toThrow(/append-only: DELETE/);
      await expect(client.query('TRUNCATE audit_events')).rejects.toThrow(/append-only: TRUNCATE/);
      const rows = await client.query(
        `SELECT action FROM audit_events WHERE event_key = 'append-only-test'`,
      );
      expect(rows.rows).toEqual([{ action: 'TEST' }]);
    } finally {
      await client.end();
    }
  });
});
