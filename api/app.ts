// The Express application: JSON in and out, problems for every error.
import express from 'express';
import type { ApiDeps } from './deps';
import { HttpProblem, problemHandler, sendProblem } from './problem';
import { refusedBodyHandler } from './operation';
import { requestLogging } from './request-context';
import { alarmRoutes } from './alarms/routes';
import { caseRoutes } from './cases/routes';
import { codecBodyParser, codecCors, codecRoutes } from './codec/routes';
import { dashboardRoutes } from './dashboard/routes';
import { deadlineRoutes } from './deadlines/routes';
import { directoryRoutes } from './directory/routes';
import { docsRoutes } from './docs/routes';
import { evaluationRoutes } from './evaluation/routes';
import { fastTrackRoutes } from './fast-track/routes';
import { healthRoutes } from './health/routes';
import { infoRequestRoutes } from './info-requests/routes';
import { litigationRoutes } from './litigation/routes';
import { NotificationFeed } from './notifications/feed';
import { notificationRoutes } from './notifications/routes';
import { publicRoutes } from './public/routes';
import { signInRoutes } from './sign-in/routes';
import { webApp } from './web';
import { workRoutes } from './work/routes';

export const BODY_LIMIT = '64kb';

export function createApp(deps: ApiDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogging(deps.logger));
  // The workbench's pages and files first: a browser's navigation to /cases/… gets the app.
  for (const handler of webApp(deps.webRoot)) app.use(handler);
  // Before the 64 KB parser: a history's payloads may be larger than any request the API takes.
  app.use('/codec', codecCors(deps.codecCorsOrigins ?? []));
  app.use('/codec/decode', codecBodyParser());
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(refusedBodyHandler(deps));
  app.use(healthRoutes(deps));
  app.use(alarmRoutes(deps));
  app.use(caseRoutes(deps));
  app.use(workRoutes(deps));
  app.use(infoRequestRoutes(deps));
  app.use(litigationRoutes(deps));
  const feed = new NotificationFeed(deps.pool, (message) => deps.logger?.warn(message));
  // The server's owner ends the event streams before it closes (they would keep it open).
  app.locals.closeStreams = () => feed.closeAll();
  app.use(notificationRoutes(deps, feed));
  app.use(fastTrackRoutes(deps));
  app.use(publicRoutes(deps));
  app.use(evaluationRoutes(deps));
  app.use(dashboardRoutes(deps));
  app.use(deadlineRoutes(deps));
  app.use(directoryRoutes(deps));
  app.use(codecRoutes(deps));
  app.use(signInRoutes(deps));
  app.use(docsRoutes());
  app.use((req, res) =>
    sendProblem(res, new HttpProblem(404, 'Not found', `No route for ${req.method} ${req.path}.`)),
  );
  app.use(problemHandler);
  return app;
}
