// A reconsideration or lawsuit as people read it, from the read model its steps write
// (litigation_matters, tasks, escalations).
import { rolesForUnit, type Principal } from '../../domain/access';
import {
  MATTER_KINDS,
  MATTER_STAGES,
  matterStage,
  OUTCOMES,
  outcomeLabel,
  type Appearance,
  type MatterKind,
  type MatterStage,
  type Outcome,
} from '../../domain/litigation';
import type { Role } from '../../domain/roles';
import type { Prisma } from '../../platform/database';
import { notInScope } from '../problem';
import { deadlineView, escalationViews, iso, TASKS_WITH_ESCALATIONS } from '../read-model/tasks';

export function readMatter(prisma: Prisma, id: string) {
  return prisma.litigationMatter.findUnique({
    where: { id },
    include: { tasks: TASKS_WITH_ESCALATIONS },
  });
}

export type MatterRecord = NonNullable<Awaited<ReturnType<typeof readMatter>>>;

const kindOf = (code: string) => ({
  code,
  label: MATTER_KINDS[code as MatterKind]?.label ?? code,
});

/** The outcome as the matter's kind names it, and whether it went against the bureau. */
function outcomeView(row: Pick<MatterRecord, 'outcome' | 'kind'>) {
  if (!row.outcome || !Object.hasOwn(OUTCOMES, row.outcome)) return null;
  const outcome = OUTCOMES[row.outcome as Outcome];
  return {
    code: row.outcome,
    label: outcomeLabel(row.outcome, row.kind as MatterKind) ?? outcome.label,
    against: outcome.against,
  };
}

/** One row of the list: enough to see what is open and what awaits its performance. */
export function matterListItem(row: Omit<MatterRecord, 'tasks'>) {
  return {
    id: row.id,
    kind: kindOf(row.kind),
    unitId: row.unitId,
    stage: Object.hasOwn(MATTER_STAGES, row.stage)
      ? matterStage(row.stage as MatterStage)
      : { code: row.stage, label: row.stage },
    claimantName: row.claimantName,
    forum: row.forum,
    decision: {
      caseId: row.caseId,
      documentNumber: row.decisionDocumentNumber,
      summary: row.decisionSummary,
    },
    copyReceivedAt: iso(row.copyReceivedAt),
    answerDueAt: iso(row.answerDueAt) ?? null,
    answeredAt: iso(row.answeredAt) ?? null,
    outcome: outcomeView(row),
    links: { self: `/litigation/${row.id}` },
  };
}

const appearanceView = (a: Appearance) => ({
  hearingAt: new Date(a.hearingAt).toISOString(),
  leaderAppeared: a.leaderAppeared,
  leader: a.leader,
  ...(a.officer ? { officer: a.officer } : {}),
  ...(a.reason ? { reason: a.reason } : {}),
});

export function matterView(record: MatterRecord) {
  const { tasks, ...row } = record;
  return {
    ...matterListItem(row),
    version: row.version,
    forumCaseNumber: row.forumCaseNumber,
    registeredAt: iso(row.registeredAt),
    registeredBy: row.registeredBy,
    ...(row.answeredAt
      ? {
          answer: {
            at: iso(row.answeredAt),
            onTime: row.answerDueAt !== null && row.answeredAt <= row.answerDueAt,
            ...(row.answerNote ? { note: row.answerNote } : {}),
          },
        }
      : {}),
    hearings: (row.hearings as unknown as Appearance[]).map(appearanceView),
    ...(row.decidedAt
      ? {
          decided: {
            at: iso(row.decidedAt),
            ...(row.outcomeDocument ? { documentNumber: row.outcomeDocument } : {}),
            ...(row.outcomeNote ? { note: row.outcomeNote } : {}),
          },
        }
      : {}),
    ...(row.carriedOutAt
      ? { carriedOut: { at: iso(row.carriedOutAt), note: row.carriedOutNote } }
      : {}),
    ...(row.closedAt ? { closedAt: iso(row.closedAt) } : {}),
    deadlines: tasks.map(deadlineView),
    escalations: escalationViews(tasks),
  };
}

/** The matter if the caller's unit covers it; 404 otherwise (not there or not yours alike). */
export async function matterInScope(
  prisma: Prisma,
  principal: Principal,
  id: string,
): Promise<{ record: MatterRecord; roles: Role[] }> {
  const record = await readMatter(prisma, id);
  if (!record) throw notInScope('reconsideration or lawsuit', id);
  const roles = rolesForUnit(principal, record.unitId);
  if (roles.length === 0) throw notInScope('reconsideration or lawsuit', id);
  return { record, roles };
}
