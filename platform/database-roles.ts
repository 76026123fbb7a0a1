// Least privilege in PostgreSQL. Two roles: the owner, which owns the schema and runs the
// migrations, and the application, which reads and writes the records and may only add to the
// audit trails (no UPDATE, DELETE, TRUNCATE or trigger control there). The system connects as the
// application role; a start-up check refuses a role that could rewrite the audit unnoticed.
import { Client } from 'pg';
import { migrate, type MigrateResult } from './migrate';

/** The audit trails: the application may read them and add rows, nothing else. */
export const APPEND_ONLY_TABLES = ['request_audit', 'audit_events'] as const;
/** Bookkeeping of the migration runner: the application reads it (readiness), the owner writes it. */
export const READ_ONLY_TABLES = ['_prisma_migrations'] as const;

export interface DatabaseRole {
  name: string;
  password: string;
}

export interface DatabaseRoles {
  owner: DatabaseRole;
  app: DatabaseRole;
}

/** The roles `npm start` creates in its embedded PostgreSQL (and the tests in theirs). */
export const DEFAULT_ROLE_NAMES = { owner: 'case_owner', app: 'case_app' } as const;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** `url` with another database and, when given, another user and password. */
export function urlAs(url: string, database: string, role?: DatabaseRole): string {
  const next = new URL(url);
  if (role) {
    next.username = encodeURIComponent(role.name);
    next.password = encodeURIComponent(role.password);
  }
  next.pathname = `/${encodeURIComponent(database)}`;
  return next.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Roles are shared by the whole cluster: two processes creating one at once, one of them loses. */
const RACED = new Set(['42710', '23505', 'XX000', '42P04']);

async function ignoringRace(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!RACED.has(code)) throw error;
  }
}

async function ensureRole(admin: Client, role: DatabaseRole) {
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
  if (exists.rowCount === 0) {
    await ignoringRace(() => admin.query(`CREATE ROLE ${ident(role.name)} LOGIN`));
  }
  // Every start: the password the files hold, and no power beyond its own objects.
  await admin.query(
    `ALTER ROLE ${ident(role.name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION ` +
      `NOBYPASSRLS PASSWORD ${literal(role.password)}`,
  );
}

/**
 * As a superuser (or a role that may create roles and databases): the two roles, the database
 * owned by the owner role, and everything already in its public schema handed to the owner (a
 * database the superuser migrated before these roles existed). Idempotent.
 */
export async function provisionDatabase(adminUrl: string, database: string, roles: DatabaseRoles) {
  await withClient(adminUrl, async (admin) => {
    await ensureRole(admin, roles.owner);
    await ensureRole(admin, roles.app);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await ignoringRace(() =>
        admin.query(`CREATE DATABASE ${ident(database)} OWNER ${ident(roles.owner.name)}`),
      );
    }
    await admin.query(`ALTER DATABASE ${ident(database)} OWNER TO ${ident(roles.owner.name)}`);
    await admin.query(`REVOKE ALL ON DATABASE ${ident(database)} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(roles.app.name)}`);
  });
  await withClient(urlAs(adminUrl, database), (admin) =>
    handSchemaToOwner(admin, roles.owner.name),
  );
}

/** The public schema and every table, sequence and function in it, owned by `owner`. */
async function handSchemaToOwner(admin: Client, owner: string) {
  await admin.query(`ALTER SCHEMA public OWNER TO ${ident(owner)}`);
  await admin.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
  const objects = await admin.query<{ kind: string; name: string }>(
    `SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
              WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind,
            format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm')
        AND pg_get_userbyid(c.relowner) <> $1
        -- a sequence owned by a column follows its table
        AND NOT (c.relkind = 'S' AND EXISTS (
          SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT 'FUNCTION', p.oid::regprocedure::text
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> $1`,
    [owner],
  );
  for (const { kind, name } of objects.rows) {
    await admin.query(`ALTER ${kind} ${name} OWNER TO ${ident(owner)}`);
  }
}

/**
 * As the owner, after migrating: what the application role may do. Read and write every table,
 * add to the audit trails only, nothing on the migration bookkeeping. Run after every migration
 * so that new tables are covered.
 */
export async function grantApplicationPrivileges(ownerUrl: string, app: string) {
  await withClient(ownerUrl, async (owner) => {
    const role = ident(app);
    await owner.query('BEGIN');
    try {
      await owner.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
      await owner.query(
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
      );
      await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
      for (const table of APPEND_ONLY_TABLES) {
        await owner.query(
          `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${ident(table)} FROM ${role}`,
        );
      }
      for (const table of READ_ONLY_TABLES) {
        await owner.query(`REVOKE ALL ON ${ident(table)} FROM ${role}`);
        await owner.query(`GRANT SELECT ON ${ident(table)} TO ${role}`);
      }
      await owner.query('COMMIT');
    } catch (error) {
      await owner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

export interface RolePowers {
  role: string;
  superuser: boolean;
  bypassRls: boolean;
  createRole: boolean;
  /** Append-only tables the role owns (or is a member of the owner of). */
  ownedAuditTables: string[];
  /** Append-only tables the role may UPDATE, DELETE from or TRUNCATE. */
  rewritableAuditTables: string[];
}

/** What a connection's role could do to the audit trails behind the application's back. */
export async function readRolePowers(url: string): Promise<RolePowers> {
  return withClient(url, async (client) => {
    const role = await client.query<{
      role: string;
      superuser: boolean;
      bypass: boolean;
      createrole: boolean;
    }>(
      `SELECT current_user AS role, rolsuper AS superuser, rolbypassrls AS bypass,
              rolcreaterole AS createrole
         FROM pg_roles WHERE rolname = current_user`,
    );
    const tables = await client.query<{ name: string; owns: boolean; rewrites: boolean }>(
      `SELECT c.relname AS name,
              pg_has_role(current_user, c.relowner, 'MEMBER') AS owns,
              has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE')
                OR has_table_privilege(c.oid, 'TRUNCATE') AS rewrites
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname = ANY($1::text[])`,
      [APPEND_ONLY_TABLES],
    );
    const row = role.rows[0]!;
    return {
      role: row.role,
      superuser: row.superuser,
      bypassRls: row.bypass,
      createRole: row.createrole,
      ownedAuditTables: tables.rows.filter((t) => t.owns).map((t) => t.name),
      rewritableAuditTables: tables.rows.filter((t) => t.rewrites).map((t) => t.name),
    };
  });
}

/** Each power that lets the role rewrite the audit unnoticed, said for a person. */
export function excessPowers(powers: RolePowers): string[] {
  const found: string[] = [];
  if (powers.superuser) found.push('is a superuser');
  if (powers.createRole) found.push('may create roles (and so grant itself anything)');
  if (powers.ownedAuditTables.length > 0) {
    found.push(
      `owns ${powers.ownedAuditTables.join(', ')} (an owner can disable the triggers that keep them append-only)`,
    );
  }
  const rewritable = powers.rewritableAuditTables.filter(
    (t) => !powers.ownedAuditTables.includes(t),
  );
  if (!powers.superuser && rewritable.length > 0) {
    found.push(`may UPDATE, DELETE or TRUNCATE ${rewritable.join(', ')}`);
  }
  return found;
}

async function currentUser(url: string): Promise<string> {
  return withClient(url, async (client) => {
    const result = await client.query<{ role: string }>('SELECT current_user AS role');
    return result.rows[0]!.role;
  });
}

export class PrivilegedRoleError extends Error {
  override name = 'PrivilegedRoleError';
}

/**
 * Migrates as the owner when `ownerUrl` is given (else as the application's own role, which then
 * owns what it creates) and grants the application role its rights (npm run migrate).
 */
export async function migrateAndGrant(options: {
  appUrl: string;
  ownerUrl?: string;
  log: (line: string) => void;
}): Promise<MigrateResult> {
  const { appUrl, ownerUrl, log } = options;
  const migration = await migrate(ownerUrl ?? appUrl, { log }).catch((error: Error) => {
    const denied =
      (error as { code?: string }).code === '42501' || /permission denied/.test(error.message);
    if (ownerUrl || !denied) throw error;
    throw new Error(
      `The database needs migrating and DATABASE_URL's role may not change its schema ` +
        `(${error.message}). Fix: set DATABASE_OWNER_URL to the URL of the role that owns the ` +
        'schema, so that migrations run as it (see README, "Roles and privileges").',
    );
  });
  if (ownerUrl) {
    const app = await currentUser(appUrl);
    if (app !== (await currentUser(ownerUrl))) await grantApplicationPrivileges(ownerUrl, app);
  }
  return migration;
}

/**
 * What every start does: migrateAndGrant, then a check of the application role. One that could
 * rewrite the audit unnoticed is refused unless `allowPrivileged`, then only warned about.
 */
export async function prepareDatabase(options: {
  appUrl: string;
  ownerUrl?: string;
  allowPrivileged: boolean;
  log: (line: string) => void;
}): Promise<MigrateResult> {
  const { appUrl, log } = options;
  const migration = await migrateAndGrant(options);
  const powers = await readRolePowers(appUrl);
  const excess = excessPowers(powers);
  if (excess.length > 0) {
    const said =
      `DATABASE_URL connects as "${powers.role}", which ${excess.join('; ')}: whoever holds ` +
      'that connection can rewrite the audit trails.';
    if (!options.allowPrivileged) {
      throw new PrivilegedRoleError(
        `${said} Fix: connect DATABASE_URL as a role with only the application's rights and ` +
          'set DATABASE_OWNER_URL to the owner role for migrations (README, "Roles and ' +
          'privileges"); or set DATABASE_ALLOW_PRIVILEGED_ROLE=true to run anyway.',
      );
    }
    log(`[postgres] WARNING: ${said} DATABASE_ALLOW_PRIVILEGED_ROLE=true lets it run anyway.`);
  }
  return migration;
}
