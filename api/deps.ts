// What the API's routes are built from: one small type, so that no route imports the app.
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Pool } from 'pg';
import type { PolicyOverrides } from '../domain/deadline-policies';
import type { AuditKey } from '../platform/audit-mac';
import type { Prisma } from '../platform/database';
import type { IdentityConfig } from '../platform/identity';
import type { Logger } from '../platform/logging';

export interface ApiDeps {
  /** Made with apiTemporalClient, so that workflow calls carry the request id. */
  temporal: Client;
  prisma: Prisma;
  /** The client's payload codec (platform/payload-codec.ts): POST /codec/decode decodes with it. */
  payloadCodec: PayloadCodec;
  /** Web UI origins that may call the codec endpoint from a browser (CORS); none if unset. */
  codecCorsOrigins?: readonly string[];
  pool: Pool;
  /** MACs the request audit's rows (platform/audit-mac.ts). */
  auditKey: AuditKey;
  namespace: string;
  taskQueue: string;
  /** The key that verifies bearer tokens, and their issuer. */
  identity: IdentityConfig;
  publicLookupsPerMinute: number;
  /** Requests without a valid token one address may send a minute before 429 (default 60). */
  unauthenticatedPerMinute?: number;
  /** /readyz counts a worker whose heartbeat is at most this old. */
  workerHeartbeatFreshnessSeconds: number;
  /** Request log lines (JSON) and unexpected errors. */
  logger: Logger;
  /** How long an action waits for a workflow's answer before 504 (default 20 s). */
  workflowCallTimeoutMs?: number;
  /** The built web app (generated/web); none: the API alone. */
  webRoot?: string;
  /** The web app's development sign-in (DEV_SIGN_IN): never in production. */
  devSignIn?: boolean;
  /** Shortened deadlines for the alarms this API registers and its what-if (tests, DRILL_DEADLINES). */
  policyOverrides?: PolicyOverrides;
}
