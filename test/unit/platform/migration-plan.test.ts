import { createHash } from 'node:crypto';
import { MigrationError, planMigrations, readLocalMigrations } from '../../../platform/migrate';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const migration = (name: string, sql: string) => ({ name, sql, checksum: sha(sql) });
const applied = (
  name: string,
  sql: string,
  extra: Partial<{ finished_at: Date | null; rolled_back_at: Date | null }> = {},
) => ({
  migration_name: name,
  checksum: sha(sql),
  finished_at: new Date('2026-01-01T00:00:00Z'),
  rolled_back_at: null,
  ...extra,
});

const first = migration('20260101000000_first', 'CREATE TABLE a (id int);\n');
const second = migration('20260102000000_second', 'CREATE TABLE b (id int);\n');

describe('planMigrations', () => {
  it('lists what is not yet applied, in folder order', () => {
    expect(planMigrations([first, second], []).pending.map((m) => m.name)).toEqual([
      first.name,
      second.name,
    ]);
    expect(
      planMigrations([first, second], [applied(first.name, first.sql)]).pending.map((m) => m.name),
    ).toEqual([second.name]);
  });

  it('refuses a migration edited after it was applied, naming it and saying what to do', () => {
    const edited = migration(first.name, 'CREATE TABLE a (id bigint);\n');
    expect(() => planMigrations([edited], [applied(first.name, first.sql)])).toThrow(
      MigrationError,
    );
    expect(() => planMigrations([edited], [applied(first.name, first.sql)])).toThrow(
      /20260101000000_first was changed after it was applied.*new migration/,
    );
  });

  it('accepts a migration whose line endings git changed, as Prisma does', () => {
    const crlf = migration(first.name, first.sql.replace(/\n/g, '\r\n'));
    expect(planMigrations([crlf], [applied(first.name, first.sql)]).pending).toEqual([]);
  });

  it('refuses to go on after a migration that started and never finished', () => {
    expect(() =>
      planMigrations([first], [applied(first.name, first.sql, { finished_at: null })]),
    ).toThrow(/did not finish.*migrate resolve --rolled-back 20260101000000_first/);
  });

  it('applies again a migration that was marked rolled back', () => {
    const rolledBack = applied(first.name, 'whatever', {
      finished_at: null,
      rolled_back_at: new Date(),
    });
    expect(planMigrations([first], [rolledBack]).pending.map((m) => m.name)).toEqual([first.name]);
  });

  it('reports migrations the database has and this build does not', () => {
    expect(
      planMigrations(
        [first],
        [applied(first.name, first.sql), applied('20270101000000_newer', 'x')],
      ).unknownApplied,
    ).toEqual(['20270101000000_newer']);
  });
});

describe('readLocalMigrations', () => {
  it('reads the project migrations in name order with their sha256 checksums', () => {
    const local = readLocalMigrations();
    expect(local.length).toBeGreaterThan(0);
    expect(local.map((m) => m.name)).toEqual([...local.map((m) => m.name)].sort());
    for (const m of local) expect(m.checksum).toBe(sha(m.sql));
  });
});
