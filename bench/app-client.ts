// The app driven through the Temporal client, with no API in between: a case workflow started with
// client.workflow.start, and the 9 fast-track commands sent straight to it as caseCommand Updates.
// Everything in bench/ that knows the case workflow's start input or its Update is here.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { NewCase } from '../domain/case-decider';
import type { PolicyOverrides } from '../domain/deadline-policies';
import { QUERY_CODE_LENGTH, queryCodeFrom } from '../domain/query-code';
import { caseCommandUpdate, caseWorkflowV2 } from '../workflows/case';
import { fastTrackSteps, type BenchPlaces } from './fast-track';

export interface CaseStart {
  caseId: string;
  unitId: string;
  /** The acceptance stamp the case's clocks count from. */
  acceptedAt: number;
  policyOverrides?: PolicyOverrides;
}

/** Starts a criminal case, which opens its filing review (立案审查) deadline at acceptance. */
export function startCase(
  client: Client,
  taskQueue: string,
  start: CaseStart,
): Promise<WorkflowHandle> {
  const input: NewCase = {
    caseId: start.caseId,
    kind: 'CRIMINAL',
    unitId: start.unitId,
    handlerId: 'bench-handler',
    title: '盗窃电动车案（压测）',
    queryCode: queryCodeFrom(randomBytes(QUERY_CODE_LENGTH)),
    acceptedAt: start.acceptedAt,
    acceptedBy: { id: 'bench-handler', role: 'HANDLER' },
    ...(start.policyOverrides ? { policyOverrides: start.policyOverrides } : {}),
  };
  return client.workflow.start(caseWorkflowV2, {
    taskQueue,
    workflowId: start.caseId,
    args: [input],
  });
}

/** One fast-track case from acceptance to archive; `onAction` gets each Update's milliseconds. */
export async function clientLifecycle(
  client: Client,
  taskQueue: string,
  places: BenchPlaces,
  onAction: (ms: number) => void,
): Promise<void> {
  const handle = await startCase(client, taskQueue, {
    caseId: `case-bench-${randomUUID()}`,
    unitId: places.unitId,
    acceptedAt: Date.now(),
  });
  for (const step of fastTrackSteps(places)) {
    const started = performance.now();
    const actor = { id: `bench-${step.role.toLowerCase()}`, role: step.role };
    await handle.executeUpdate(caseCommandUpdate, {
      args: [
        step.proposal
          ? {
              type: 'APPROVE',
              actor,
              at: Date.now(),
              proposalId: `${handle.workflowId}:PROPOSAL:${step.proposal}`,
            }
          : { type: 'ACTION', action: step.action, actor, at: Date.now(), fields: step.fields },
      ],
    });
    onAction(performance.now() - started);
  }
}
