// Each request's id: the X-Request-Id it came with (when it is a sensible token) or a new one,
// returned in the response, on every log line of the request, and sent to Temporal as a header
// with every workflow start, Update and signal the request makes (common/request-id.ts), so
// that the workflow's and the activities' log lines of the same action carry it too.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Client, type Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { RequestHandler } from 'express';
import type { Logger } from '../platform/logging';
import { withRequestId } from '../common/request-id';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Polled by load balancers and the readiness checks: logged at debug only. */
const QUIET_PATHS = new Set(['/healthz', '/readyz']);

const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** Assigns the request id, logs the request when its response is sent, and runs the rest of the
 * request in its context. */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    const log = logger.child({ requestId });
    res.locals.log = log;
    const started = performance.now();
    res.on('finish', () => {
      const actor = res.locals.actor as { id: string; roles: string[] } | undefined;
      const line = {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        durationMs: Math.round(performance.now() - started),
        ...(actor ? { actor: actor.id, roles: actor.roles } : {}),
        ...(res.locals.actingRole ? { actingRole: res.locals.actingRole as string } : {}),
      };
      if (QUIET_PATHS.has(req.path)) log.debug(line, 'request');
      else if (res.statusCode >= 500) log.error(line, 'request');
      else log.info(line, 'request');
    });
    requestContext.run({ requestId }, next);
  };
}

const headers = <T extends { headers: Parameters<typeof withRequestId>[0] }>(input: T): T => ({
  ...input,
  headers: withRequestId(input.headers, requestContext.getStore()?.requestId),
});

/** Sends the current request's id with every workflow start, Update and signal (and their pairs). */
const requestIdInterceptor: WorkflowClientInterceptor = {
  start: (input, next) => next(headers(input)),
  startWithDetails: (input, next) => next(headers(input)),
  startUpdate: (input, next) => next(headers(input)),
  signal: (input, next) => next(headers(input)),
  signalWithStart: (input, next) => next(headers(input)),
  startUpdateWithStart: (input, next) => {
    const requestId = requestContext.getStore()?.requestId;
    return next({
      ...input,
      workflowStartHeaders: withRequestId(input.workflowStartHeaders, requestId),
      updateHeaders: withRequestId(input.updateHeaders, requestId),
    });
  },
};

/** The Temporal client the API uses: every call it makes carries the request id, and its payloads
 * go through the codec (platform/payload-codec.ts) that the worker shares. */
export function apiTemporalClient(
  connection: Connection,
  namespace: string,
  payloadCodec: PayloadCodec,
): Client {
  return new Client({
    connection,
    namespace,
    dataConverter: { payloadCodecs: [payloadCodec] },
    interceptors: { workflow: [requestIdInterceptor] },
  });
}
