// Starting cases and taking actions on them through the Temporal client, as the API will.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { PolicyOverrides } from '../../domain/deadline-policies';
import type { FastTrackFacts } from '../../domain/fast-track';
import { eligibleFastTrackFacts } from './fixtures';
import type { ActionFields, CaseKind } from '../../domain/lifecycle';
import type { Role } from '../../domain/roles';
import { caseActionUpdate, caseWorkflow, type NewCase } from '../../workflows/case';

/** The procuratorate and the court the test cases go to. */
export const PROSECUTION_ORG = 'jcy-test';
export const COURT_ORG = 'fy-test';

export const actor = (role: Role) => ({ id: `${role.toLowerCase()}-1`, role });

/** Eligible, with a likely sentence over one year: the 15-day fast-track periods. */
export const eligibleFacts: FastTrackFacts = {
  ...eligibleFastTrackFacts,
  likelySentenceMonths: 18,
};

export async function startCase(
  client: Client,
  taskQueue: string,
  kind: CaseKind,
  options: { policyOverrides?: PolicyOverrides; continueAsNewAfterEvents?: number } = {},
) {
  const caseId = `case-${randomUUID()}`;
  const input: NewCase = {
    caseId,
    kind,
    unitId: 'pcs-chengguan',
    handlerId: 'officer-7',
    title: kind === 'CRIMINAL' ? '盗窃电动车案' : '殴打他人案',
    queryCode: randomUUID().slice(0, 8).toUpperCase(),
    acceptedAt: Date.now(),
    acceptedBy: actor('HANDLER'),
    ...options,
  };
  const handle = await client.workflow.start(caseWorkflow, {
    taskQueue,
    workflowId: caseId,
    args: [input],
  });
  return { caseId, handle };
}

export function act(handle: WorkflowHandle, action: string, role: Role, fields: ActionFields = {}) {
  return handle.executeUpdate(caseActionUpdate, {
    args: [{ action, actor: actor(role), at: Date.now(), fields }],
  });
}

/** The validator's message of a refused update. */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) return error.cause?.message ?? '';
    throw error;
  }
  throw new Error('the update was accepted');
}

/** The fast-track path from acceptance to the court. */
export async function toCourt(handle: WorkflowHandle) {
  await act(handle, 'FILE', 'HANDLER');
  await act(handle, 'SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER');
  await act(handle, 'APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER');
  await act(handle, 'TRANSFER_FOR_PROSECUTION', 'HANDLER', {
    route: 'FAST_TRACK',
    fastTrackFacts: eligibleFacts,
    prosecutionOrg: PROSECUTION_ORG,
  });
  await act(handle, 'PROSECUTION_ACCEPT', 'PROSECUTOR');
  await act(handle, 'INDICT', 'PROSECUTOR', {
    sentencingProposal: '有期徒刑一年六个月',
    courtOrg: COURT_ORG,
  });
  return act(handle, 'COURT_ACCEPT', 'JUDGE');
}
