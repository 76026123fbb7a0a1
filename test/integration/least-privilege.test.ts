// Least privilege in PostgreSQL, tried as the attacker of issue 9 would: whoever holds the
// application's connection (the role the system runs as) cannot rewrite, empty or unguard the
// audit trails, run programs on the server, or change the schema; and a system given a role that
// could is refused at start-up, naming the variable and the fix.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  prepareDatabase,
  PrivilegedRoleError,
  provisionDatabase,
  urlAs,
} from '../../platform/database-roles';
import { dropDatabase } from '../support/databases';
import { TEST_ROLES, testEnvironment } from '../support/test-env';

const { databaseUrl, ownerUrl, adminUrl } = testEnvironment();

async function run(url: string, text: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

const PERMISSION_DENIED = expect.objectContaining({ code: '42501' });

describe('the role the system connects as (DATABASE_URL)', () => {
  it('is neither a superuser nor the owner of anything it must not change', async () => {
    const { rows } = await run(
      databaseUrl,
      `SELECT current_user AS role, rolsuper, rolcreaterole, rolcreatedb
         FROM pg_roles WHERE rolname = current_user`,
    );
    expect(rows[0]).toEqual({
      role: TEST_ROLES.app.name,
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
    });
  });

  it.each(['request_audit', 'audit_events'])(
    'can add to %s and read it, but not update, delete, truncate or switch its triggers off',
    async (table) => {
      await expect(run(databaseUrl, `SELECT count(*) FROM ${table}`)).resolves.toBeDefined();
      for (const statement of [
        `UPDATE ${table} SET action = action`,
        `DELETE FROM ${table}`,
        `TRUNCATE ${table}`,
        `ALTER TABLE ${table} DISABLE TRIGGER ALL`,
        `DROP TABLE ${table}`,
      ]) {
        await expect(run(databaseUrl, statement)).rejects.toEqual(PERMISSION_DENIED);
      }
    },
  );

  it('cannot run a program on the server, read its files or change the schema', async () => {
    await expect(
      run(databaseUrl, `COPY (SELECT 1) TO PROGRAM 'touch /tmp/case-orchestrator-pwned'`),
    ).rejects.toEqual(PERMISSION_DENIED);
    await expect(run(databaseUrl, `SELECT pg_read_file('/etc/passwd')`)).rejects.toEqual(
      PERMISSION_DENIED,
    );
    await expect(run(databaseUrl, 'CREATE TABLE stolen (x int)')).rejects.toEqual(
      PERMISSION_DENIED,
    );
    await expect(run(databaseUrl, 'ALTER TABLE cases ADD COLUMN x int')).rejects.toEqual(
      PERMISSION_DENIED,
    );
    await expect(run(databaseUrl, `SET session_replication_role = replica`)).rejects.toEqual(
      PERMISSION_DENIED,
    );
  });

  it('reads the migrations’ bookkeeping (readiness) but cannot write it', async () => {
    const { rows } = await run(databaseUrl, 'SELECT count(*)::int AS n FROM _prisma_migrations');
    expect(rows[0].n).toBeGreaterThan(0);
    await expect(run(databaseUrl, 'DELETE FROM _prisma_migrations')).rejects.toEqual(
      PERMISSION_DENIED,
    );
  });

  it('while the owner role, which migrations run as, is not a superuser either', async () => {
    const { rows } = await run(
      ownerUrl,
      'SELECT rolsuper FROM pg_roles WHERE rolname = current_user',
    );
    expect(rows[0].rolsuper).toBe(false);
  });
});

describe('start-up refuses a role that could rewrite the audit', () => {
  const fresh = async () => {
    const database = `least_privilege_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await provisionDatabase(adminUrl, database, TEST_ROLES);
    return database;
  };

  it('a superuser: refused with the variable and the fix, or run with a loud warning', async () => {
    const database = await fresh();
    const superuser = urlAs(adminUrl, database);
    try {
      const refused = prepareDatabase({ appUrl: superuser, allowPrivileged: false, log: () => {} });
      await expect(refused).rejects.toThrow(PrivilegedRoleError);
      await expect(refused).rejects.toThrow(/DATABASE_URL connects as "\w+", which is a superuser/);
      await expect(refused).rejects.toThrow(/DATABASE_OWNER_URL/);
      await expect(refused).rejects.toThrow(/DATABASE_ALLOW_PRIVILEGED_ROLE=true/);

      const lines: string[] = [];
      await prepareDatabase({
        appUrl: superuser,
        allowPrivileged: true,
        log: (line) => lines.push(line),
      });
      expect(lines).toContainEqual(expect.stringMatching(/WARNING: .* is a superuser/));
    } finally {
      await dropDatabase(adminUrl, superuser);
    }
  });

  it('the owner of the audit tables, given as DATABASE_URL: refused', async () => {
    const database = await fresh();
    const owner = urlAs(adminUrl, database, TEST_ROLES.owner);
    try {
      await expect(
        prepareDatabase({ appUrl: owner, allowPrivileged: false, log: () => {} }),
      ).rejects.toThrow(/owns (request_audit, audit_events|audit_events, request_audit)/);
    } finally {
      await dropDatabase(adminUrl, owner);
    }
  });

  it('the application role with pending migrations and no owner: told to set DATABASE_OWNER_URL', async () => {
    const database = await fresh();
    const app = urlAs(adminUrl, database, TEST_ROLES.app);
    try {
      await expect(
        prepareDatabase({ appUrl: app, allowPrivileged: false, log: () => {} }),
      ).rejects.toThrow(/needs migrating[\s\S]*set DATABASE_OWNER_URL/);
      // With the owner given, the same start migrates, grants and passes its own check.
      const owner = urlAs(adminUrl, database, TEST_ROLES.owner);
      const migrated = await prepareDatabase({
        appUrl: app,
        ownerUrl: owner,
        allowPrivileged: false,
        log: () => {},
      });
      expect(migrated.applied.length).toBeGreaterThan(0);
      // And a later process holding only the application's URL starts: nothing is pending.
      await expect(
        prepareDatabase({ appUrl: app, allowPrivileged: false, log: () => {} }),
      ).resolves.toEqual(expect.objectContaining({ applied: [] }));
    } finally {
      await dropDatabase(adminUrl, app);
    }
  });
});
