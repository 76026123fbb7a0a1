// Errors as RFC 9457 problem details: a type, a title, the status and what exactly was wrong.
import type { ErrorRequestHandler, Response } from 'express';
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
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({
      type: 'about:blank',
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      ...(problem.errors ? { errors: problem.errors } : {}),
    });
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

/** Maps body-parser's and our own errors to problems; anything else is a logged 500. */
export const problemHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error instanceof HttpProblem) return sendProblem(res, error);
  const status = (error as { status?: number }).status;
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') {
    return sendProblem(
      res,
      new HttpProblem(
        413,
        'Request body too large',
        `The body exceeds the limit of ${(error as { limit?: number }).limit} bytes.`,
      ),
    );
  }
  if (type === 'entity.parse.failed') {
    return sendProblem(res, new HttpProblem(400, 'Malformed JSON', (error as Error).message));
  }
  if (status && status >= 400 && status < 500) {
    return sendProblem(res, new HttpProblem(status, 'Bad request', (error as Error).message));
  }
  console.error('[api] unexpected error', error);
  return sendProblem(
    res,
    new HttpProblem(500, 'Internal error', 'The server failed to handle this request.'),
  );
};
