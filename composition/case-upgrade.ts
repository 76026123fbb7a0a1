// Cases started on the first engine (workflow type caseWorkflow) move to the new one: each is sent
// the upgradeEngine signal, finishes what is in progress and continues as caseWorkflowV2 with its
// state, whose first step writes the read model. Run by the worker's start-up; idempotent.
import type { Client } from '@temporalio/client';
import { upgradeEngineSignal } from '../workflows/case-v1';

const FIRST_ENGINE_RUNNING = 'WorkflowType = "caseWorkflow" AND ExecutionStatus = "Running"';

/** Signals every running case of the first engine; answers how many were asked to move. */
export async function upgradeFirstEngineCases(
  client: Client,
  log: (line: string) => void,
): Promise<number> {
  let count = 0;
  for await (const execution of client.workflow.list({ query: FIRST_ENGINE_RUNNING })) {
    await client.workflow.getHandle(execution.workflowId).signal(upgradeEngineSignal);
    count += 1;
  }
  if (count > 0) log(`[upgrade] ${count} case(s) of the first engine moving to caseWorkflowV2`);
  return count;
}
