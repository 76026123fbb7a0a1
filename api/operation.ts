// One declaration per API operation: its path, the roles that may call it, the zod schemas of
// its path, query and body, and whether it touches a case or an alarm. `operation()` turns it
// into an Express route that authenticates, checks the role, validates every input (unknown
// fields refused), honours Idempotency-Key on POST, records the request in the hash-chained
// audit and answers with JSON or an RFC 9457 problem. The OpenAPI document and the
// authorisation tests read the same declarations.
import type { ErrorRequestHandler, Request, Response, Router } from 'express';
import { z } from 'zod';
import { actingRole, type Principal } from '../domain/access';
import type { Role } from '../domain/roles';
import { IdentityError, verifyToken } from '../platform/identity';
import { unauthenticatedRequests } from '../platform/metrics';
import { requestAuditAppender } from '../platform/request-audit';
import type { ApiDeps } from './deps';
import { withIdempotency } from './idempotency';
import { HttpProblem, problemBody, sendProblem, toProblem } from './problem';
import { rateLimiter } from './rate-limit';
import { text } from './schemas';
import { parse } from './validate';
import type { SubjectType } from '../domain/steps';

export type Subject = { type: SubjectType; id: string };

export interface OperationSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  /** A short name, also the `action` of the request audit: `case.get`, `alarm.create`. */
  id: string;
  method: 'get' | 'post';
  /** Express style: /cases/:id. */
  path: string;
  summary: string;
  /** The roles that may call it, or PUBLIC for no token. */
  roles: readonly Role[] | 'PUBLIC';
  params?: P;
  query?: Q;
  body?: B;
  /**
   * The case or alarm a request is about (`:id` names it unless the handler says). Requests with
   * a token are audited whether or not they name one (lists, queues, the evaluation); public
   * requests only when they concern a case.
   */
  subject?: Subject['type'];
  /** The success statuses and what they carry. */
  success: Record<number, string>;
  /** The error statuses it can answer beyond 400/401/403/413. */
  errors?: number[];
  /**
   * A POST that changes nothing and shows what it answers (the codec's decode): no Idempotency-Key
   * is honoured, so that no answer is stored, and one whose request cannot be audited shows nothing.
   */
  readsOnly?: boolean;
  /** `x-` members of its OpenAPI operation: what a client generates from (the action forms). */
  extensions?: Record<`x-${string}`, unknown>;
}

export interface OperationContext<P, Q, B> {
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
  /** Present when the caller sent an Idempotency-Key: a stable id for the Temporal action. */
  actionId?: string;
  /** When the request arrived; actions are stamped with it. */
  at: number;
  /** Names the case or alarm the request concerns (for the audit), when :id does not. */
  about(subject: Subject): void;
}

export interface OperationResult {
  status?: number;
  body: unknown;
  location?: string;
  headers?: Record<string, string>;
}

/** Anyone calling a PUBLIC operation. */
export const PUBLIC_PRINCIPAL: Principal = { id: 'public', name: 'public', roles: [] };

const registry = new Map<string, OperationSpec>();

/** Every declared operation (the OpenAPI document and the authorisation tests read them). */
export const operations = () => [...registry.values()];

async function authenticate(deps: ApiDeps, req: Request): Promise<Principal> {
  const header = req.get('authorization');
  if (!header) {
    throw new HttpProblem(
      401,
      'Authentication required',
      'Send a bearer token: Authorization: Bearer <token> (npm run token issues development tokens).',
    );
  }
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
  if (!match) {
    throw new HttpProblem(
      401,
      'Authentication required',
      'Authorization must be "Bearer <token>".',
    );
  }
  let principal: Principal;
  try {
    principal = await verifyToken(deps.identity, match[1]!);
  } catch (error) {
    if (error instanceof IdentityError) throw new HttpProblem(401, 'Invalid token', error.message);
    throw error;
  }
  const claims = principalText.safeParse(principal);
  if (!claims.success) {
    const issue = claims.error.issues[0]!;
    const claim = issue.path[0] === 'id' ? 'sub' : String(issue.path[0]);
    throw new HttpProblem(401, 'Invalid token', `The token's "${claim}" claim ${issue.message}.`);
  }
  return principal;
}

/**
 * A signed token's names are text like any other input: the id and the org reach PostgreSQL (the
 * request audit, idempotency keys, the workflows' records, scope filters), which refuses a NUL.
 */
const principalText = z.object({ id: text(100), name: text(100), org: text(100).optional() });

const clientIp = (req: Request) => req.ip ?? req.socket.remoteAddress ?? undefined;

/** Per app: how many requests without a valid token one address may send a minute. */
const strangers = new WeakMap<ApiDeps, (client: string) => void>();
const DEFAULT_UNAUTHENTICATED_PER_MINUTE = 60;

/**
 * The caller, or undefined once the refusal has been sent. A request that names nobody (401) is
 * counted and logged, not appended to the audit chain one by one, so a flood of them costs the
 * chain nothing; an address that keeps sending them gets 429.
 */
export async function authenticateOrCount(
  deps: ApiDeps,
  req: Request,
  res: Response,
): Promise<Principal | undefined> {
  try {
    return await authenticate(deps, req);
  } catch (error) {
    if (!(error instanceof HttpProblem) || error.status !== 401) throw error;
    let problem = error;
    let limit = strangers.get(deps);
    if (!limit) {
      const perMinute = deps.unauthenticatedPerMinute ?? DEFAULT_UNAUTHENTICATED_PER_MINUTE;
      limit = rateLimiter(perMinute, 'requests without a valid token');
      strangers.set(deps, limit);
    }
    try {
      limit(clientIp(req) ?? 'unknown');
    } catch (tooMany) {
      problem = tooMany as HttpProblem;
      res.setHeader('Retry-After', String((tooMany as { retryAfter: number }).retryAfter));
    }
    unauthenticatedRequests.inc({ status: String(problem.status) });
    (res.locals.log as { warn?: (obj: unknown, msg: string) => void } | undefined)?.warn?.(
      { clientIp: clientIp(req), status: problem.status, why: error.detail },
      'request without a valid token',
    );
    sendProblem(res, problem);
    return undefined;
  }
}

export function operation<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  router: Router,
  deps: ApiDeps,
  spec: OperationSpec<P, Q, B>,
  handler: (
    ctx: OperationContext<z.output<P>, z.output<Q>, z.output<B>>,
  ) => Promise<OperationResult>,
) {
  registry.set(`${spec.method} ${spec.path}`, spec as unknown as OperationSpec);
  router[spec.method](spec.path, async (req: Request, res: Response) => {
    const at = Date.now();
    let principal: Principal | undefined;
    let actingRole: string | undefined;
    let subject: Subject | undefined =
      spec.subject && typeof req.params.id === 'string'
        ? { type: spec.subject, id: req.params.id }
        : undefined;
    let result: OperationResult;
    try {
      if (spec.roles === 'PUBLIC') {
        principal = PUBLIC_PRINCIPAL;
      } else {
        principal = await authenticateOrCount(deps, req, res);
        if (!principal) return;
        const allowed = spec.roles;
        if (!principal.roles.some((r) => allowed.includes(r))) {
          throw new HttpProblem(
            403,
            'Forbidden',
            `${spec.method.toUpperCase()} ${spec.path} is for ${allowed.join(', ')}; your roles are ${principal.roles.join(', ')}.`,
          );
        }
      }
      res.locals.actor = { id: principal.id, roles: principal.roles, unit: principal.unit };
      const params = parse(spec.params ?? z.strictObject({}), req.params, 'path');
      const query = parse(spec.query ?? z.strictObject({}), req.query, 'query');
      const body =
        spec.method === 'post'
          ? parse(spec.body ?? z.strictObject({}), req.body ?? {}, 'body')
          : undefined;
      const who = principal;
      const run = (actionId?: string) =>
        handler({
          principal: who,
          params: params as z.output<P>,
          query: query as z.output<Q>,
          body: body as z.output<B>,
          req,
          res,
          at,
          ...(actionId ? { actionId } : {}),
          about: (s) => {
            subject = s;
          },
        });
      result =
        spec.method === 'post' && !spec.readsOnly && req.get('idempotency-key') !== undefined
          ? await withIdempotency(deps.prisma, who, req, run)
          : await run();
      actingRole = res.locals.actingRole as string | undefined;
    } catch (error) {
      const problem = toProblem(error, res);
      result = { status: problem.status, body: problemBody(problem) };
    }
    const status = result.status ?? 200;
    if (subject || spec.roles !== 'PUBLIC') {
      try {
        await recordRequest(deps, req, res, {
          principal,
          actingRole,
          action: spec.id,
          subject,
          status,
          at,
        });
      } catch (error) {
        const why = (error as Error).message;
        (res.locals.log as { error?: (obj: unknown, msg: string) => void } | undefined)?.error?.(
          { err: error },
          'request audit not written',
        );
        result =
          spec.method === 'post' && !spec.readsOnly && status < 400
            ? actionStands(result, why)
            : nothingShown(why, res);
      }
    }
    const finalStatus = result.status ?? 200;
    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    if (result.location && finalStatus < 300) res.location(result.location);
    res.status(finalStatus);
    if (finalStatus >= 400) res.type('application/problem+json');
    res.json(result.body);
  });
}

/** Appends one request to the MAC-chained request audit (with whatever requests run alongside). */
export function recordRequest(
  deps: ApiDeps,
  req: Request,
  res: Response,
  request: {
    principal: Principal | undefined;
    actingRole: string | undefined;
    action: string;
    subject: Subject | undefined;
    status: number;
    at: number;
  },
) {
  const { principal } = request;
  return requestAuditAppender(deps.pool, deps.auditKey).append({
    requestId: (res.getHeader('x-request-id') as string | undefined) ?? 'none',
    actorId: principal?.id ?? 'anonymous',
    actorRole: request.actingRole ?? principal?.roles.join(',') ?? 'NONE',
    actorUnit: principal?.unit,
    actorOrg: principal?.org,
    method: req.method,
    path: req.originalUrl.slice(0, 500),
    action: request.action,
    subjectType: request.subject?.type,
    subjectId: request.subject?.id,
    outcome: request.status,
    clientIp: clientIp(req),
    at: new Date(request.at),
  });
}

/**
 * A body refused before any route saw it (too large, malformed JSON): audited when its token
 * names someone, as every refused request that carried a token is; otherwise counted like any
 * request without a valid token.
 */
export function refusedBodyHandler(deps: ApiDeps): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const problem = toProblem(error, res);
    void (async () => {
      const principal = await authenticateOrCount(deps, req, res);
      if (!principal) return;
      try {
        await recordRequest(deps, req, res, {
          principal,
          actingRole: undefined,
          action: 'request.refused',
          subject: undefined,
          status: problem.status,
          at: Date.now(),
        });
        sendProblem(res, problem);
      } catch (auditError) {
        sendProblem(res, toProblem(nothingShownProblem((auditError as Error).message), res));
      }
    })().catch(next);
  };
}

/** An action was taken but its request could not be audited: the answer says it stands. */
function actionStands(result: OperationResult, why: string): OperationResult {
  return {
    ...result,
    headers: { ...result.headers, 'Audit-Warning': 'request not recorded' },
    body: {
      ...(result.body as object),
      auditWarning: `The action was taken, but this request could not be recorded in the request audit (${why}). Do not repeat the action; report the missing record.`,
    },
  };
}

const nothingShownProblem = (why: string) =>
  new HttpProblem(
    503,
    'Audit unavailable',
    `The request could not be recorded in the audit trail (${why}); nothing was shown.`,
  );

/** Nobody may see a case without a record of it. */
function nothingShown(why: string, res: Response): OperationResult {
  const problem = toProblem(nothingShownProblem(why), res);
  return { status: problem.status, body: problemBody(problem) };
}

/** The caller's role for an action the rule lets `allowed` take; 403 naming the rule if none. */
export function actAs(
  ctx: { principal: Principal; res: Response },
  inScope: readonly Role[],
  allowed: readonly Role[],
  what: string,
): Role {
  const choice = actingRole(ctx.principal, inScope, allowed, what);
  if (!choice.ok) throw new HttpProblem(403, 'Forbidden', choice.reason);
  ctx.res.locals.actingRole = choice.role;
  return choice.role;
}
