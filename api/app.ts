// The Express application: JSON in and out, problems for every error.
import express from 'express';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { PolicyOverrides } from '../domain/deadline-policies';
import type { Prisma } from '../platform/database';
import type { IdentityConfig } from '../platform/identity';
import type { Logger } from '../platform/logging';
import { HttpProblem, problemHandler, sendProblem } from './problem';
import { requestLogging } from './request-context';
import { alarmRoutes } from './routes/alarms';
import { caseRoutes } from './routes/cases';
import { deadlineRoutes } from './routes/deadlines';
import { docsRoutes } from './routes/docs';
import { evaluationRoutes } from './routes/evaluation';
import { fastTrackRoutes } from './routes/fast-track';
import { healthRoutes } from './routes/health';
import { publicRoutes } from './routes/public';
import { workRoutes } from './routes/work';

export interface ApiDeps {
  /** Made with apiTemporalClient, so that workflow calls carry the request id. */
  temporal: Client;
  prisma: Prisma;
  pool: Pool;
  namespace: string;
  taskQueue: string;
  /** The key that verifies bearer tokens, and their issuer. */
  identity: IdentityConfig;
  publicLookupsPerMinute: number;
  /** /readyz counts a worker whose heartbeat is at most this old. */
  workerHeartbeatFreshnessSeconds: number;
  /** Request log lines (JSON) and unexpected errors. */
  logger: Logger;
  /** How long an action waits for a workflow's answer before 504 (default 20 s). */
  workflowCallTimeoutMs?: number;
  /** Shortened deadlines for the alarms this API registers and its what-if (tests, DRILL_DEADLINES). */
  policyOverrides?: PolicyOverrides;
}

export const BODY_LIMIT = '64kb';

export function createApp(deps: ApiDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogging(deps.logger));
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(healthRoutes(deps));
  app.use(alarmRoutes(deps));
  app.use(caseRoutes(deps));
  app.use(workRoutes(deps));
  app.use(fastTrackRoutes(deps));
  app.use(publicRoutes(deps));
  app.use(evaluationRoutes(deps));
  app.use(deadlineRoutes(deps));
  app.use(docsRoutes());
  app.use((req, res) =>
    sendProblem(res, new HttpProblem(404, 'Not found', `No route for ${req.method} ${req.path}.`)),
  );
  app.use(problemHandler);
  return app;
}
