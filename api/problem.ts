// Errors as RFC 9457 problem details: a type, a title, the status and what exactly was wrong.
import type { ErrorRequestHandler, Response } from 'express';
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import type { ZodError } from 'zod';

export interface FieldProblem {
  field: string;
  rule: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldProblem[],
  ) {
    super(detail);
  }
}

export function sendProblem(res: Response, problem: HttpProblem) {
  res.status(problem.status).type('application/problem+json').json(problemBody(problem));
}

export function validationProblem(error: ZodError, where: 'body' | 'path' | 'query'): HttpProblem {
  const errors = error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    rule:
      issue.code === 'unrecognized_keys'
        ? `unknown field(s): ${issue.keys.join(', ')}`
        : issue.message,
  }));
  return new HttpProblem(
    400,
    'Invalid request',
    errors.map((e) => `${e.field}: ${e.rule}`).join('; '),
    errors,
  );
}

/** The JSON body of a problem. */
export function problemBody(problem: HttpProblem) {
  return {
    type: 'about:blank',
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
}

/**
 * Any error as a problem: ours as they are; body-parser's as 400 or 413; a workflow's refused
 * Update as 422 with the validator's message; a missing workflow as 404; Temporal unreachable as
 * 503; anything else is a logged 500.
 */
export function toProblem(error: unknown, res?: Response): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof WorkflowUpdateFailedError) {
    // The step could not be written through every retry: nothing was done, and a retry may work.
    if ((error.cause as { type?: string } | undefined)?.type === 'StepNotRecorded') {
      return new HttpProblem(503, 'Not recorded', error.cause!.message);
    }
    return new HttpProblem(
      422,
      'Action refused',
      error.cause?.message ?? 'The workflow refused the action.',
    );
  }
  if (error instanceof WorkflowNotFoundError) {
    return new HttpProblem(404, 'Not found', 'No such workflow: the id names nothing.');
  }
  if (error instanceof ServiceError || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new HttpProblem(
      503,
      'Workflow service unavailable',
      `Temporal did not answer (${(error as Error).message}); try again shortly.`,
    );
  }
  const status = (error as { status?: number }).status;
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') {
    return new HttpProblem(
      413,
      'Request body too large',
      `The body exceeds the limit of ${(error as { limit?: number }).limit} bytes.`,
    );
  }
  if (type === 'entity.parse.failed') {
    return new HttpProblem(400, 'Malformed JSON', (error as Error).message);
  }
  if (status && status >= 400 && status < 500) {
    return new HttpProblem(status, 'Bad request', (error as Error).message);
  }
  const log = res?.locals.log as { error?: (obj: unknown, msg: string) => void } | undefined;
  if (log?.error) log.error({ err: error }, 'unexpected error');
  else console.error('[api] unexpected error', error);
  return new HttpProblem(500, 'Internal error', 'The server failed to handle this request.');
}

/** Maps errors that reach Express (body-parser's, unknown routes' and ours) to problems. */
export const problemHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  return sendProblem(res, toProblem(error, res));
};

/**
 * One answer whether a subject does not exist or lies outside the caller's scope, so that the
 * status never confirms that another unit's case or alarm exists.
 */
export const notInScope = (
  what: 'case' | 'alarm' | 'escalation' | 'information request' | 'reconsideration or lawsuit',
  id: string,
) => new HttpProblem(404, 'Not found', `No ${what} in your scope has the id ${id}.`);
