// A case as people read it, from the read model the engine writes with every step (cases, tasks,
// escalations): no workflow is asked, so a case answers with no worker running and an archived
// case costs one query. The response says which version of the case it shows.
import { rolesForCase, type Principal } from '../../domain/access';
import {
  caseFacts,
  type CaseFactsSource,
  type CaseModel,
  type Proposal,
} from '../../domain/case-decider';
import { PLEA_AGREEMENT_LAWYERS } from '../../domain/criminal-clocks';
import { MEASURE_STATES, type MeasureState } from '../../domain/coercive-measures';
import {
  availableActions,
  CASE_KINDS,
  CASE_STAGES,
  type CaseKind,
  type CaseStage,
} from '../../domain/lifecycle';
import type { Role } from '../../domain/roles';
import type { Prisma } from '../../platform/database';
import { notInScope } from '../problem';
import { proposalView as subjectProposalView } from '../read-model/proposals';
import { deadlineView, escalationViews, iso, TASKS_WITH_ESCALATIONS } from '../read-model/tasks';

/** The reporter on the receipt (回执), from the alarm the case was opened from. */
const REPORTER = { reporterName: true, reporterContact: true } as const;

/** One case with its tasks and their escalations, in one query. */
export function readCase(prisma: Prisma, id: string) {
  return prisma.case.findUnique({
    where: { id },
    include: { tasks: TASKS_WITH_ESCALATIONS, alarm: { select: REPORTER } },
  });
}

export type CaseRecord = NonNullable<Awaited<ReturnType<typeof readCase>>>;

/** The case if the caller may see it, with the roles they hold on it; 404 otherwise (not there or not yours alike). */
export async function caseInScope(
  prisma: Prisma,
  principal: Principal,
  id: string,
): Promise<{ record: CaseRecord; roles: Role[] }> {
  return inScope(principal, id, await readCase(prisma, id));
}

/**
 * The same check on the case's row alone, without its tasks: for an action (which reads the case
 * it produced afterwards) and the timeline, the scope is all they need of the case before.
 */
export async function caseRowInScope(prisma: Prisma, principal: Principal, id: string) {
  return inScope(principal, id, await prisma.case.findUnique({ where: { id } }));
}

function inScope<R extends Parameters<typeof rolesForCase>[1]>(
  principal: Principal,
  id: string,
  record: R | null,
): { record: R; roles: Role[] } {
  if (!record) throw notInScope('case', id);
  const roles = rolesForCase(principal, record);
  if (roles.length === 0) throw notInScope('case', id);
  return { record, roles };
}

/** The facts the rules judge, from the case's row. */
const recordFacts = (
  row: Omit<CaseFactsSource, 'kind' | 'stage' | 'arrivedAt'> & {
    kind: string;
    stage: string;
    adminProcedure?: string | null;
    arrivedAt?: Date | null;
  },
) =>
  caseFacts({
    ...row,
    kind: row.kind as CaseKind,
    stage: row.stage as CaseStage,
    procedure: row.adminProcedure,
    arrivedAt: row.arrivedAt?.getTime() ?? null,
  });

/** The 认罪认罚具结书 recorded on a fast-track case: the lawyer present, and when it was recorded. */
function pleaAgreementView(column: unknown) {
  if (!column) return null;
  const agreement = column as NonNullable<CaseModel['pleaAgreement']>;
  return {
    lawyer: {
      code: agreement.lawyer,
      label: PLEA_AGREEMENT_LAWYERS[agreement.lawyer] ?? agreement.lawyer,
    },
    lawyerName: agreement.lawyerName,
    recordedAt: iso(new Date(agreement.recordedAt)),
  };
}

/** A case's decision waiting for its approvers (审批), its subject an action or an extension. */
export const proposalView = (caseId: string, p: Proposal) =>
  subjectProposalView(`/cases/${caseId}`, p);

/** What the API shows of a case: its facts, deadlines, escalations, and what the caller may do. */
export function caseView(record: CaseRecord, roles: readonly Role[]) {
  const facts = recordFacts(record);
  const { tasks, ...row } = record;
  return {
    id: row.id,
    version: row.version,
    kind: { code: row.kind, label: CASE_KINDS[row.kind] },
    stage: { code: row.stage, label: CASE_STAGES[row.stage as CaseStage] ?? row.stage },
    unitId: row.unitId,
    handlerId: row.handlerId,
    title: row.title,
    queryCode: row.queryCode,
    // Who is told of the case's progress, beside the receipt's query code; never public.
    reporter: row.alarm
      ? { name: row.alarm.reporterName, contact: row.alarm.reporterContact }
      : null,
    alarmId: row.alarmId,
    route: row.route,
    prosecutionOrg: row.prosecutionOrg,
    courtOrg: row.courtOrg,
    prosecutionAccepted: row.prosecutionAccepted,
    courtAccepted: row.courtAccepted,
    supplementaryReturns: row.supplementaryReturns,
    reconsiderationWindowEnded: row.reconsiderationWindowEnded,
    sentenceVariant: row.sentenceVariant,
    procedure: row.adminProcedure,
    arrivedAt: iso(row.arrivedAt) ?? null,
    suggestedRoute: row.suggestedRoute,
    pleaAgreement: pleaAgreementView(row.pleaAgreement),
    proposals: ((row.proposals ?? []) as unknown as Proposal[]).map((p) => proposalView(row.id, p)),
    measure: {
      code: row.measure,
      label: MEASURE_STATES[row.measure as MeasureState] ?? row.measure,
    },
    acceptedAt: iso(row.acceptedAt),
    closedAt: iso(row.closedAt) ?? null,
    deadlines: tasks.map(deadlineView),
    escalations: escalationViews(tasks),
    availableActions: [...new Set(roles.flatMap((r) => availableActions(facts, r)))],
    links: { self: `/cases/${row.id}`, timeline: `/cases/${row.id}/timeline` },
  };
}

export type CaseView = ReturnType<typeof caseView>;
