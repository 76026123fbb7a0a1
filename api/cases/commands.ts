// Sending a command to a case's workflow and answering with the state it produced, read from the
// read model (the Update itself answers only with the version it wrote).
import type { CaseCommand } from '../../domain/case-decider';
import type { Role } from '../../domain/roles';
import type { Prisma } from '../../platform/database';
import { caseCommandUpdate } from '../../workflows/case';
import { HttpProblem } from '../problem';
import { executeWithin, type WorkflowCallDeps } from '../workflow-call';
import { caseView, readCase, type CaseRecord } from './read-model';

export async function sendCaseCommand(
  deps: WorkflowCallDeps & { prisma: Prisma },
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
  const result = await executeWithin(deps, record.id, caseCommandUpdate, command, actionId);
  const after = await readCase(deps.prisma, record.id);
  return { result, view: caseView(after!, roles) };
}
