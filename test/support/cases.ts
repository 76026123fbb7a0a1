// Starting cases and sending them commands through the Temporal client, as the API does, and
// reading what each step wrote from the read model.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { CaseCommand, NewCase } from '../../domain/case-decider';
import type { PolicyOverrides } from '../../domain/deadline-policies';
import type { ActionFields, CaseKind } from '../../domain/lifecycle';
import { ROLES, type Role } from '../../domain/roles';
import type { Prisma } from '../../platform/database';
import { caseView, readCase, type CaseView } from '../../api/cases/read-model';
import { caseCommandUpdate, caseWorkflowV2, type CaseStepResult } from '../../workflows/case';
import { eventually } from './app';
import { eligibleFastTrackFacts, signedPleaAgreement } from './fixtures';
import type { FastTrackFacts } from '../../domain/fast-track';

/** The procuratorate and the court the test cases go to. */
export const PROSECUTION_ORG = 'jcy-test';
export const COURT_ORG = 'fy-test';

export const actor = (role: Role) => ({ id: `${role.toLowerCase()}-1`, role });

/** Eligible, with a likely sentence over one year: the 15-day fast-track periods. */
export const eligibleFacts: FastTrackFacts = {
  ...eligibleFastTrackFacts,
  likelySentenceMonths: 18,
};

/** A case under test: its workflow, and its state as the read model shows it. */
export interface TestCase {
  caseId: string;
  handle: WorkflowHandle<typeof caseWorkflowV2>;
  prisma: Prisma;
}

export function newCaseInput(
  kind: CaseKind,
  options: { policyOverrides?: PolicyOverrides; continueAsNewAfterEvents?: number } = {},
): NewCase {
  return {
    caseId: `case-${randomUUID()}`,
    kind,
    unitId: 'pcs-chengguan',
    handlerId: 'officer-7',
    title: kind === 'CRIMINAL' ? '盗窃电动车案' : '殴打他人案',
    queryCode: randomUUID().slice(0, 8).toUpperCase(),
    acceptedAt: Date.now(),
    acceptedBy: actor('HANDLER'),
    ...options,
  };
}

export async function startCase(
  app: { client: Client; prisma: Prisma },
  taskQueue: string,
  kind: CaseKind,
  options: { policyOverrides?: PolicyOverrides; continueAsNewAfterEvents?: number } = {},
): Promise<TestCase> {
  const input = newCaseInput(kind, options);
  const handle = await app.client.workflow.start(caseWorkflowV2, {
    taskQueue,
    workflowId: input.caseId,
    args: [input],
  });
  return { caseId: input.caseId, handle, prisma: app.prisma };
}

/** A case started and opened: its first step is in the read model. */
export async function openedCase(
  app: { client: Client; prisma: Prisma },
  taskQueue: string,
  kind: CaseKind,
  options: { policyOverrides?: PolicyOverrides; continueAsNewAfterEvents?: number } = {},
): Promise<TestCase> {
  const c = await startCase(app, taskQueue, kind, options);
  await opened(c);
  return c;
}

/** The case as the API shows it, with the actions open to every role. */
export async function view(c: TestCase): Promise<CaseView> {
  const record = await readCase(c.prisma, c.caseId);
  if (!record) throw new Error(`case ${c.caseId} has no row in the read model`);
  return caseView(record, Object.keys(ROLES) as Role[]);
}

/** Waits until the case's opening step is written (a worker must poll its task queue). */
export const opened = (c: TestCase) =>
  eventually(
    () => c.prisma.case.findUnique({ where: { id: c.caseId } }),
    (row) => row !== null,
  );

/** Sends one command; answers with the case as the step left it. */
export async function command(
  c: TestCase,
  cmd: CaseCommand,
  updateId?: string,
): Promise<CaseView & { step: CaseStepResult }> {
  const step = await c.handle.executeUpdate(caseCommandUpdate, {
    args: [cmd],
    ...(updateId ? { updateId } : {}),
  });
  return { ...(await view(c)), step };
}

export function act(c: TestCase, action: string, role: Role, fields: ActionFields = {}) {
  return command(c, { type: 'ACTION', action, actor: actor(role), at: Date.now(), fields });
}

/**
 * Takes an action and, where the law reserves it to the leaders (审批), has each approver in its
 * chain approve it, so that it takes effect: for tests about what follows the decision.
 */
export async function decided(
  c: TestCase,
  action: string,
  role: Role = 'HANDLER',
  fields: ActionFields = {},
) {
  let state = await act(c, action, role, fields);
  for (;;) {
    const waiting = state.proposals.find((p) => p.waitingFor);
    if (!waiting) return state;
    state = await command(c, {
      type: 'APPROVE',
      actor: actor(waiting.waitingFor!.code),
      at: Date.now(),
      proposalId: waiting.id,
    });
  }
}

/** The audit events of a case, oldest first: its history. */
export async function history(c: TestCase) {
  const events = await c.prisma.auditEvent.findMany({
    where: { subjectType: 'CASE', subjectId: c.caseId },
    orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
  });
  return events;
}

/** The validator's or handler's message of a refused update. */
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
export async function toCourt(c: TestCase) {
  await decided(c, 'FILE');
  await act(c, 'SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER');
  await act(c, 'APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER');
  await decided(c, 'TRANSFER_FOR_PROSECUTION', 'HANDLER', {
    suggestedRoute: 'FAST_TRACK',
    fastTrackFacts: eligibleFacts,
    prosecutionOrg: PROSECUTION_ORG,
  });
  await act(c, 'PROSECUTION_ACCEPT', 'PROSECUTOR', {
    route: 'FAST_TRACK',
    fastTrackFacts: eligibleFacts,
    ...signedPleaAgreement,
  });
  await act(c, 'INDICT', 'PROSECUTOR', {
    sentencingProposal: '有期徒刑一年六个月',
    courtOrg: COURT_ORG,
  });
  return act(c, 'COURT_ACCEPT', 'JUDGE');
}
