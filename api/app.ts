// The Express application: JSON in and out, problems for every error.
import express from 'express';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Prisma } from '../platform/database';
import { HttpProblem, problemHandler, sendProblem } from './problem';
import { alarmRoutes } from './routes/alarms';
import { deadlineRoutes } from './routes/deadlines';
import { healthRoutes } from './routes/health';
import { docsRoutes } from './routes/docs';

export interface ApiDeps {
  temporal: Client;
  prisma: Prisma;
  pool: Pool;
  namespace: string;
  taskQueue: string;
}

export const BODY_LIMIT = '64kb';

export function createApp(deps: ApiDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(healthRoutes(deps));
  app.use(docsRoutes());
  app.use(alarmRoutes(deps));
  app.use(deadlineRoutes());
  app.use((req, res) =>
    sendProblem(res, new HttpProblem(404, 'Not found', `No route for ${req.method} ${req.path}.`)),
  );
  app.use(problemHandler);
  return app;
}
