// Configuration from environment variables (and an optional .env file), validated once at
// start-up. Every variable is described in one table: its rule, its default and the fix a person
// should apply when it is wrong, so that the error message and the README say the same thing.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import type { PolicyOverrides } from '../domain/deadline-policies';
import { parseDrillDeadlines } from '../domain/drill';

const projectRoot = path.resolve(__dirname, '..');

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const seconds = z.coerce
  .number({ error: 'must be a number of seconds' })
  .positive('must be more than 0 seconds')
  .max(3600, 'must be at most 3600 seconds');

const postgresUrl = z.url({ error: 'must be a URL' }).refine((value) => {
  if (!URL.canParse(value)) return true; // already reported as not a URL
  const protocol = new URL(value).protocol;
  return protocol === 'postgresql:' || protocol === 'postgres:';
}, 'must start with postgresql:// or postgres://');

const hostPort = z
  .string()
  .regex(/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, 'must be host:port, for example 127.0.0.1:7233')
  .refine((value) => {
    const portNumber = Number(value.slice(value.lastIndexOf(':') + 1));
    return !/:\d+$/.test(value) || (portNumber >= 1 && portNumber <= 65535);
  }, 'its port must be between 1 and 65535');

const name = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'may hold only letters, digits, dot, dash and underscore');

/** A file this process can read (a certificate or key): checked at start-up, not at first use. */
const readableFile = z
  .string()
  .min(1, 'must not be empty')
  .refine((file) => {
    try {
      accessSync(file, constants.R_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  }, 'is not a readable file');

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'silent'] as const;

export const CONFIG_VARIABLES = {
  PORT: {
    schema: port.default(3000),
    description: 'TCP port of the HTTP API.',
    fix: 'set PORT to a free TCP port between 1 and 65535 (default 3000), or unset it',
  },
  API_HOST: {
    schema: z.string().min(1, 'must not be empty').default('127.0.0.1'),
    description: 'Address the HTTP API listens on (0.0.0.0 to accept connections from elsewhere).',
    fix: 'set API_HOST to an address of this machine such as 127.0.0.1 or 0.0.0.0, or unset it',
  },
  DATABASE_URL: {
    schema: postgresUrl.optional(),
    description:
      'PostgreSQL connection URL. Unset: `npm start` runs an embedded PostgreSQL in DATA_DIR.',
    fix: 'set DATABASE_URL to a URL like postgresql://user:password@host:5432/dbname, or unset it to use the embedded PostgreSQL',
  },
  DATABASE_OWNER_URL: {
    schema: postgresUrl.optional(),
    description:
      'PostgreSQL URL of the role that owns the schema: migrations run as it, and it grants DATABASE_URL’s role the application’s rights. Unset: migrations run as DATABASE_URL’s role (which must then be allowed to, see DATABASE_ALLOW_PRIVILEGED_ROLE). The embedded PostgreSQL sets both itself.',
    fix: 'set DATABASE_OWNER_URL to a URL like postgresql://case_owner:password@host:5432/dbname for the same database as DATABASE_URL, or unset it',
  },
  DATABASE_ALLOW_PRIVILEGED_ROLE: {
    schema: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((value) => value === 'true')
      .default(false),
    description:
      'Start even when DATABASE_URL’s role could rewrite the audit trails (a superuser, or the owner of the audit tables), with a warning. Default false: such a role is refused at start-up.',
    fix: 'set DATABASE_ALLOW_PRIVILEGED_ROLE to true or false, or unset it (default false)',
  },
  TEMPORAL_ADDRESS: {
    schema: hostPort.optional(),
    description:
      'host:port of an existing Temporal frontend. Unset: `npm start` runs a Temporal dev server.',
    fix: 'set TEMPORAL_ADDRESS to the host:port of a Temporal frontend such as 127.0.0.1:7233, or unset it to use the embedded dev server',
  },
  TEMPORAL_NAMESPACE: {
    schema: name.default('default'),
    description: 'Temporal namespace the workflows run in.',
    fix: 'set TEMPORAL_NAMESPACE to an existing namespace name such as default',
  },
  TEMPORAL_TASK_QUEUE: {
    schema: name.default('case-orchestrator'),
    description: 'Task queue the worker polls and the API starts workflows on.',
    fix: 'set TEMPORAL_TASK_QUEUE to a name such as case-orchestrator',
  },
  TEMPORAL_PORT: {
    schema: port.default(7233),
    description:
      'gRPC port of the embedded Temporal dev server (only when TEMPORAL_ADDRESS is unset).',
    fix: 'set TEMPORAL_PORT to a free TCP port between 1 and 65535 (default 7233)',
  },
  TEMPORAL_UI_PORT: {
    schema: port.default(8233),
    description: 'Port of the embedded Temporal Web UI (only when TEMPORAL_ADDRESS is unset).',
    fix: 'set TEMPORAL_UI_PORT to a free TCP port between 1 and 65535 (default 8233)',
  },
  CODEC_CORS_ORIGINS: {
    schema: z
      .string()
      .transform((text) => text.split(',').map((origin) => origin.trim()))
      .refine(
        (origins) =>
          origins.every(
            (origin) =>
              URL.canParse(origin) &&
              /^https?:$/.test(new URL(origin).protocol) &&
              new URL(origin).origin === origin,
          ),
        'must be origins such as https://temporal-ui.example.org:8080 (scheme, host and port only, no path or trailing slash), separated by commas',
      )
      .optional(),
    description:
      'Web UI origins whose pages may call the codec endpoint POST /codec/decode from the browser (CORS), comma-separated. Unset: the embedded UI, http://127.0.0.1:TEMPORAL_UI_PORT and http://localhost:TEMPORAL_UI_PORT.',
    fix: 'set CODEC_CORS_ORIGINS to the origins of your Temporal Web UI such as https://temporal-ui.example.org, comma-separated, or unset it',
  },
  TEMPORAL_PAYLOAD_KEYS: {
    schema: z
      .string()
      .transform((text) => text.split(',').map((key) => key.trim()))
      .refine(
        (keys) => keys.every((key) => /^[0-9a-fA-F]{64}$/.test(key)),
        'must be keys of 64 hexadecimal digits (32 bytes), separated by commas',
      )
      .optional(),
    description:
      'AES-256-GCM keys that encrypt and authenticate every payload sent through Temporal, as 64 hex digits each, comma-separated: the first encrypts, every one decrypts (rotation). Unset: a random key is kept in DATA_DIR/temporal-payload-key. The API and every worker must share them.',
    fix: 'set TEMPORAL_PAYLOAD_KEYS to one or more keys such as the output of `openssl rand -hex 32`, comma-separated with the current key first, or unset it to use DATA_DIR/temporal-payload-key',
  },
  TEMPORAL_PAYLOAD_ACCEPT_PLAINTEXT: {
    schema: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((value) => value === 'true')
      .default(false),
    description:
      'Upgrade window only: the worker accepts payloads that are not encrypted (the histories of runs started before encryption). A forged plaintext Update is accepted too; turn it off once no such run is open.',
    fix: 'set TEMPORAL_PAYLOAD_ACCEPT_PLAINTEXT to true or false, or unset it (default false)',
  },
  TEMPORAL_TLS_CERT: {
    schema: readableFile.optional(),
    description:
      'PEM client certificate for mutual TLS to the Temporal frontend (with TEMPORAL_TLS_KEY).',
    fix: 'set TEMPORAL_TLS_CERT to the path of a readable PEM certificate file, or unset it',
  },
  TEMPORAL_TLS_KEY: {
    schema: readableFile.optional(),
    description: 'PEM private key of TEMPORAL_TLS_CERT.',
    fix: 'set TEMPORAL_TLS_KEY to the path of a readable PEM private key file, or unset it',
  },
  TEMPORAL_TLS_CA: {
    schema: readableFile.optional(),
    description:
      'PEM certificate authority that signed the Temporal frontend’s certificate (unset: the system’s). Setting it turns TLS on.',
    fix: 'set TEMPORAL_TLS_CA to the path of a readable PEM CA certificate file, or unset it',
  },
  TEMPORAL_TLS_SERVER_NAME: {
    schema: z.string().min(1, 'must not be empty').max(253).optional(),
    description:
      'The name the Temporal frontend’s certificate must carry, when it differs from TEMPORAL_ADDRESS’s host. Setting it turns TLS on.',
    fix: 'set TEMPORAL_TLS_SERVER_NAME to the host name in the frontend’s certificate, or unset it',
  },
  EMBEDDED_POSTGRES_PORT: {
    schema: port.default(54329),
    description: 'Port of the embedded PostgreSQL (only when DATABASE_URL is unset).',
    fix: 'set EMBEDDED_POSTGRES_PORT to a free TCP port between 1 and 65535 (default 54329)',
  },
  DATA_DIR: {
    schema: z
      .string()
      .min(1, 'must not be empty')
      .default(path.join(projectRoot, 'data'))
      .transform((folder) => path.resolve(folder)),
    description:
      'Folder for the embedded services’ data (Temporal’s SQLite file, PostgreSQL’s cluster).',
    fix: 'set DATA_DIR to a writable folder, or unset it to use ./data',
  },
  JWT_SECRET: {
    schema: z
      .string()
      .min(32, 'must be at least 32 characters (it signs and verifies HS256 tokens)')
      .optional(),
    description:
      'Secret that signs and verifies the API’s bearer tokens (HS256). Unset: a random secret is kept in DATA_DIR/jwt-secret, which `npm run token` also reads.',
    fix: 'set JWT_SECRET to a random string of at least 32 characters (for example the output of `openssl rand -hex 32`), or unset it to use DATA_DIR/jwt-secret',
  },
  JWT_ISSUER: {
    schema: z.string().min(1, 'must not be empty').max(200).default('case-orchestrator'),
    description: 'The `iss` every token must carry; tokens from other issuers are refused.',
    fix: 'set JWT_ISSUER to the issuer name your tokens carry, or unset it (default case-orchestrator)',
  },
  JWT_MAX_LIFETIME_HOURS: {
    schema: z.coerce
      .number({ error: 'must be a number' })
      .positive('must be more than 0')
      .max(24 * 31, 'must be at most 744 (31 days)')
      .default(12),
    description:
      'The longest a token may live from its issue (`iat`) to its expiry (`exp`); longer ones are refused, and `npm run token` does not issue them.',
    fix: 'set JWT_MAX_LIFETIME_HOURS to a number of hours such as 12 (one shift)',
  },
  AUDIT_MAC_KEY: {
    schema: z
      .string()
      .min(32, 'must be at least 32 characters (it MACs the audit trails with HMAC-SHA256)')
      .optional(),
    description:
      'Key that MACs every row of the audit trails (request_audit, audit_events). Keep it off the database’s machine. Unset: a random key is kept in DATA_DIR/audit-mac-key, which `npm run audit:verify` also reads.',
    fix: 'set AUDIT_MAC_KEY to a random string of at least 32 characters (for example the output of `openssl rand -hex 32`), or unset it to use DATA_DIR/audit-mac-key',
  },
  AUDIT_MAC_RETIRED_KEYS: {
    schema: z
      .string()
      .transform((text) => text.split(',').map((key) => key.trim()))
      .refine(
        (keys) => keys.every((key) => key.length >= 32),
        'must be keys of at least 32 characters, separated by commas',
      )
      .optional(),
    description:
      'Keys AUDIT_MAC_KEY replaced, comma-separated: rows MACed with them still verify (each row names its key by id).',
    fix: 'set AUDIT_MAC_RETIRED_KEYS to the former AUDIT_MAC_KEY values, comma-separated, or unset it',
  },
  AUDIT_ANCHOR_INTERVAL_SECONDS: {
    schema: seconds.default(60),
    description:
      'How often the worker writes the audit chains’ heads to DATA_DIR/audit-anchor.json (and AUDIT_ANCHOR_URL), so that a later check finds rows cut off or a table emptied.',
    fix: 'set AUDIT_ANCHOR_INTERVAL_SECONDS to a number of seconds such as 60',
  },
  AUDIT_ANCHOR_URL: {
    schema: z
      .url({ error: 'must be a URL' })
      .refine(
        (value) => !URL.canParse(value) || /^https?:$/.test(new URL(value).protocol),
        'must start with http:// or https://',
      )
      .optional(),
    description:
      'Where each audit anchor is also POSTed as JSON (a store the database’s owner cannot rewrite). Unset: the file only.',
    fix: 'set AUDIT_ANCHOR_URL to an http:// or https:// URL that accepts a JSON POST, or unset it',
  },
  PUBLIC_LOOKUPS_PER_MINUTE: {
    schema: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(10_000, 'must be at most 10000')
      .default(10),
    description:
      'How many public status look-ups (by query code) one client address may make per minute.',
    fix: 'set PUBLIC_LOOKUPS_PER_MINUTE to a whole number such as 10',
  },
  UNAUTHENTICATED_REQUESTS_PER_MINUTE: {
    schema: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100_000, 'must be at most 100000')
      .default(60),
    description:
      'How many requests without a valid token one client address may send per minute before 429. They are counted (GET /metrics) and logged, not put in the request audit.',
    fix: 'set UNAUTHENTICATED_REQUESTS_PER_MINUTE to a whole number such as 60',
  },
  LOG_LEVEL: {
    schema: z
      .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
      .default('info'),
    description:
      'The least severe log lines written (JSON lines on standard output): trace, debug, info, warn, error or silent.',
    fix: `set LOG_LEVEL to one of ${LOG_LEVELS.join(', ')}, or unset it (default info)`,
  },
  DEPENDENCY_TIMEOUT_SECONDS: {
    schema: seconds.default(20),
    description: 'How long start-up waits for Temporal and PostgreSQL before it gives up.',
    fix: 'set DEPENDENCY_TIMEOUT_SECONDS to a number of seconds such as 20',
  },
  SHUTDOWN_TIMEOUT_SECONDS: {
    schema: seconds.default(30),
    description: 'How long a stop waits for running activities and requests to finish.',
    fix: 'set SHUTDOWN_TIMEOUT_SECONDS to a number of seconds such as 30',
  },
  WORKER_HEARTBEAT_INTERVAL_SECONDS: {
    schema: seconds.default(5),
    description:
      'How often a worker writes its heartbeat to PostgreSQL (the table worker_heartbeats), which /readyz reads.',
    fix: 'set WORKER_HEARTBEAT_INTERVAL_SECONDS to a number of seconds such as 5',
  },
  WORKER_MAX_CACHED_WORKFLOWS: {
    schema: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be at least 0')
      .max(1_000_000, 'must be at most 1000000')
      .default(1000),
    description:
      'How many workflows a worker keeps in memory between their tasks (its sticky cache, about 0.5 MB each). The cap keeps the worker’s memory flat however many cases are open; an evicted case replays its history (tens of events) on its next task.',
    fix: 'set WORKER_MAX_CACHED_WORKFLOWS to a whole number such as 1000',
  },
  WORKER_MAX_CONCURRENT_ACTIVITIES: {
    schema: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(10_000, 'must be at most 10000')
      .default(100),
    description: 'How many steps a worker writes to PostgreSQL at once (each a short transaction).',
    fix: 'set WORKER_MAX_CONCURRENT_ACTIVITIES to a whole number such as 100',
  },
  WORKER_HEARTBEAT_FRESHNESS_SECONDS: {
    schema: seconds.default(15),
    description:
      'How recent a heartbeat must be for /readyz to count its worker as running: a dead worker is reported within this time.',
    fix: 'set WORKER_HEARTBEAT_FRESHNESS_SECONDS to a number of seconds such as 15, about three heartbeat intervals',
  },
  DRILL_DEADLINES: {
    schema: z
      .string()
      .transform((text, ctx): PolicyOverrides => {
        const parsed = parseDrillDeadlines(text);
        if (parsed.ok) return parsed.overrides;
        ctx.addIssue({ code: 'custom', message: `is not valid: ${parsed.problem}` });
        return z.NEVER;
      })
      .optional(),
    description:
      'Drill mode: shortens every deadline by a factor (`factor:0.001`) or gives named ones a length (`FILING_REVIEW=30s,LEGAL_REVIEW=2m`); explanations say drill. Refused when NODE_ENV is production.',
    fix: 'set DRILL_DEADLINES to factor:N (0 < N <= 1) or to POLICY=LENGTH pairs such as FILING_REVIEW=30s,LEGAL_REVIEW=2m (lengths in s, m, h or d), or unset it',
  },
  DEV_SIGN_IN: {
    schema: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((value) => value === 'true')
      .optional(),
    description:
      "The web app's development sign-in: a page that lists the people of the directory and signs in as any of them, with no password. Default: on unless NODE_ENV is production, where it is refused.",
    fix: 'set DEV_SIGN_IN to true or false, or unset it (on outside production)',
  },
  NODE_ENV: {
    schema: z.string().optional(),
    description:
      '`production` refuses drill mode (DRILL_DEADLINES). Unset or `development`: `npm start` loads the development directory of units and people (domain/development-directory.ts).',
    fix: 'set NODE_ENV to production on a production system, or unset it',
  },
} as const;

/** Whether the web app offers its development sign-in: DEV_SIGN_IN, else on outside production. */
export const devSignInEnabled = (config: Pick<Config, 'DEV_SIGN_IN' | 'NODE_ENV'>) =>
  config.DEV_SIGN_IN ?? config.NODE_ENV !== 'production';

/** The origins CORS admits to the codec endpoint: CODEC_CORS_ORIGINS, else the embedded UI's. */
export function codecCorsOrigins(
  config: Pick<Config, 'CODEC_CORS_ORIGINS' | 'TEMPORAL_UI_PORT'>,
): string[] {
  return (
    config.CODEC_CORS_ORIGINS ?? [
      `http://127.0.0.1:${config.TEMPORAL_UI_PORT}`,
      `http://localhost:${config.TEMPORAL_UI_PORT}`,
    ]
  );
}

type Variables = typeof CONFIG_VARIABLES;
export type Config = { [K in keyof Variables]: z.output<Variables[K]['schema']> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads `.env` (if present) under the variables already set: the real environment wins. */
export function environmentWithDotEnv(
  env: NodeJS.ProcessEnv,
  dotEnvPath = path.join(process.cwd(), '.env'),
): NodeJS.ProcessEnv {
  if (!existsSync(dotEnvPath)) return env;
  return { ...parseEnv(readFileSync(dotEnvPath, 'utf8')), ...env };
}

/** Validates the variables; an empty string counts as unset. Throws ConfigError naming each. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [variable, spec] of Object.entries(CONFIG_VARIABLES)) {
    const raw = env[variable] === '' ? undefined : env[variable];
    const parsed = (spec.schema as z.ZodType).safeParse(raw);
    if (parsed.success) {
      config[variable] = parsed.data;
    } else {
      const why = parsed.error.issues.map((issue) => issue.message).join('; ');
      problems.push(`${variable}=${JSON.stringify(raw)} ${why}. Fix: ${spec.fix}.`);
    }
  }
  if (problems.length === 0) problems.push(...combinationProblems(config as Config, env));
  if (problems.length > 0) throw new ConfigError(problems);
  return config as Config;
}

/** Rules that involve more than one variable, checked once each is valid on its own. */
function combinationProblems(config: Config, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (config.DRILL_DEADLINES && config.NODE_ENV === 'production') {
    problems.push(
      `DRILL_DEADLINES=${JSON.stringify(env.DRILL_DEADLINES)} is refused with NODE_ENV=production: ` +
        'drill mode shortens the legal deadlines of every alarm and case the API registers. ' +
        'Fix: unset DRILL_DEADLINES, and run drills on a training system.',
    );
  }
  if (config.DEV_SIGN_IN && config.NODE_ENV === 'production') {
    problems.push(
      'DEV_SIGN_IN=true is refused with NODE_ENV=production: anyone who reaches the API could ' +
        'sign in as anyone in the directory. Fix: unset DEV_SIGN_IN, and issue tokens from the ' +
        "bureau's identity provider.",
    );
  }
  if (config.WORKER_HEARTBEAT_FRESHNESS_SECONDS <= config.WORKER_HEARTBEAT_INTERVAL_SECONDS) {
    problems.push(
      `WORKER_HEARTBEAT_FRESHNESS_SECONDS=${config.WORKER_HEARTBEAT_FRESHNESS_SECONDS} is not longer ` +
        `than WORKER_HEARTBEAT_INTERVAL_SECONDS=${config.WORKER_HEARTBEAT_INTERVAL_SECONDS}: ` +
        'every running worker would look dead between two beats. Fix: set ' +
        'WORKER_HEARTBEAT_FRESHNESS_SECONDS to about three heartbeat intervals (default 15 and 5).',
    );
  }
  if (Boolean(config.TEMPORAL_TLS_CERT) !== Boolean(config.TEMPORAL_TLS_KEY)) {
    problems.push(
      `TEMPORAL_TLS_CERT=${JSON.stringify(env.TEMPORAL_TLS_CERT)} and TEMPORAL_TLS_KEY=` +
        `${JSON.stringify(env.TEMPORAL_TLS_KEY)}: a client certificate needs its key and a key its ` +
        'certificate. Fix: set both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY, or neither.',
    );
  }
  return problems;
}
