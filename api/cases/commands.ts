// Sending a command to a case's workflow and answering with the state it produced, read from the
// read model (the Update itself answers only with the version it wrote).
import type { Client } from '@temporalio/client';
import type { CaseCommand } from '../../domain/case-decider';
import type { Role } from '../../domain/roles';
import type { Prisma } from '../../platform/database';
import { caseCommandUpdate } from '../../workflows/case';
import { HttpProblem } from '../problem';
import { caseView, readCase, type CaseRecord } from './read-model';

/** How long an action waits for its case's workflow before answering 504. */
export const WORKFLOW_CALL_TIMEOUT_MS = 20_000;

export async function sendCaseCommand(
  deps: { temporal: Client; prisma: Prisma; workflowCallTimeoutMs?: number },
  record: Pick<CaseRecord, 'id' | 'stage' | 'version'>,
  roles: readonly Role[],
  command: CaseCommand,
  /** From the Idempotency-Key: a retry, in any run of the workflow, acts once. */
  actionId: string | undefined,
) {
  if (record.stage === 'ARCHIVED') {
    throw new HttpProblem(
      422,
      'Action refused',
      `Case ${record.id} is archived (归档): nothing more can be done on it.`,
    );
  }
  if (record.version === 0) {
    throw new HttpProblem(
      503,
      'Case being upgraded',
      `Case ${record.id} was started on the first engine and is being moved to the new one; try again in a few seconds.`,
    );
  }
  const timeoutMs = deps.workflowCallTimeoutMs ?? WORKFLOW_CALL_TIMEOUT_MS;
  // The client keeps polling for an Update's outcome while no worker runs: the answer is bounded
  // here, and the call abandoned.
  const abandon = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abandon.abort();
      reject(
        new HttpProblem(
          504,
          'No answer in time',
          `Case ${record.id} did not answer within ${Math.round(timeoutMs / 1000)} s (is a worker running?). The action may still be taken: retry with the same Idempotency-Key to find out, and it will be taken once.`,
        ),
      );
    }, timeoutMs);
  });
  const update = deps.temporal.withAbortSignal(abandon.signal, () =>
    deps.temporal.workflow.getHandle(record.id).executeUpdate(caseCommandUpdate, {
      args: [actionId ? { ...command, requestId: actionId } : command],
      ...(actionId ? { updateId: actionId } : {}),
    }),
  );
  update.catch(() => undefined); // once abandoned, its failure is nobody's answer
  let result;
  try {
    result = await Promise.race([update, timedOut]);
  } finally {
    clearTimeout(timer);
  }
  const after = await readCase(deps.prisma, record.id);
  return { result, view: caseView(after!, roles) };
}
