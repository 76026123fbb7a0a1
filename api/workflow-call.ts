// Sending an Update to a case's or an alarm's workflow, with a bounded wait: the client keeps
// polling for an Update's outcome while no worker runs, so the answer comes from here (504) and
// the call is abandoned. The request's Idempotency-Key travels as the update id and inside the
// command, so that a retry acts once in any run of the workflow.
import { createHash, randomUUID } from 'node:crypto';
import type { Client, UpdateDefinition } from '@temporalio/client';
import { HttpProblem } from './problem';

/** How long an action waits for its workflow before answering 504. */
const WORKFLOW_CALL_TIMEOUT_MS = 20_000;

export interface WorkflowCallDeps {
  temporal: Client;
  workflowCallTimeoutMs?: number;
}

/** Sends an Update and waits at most the configured time for its outcome. */
export function executeWithin<Result, Command extends object>(
  deps: WorkflowCallDeps,
  workflowId: string,
  update: UpdateDefinition<Result, [Command]>,
  command: Command,
  actionId: string | undefined,
): Promise<Result> {
  return callWithin(deps, workflowId, () =>
    deps.temporal.workflow.getHandle(workflowId).executeUpdate(update, {
      args: [actionId ? { ...command, requestId: actionId } : command],
      ...(actionId ? { updateId: actionId } : {}),
    }),
  );
}

/**
 * Any call into a workflow (an Update, a Query, a start), abandoned with a 504 once it has taken
 * longer than the configured time: a request never hangs on Temporal or on a missing worker.
 */
export async function callWithin<T>(
  deps: WorkflowCallDeps,
  workflowId: string,
  send: () => Promise<T>,
): Promise<T> {
  const timeoutMs = deps.workflowCallTimeoutMs ?? WORKFLOW_CALL_TIMEOUT_MS;
  const abandon = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abandon.abort();
      reject(
        new HttpProblem(
          504,
          'No answer in time',
          `${workflowId} did not answer within ${Math.round(timeoutMs / 1000)} s (is a worker running?). The action may still be taken: retry with the same Idempotency-Key to find out, and it will be taken once.`,
        ),
      );
    }, timeoutMs);
  });
  const call = deps.temporal.withAbortSignal(abandon.signal, send);
  call.catch(() => undefined); // once abandoned, its failure is nobody's answer
  try {
    return await Promise.race([call, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A new workflow's id, `<prefix>-<uuid>`: from the request's Idempotency-Key when it has one, so
 * that a retried registration starts one workflow.
 */
export function workflowIdFor(prefix: string, actionId?: string): string {
  if (!actionId) return `${prefix}-${randomUUID()}`;
  const h = createHash('sha256').update(actionId).digest('hex');
  return `${prefix}-${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
