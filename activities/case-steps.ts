// One step of a case, written in one PostgreSQL transaction: the case's row at its new version,
// the tasks opened, completed or moved, the escalations fired or answered, the audit events. The
// version keys the step: a retry of a step already written finds the row at that version and
// writes nothing. An error no retry can fix (a value PostgreSQL refuses, a code already in use)
// fails at once, so the Update that caused it fails with the message and the case moves on.
import { ApplicationFailure } from '@temporalio/activity';
import type { CaseEffect, CaseRow, CaseStep, TaskRecord } from '../domain/case-decider';
import type { Prisma } from '../platform/database';
import { Prisma as PrismaNamespace } from '../generated/prisma/client';

type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];

const date = (instant: number | undefined) => (instant === undefined ? null : new Date(instant));

function rowData(row: CaseRow) {
  return {
    kind: row.kind,
    stage: row.stage,
    unitId: row.unitId,
    handlerId: row.handlerId,
    title: row.title,
    route: row.route ?? null,
    prosecutionOrg: row.prosecutionOrg ?? null,
    courtOrg: row.courtOrg ?? null,
    prosecutionAccepted: row.prosecutionAccepted,
    courtAccepted: row.courtAccepted,
    supplementaryReturns: row.supplementaryReturns,
    reconsiderationWindowEnded: row.reconsiderationWindowEnded,
    measure: row.measure,
    sentenceVariant: row.sentenceVariant ?? null,
    closedAt: date(row.closedAt),
    version: row.version,
  };
}

const json = (value: unknown) => value as PrismaNamespace.InputJsonValue;

function taskDetails(task: TaskRecord) {
  return {
    dueAt: new Date(task.dueAt),
    policyLabel: task.policyLabel,
    scope: task.scope,
    variant: task.variant ?? null,
    rungs: json(task.rungs),
    explanation: json(task.explanation),
    warnings: json(task.warnings),
    extensions: json(task.extensions),
    pauses: json(task.pauses),
  };
}

async function writeEffect(tx: Tx, row: CaseRow, effect: CaseEffect) {
  switch (effect.type) {
    case 'TASK_OPENED':
      await tx.task.create({
        data: {
          id: effect.task.taskId,
          caseId: row.caseId,
          step: effect.task.policyCode,
          ownerRole: effect.task.ownerRole,
          ownerId: effect.task.ownerId ?? null,
          unitId: row.unitId,
          openedAt: new Date(effect.task.openedAt),
          ...taskDetails(effect.task),
        },
      });
      return;
    case 'TASK_RESCHEDULED':
      await tx.task.update({ where: { id: effect.task.taskId }, data: taskDetails(effect.task) });
      return;
    case 'TASK_COMPLETED':
      await tx.task.updateMany({
        where: { id: effect.taskId, completedAt: null },
        data: { completedAt: new Date(effect.completedAt) },
      });
      return;
    case 'TASKS_REASSIGNED':
      await tx.task.updateMany({
        where: { caseId: row.caseId, completedAt: null, ownerRole: 'HANDLER' },
        data: { ownerId: effect.to },
      });
      return;
    case 'ESCALATION_FIRED':
      // Keyed by task and level: a rung recorded by an earlier engine is not recorded twice.
      await tx.escalation.createMany({
        data: {
          id: `${effect.taskId}:${effect.level}`,
          taskId: effect.taskId,
          level: effect.level,
          targetRole: effect.targetRole,
          firedAt: new Date(effect.dueAt),
          late: effect.late,
        },
        skipDuplicates: true,
      });
      if (effect.level !== 'REMINDER')
        await tx.task.update({ where: { id: effect.taskId }, data: { overdue: true } });
      return;
    case 'ESCALATION_ANSWERED':
      await tx.escalation.updateMany({
        where: { id: `${effect.taskId}:${effect.level}`, answeredAt: null },
        data: { answer: effect.answer, answeredAt: new Date(effect.answeredAt) },
      });
      return;
    case 'AUDIT':
      await tx.auditEvent.createMany({
        data: {
          eventKey: effect.key,
          subjectType: 'CASE',
          subjectId: row.caseId,
          actorId: effect.actorId,
          actorRole: effect.actorRole,
          action: effect.action,
          reason: effect.reason ?? null,
          ...(effect.data ? { data: effect.data } : {}),
          occurredAt: new Date(effect.at),
        },
        skipDuplicates: true,
      });
      return;
  }
}

/** Whether the step's row is already at its version: the step was written before. */
async function claimVersion(tx: Tx, step: CaseStep): Promise<boolean> {
  const { row } = step;
  if (step.opening) {
    const holder = await tx.case.findUnique({
      where: { queryCode: row.queryCode },
      select: { id: true },
    });
    if (holder && holder.id !== row.caseId) {
      throw ApplicationFailure.nonRetryable(
        `Query code ${row.queryCode} is already used by case ${holder.id}; start the case with a new query code.`,
        'QueryCodeInUse',
      );
    }
    const created = await tx.case.createMany({
      data: {
        id: row.caseId,
        queryCode: row.queryCode,
        alarmId: row.alarmId ?? null,
        acceptedAt: new Date(row.acceptedAt),
        ...rowData(row),
      },
      skipDuplicates: true,
    });
    return created.count === 1;
  }
  const updated = await tx.case.updateMany({
    where: { id: row.caseId, version: row.version - 1 },
    data: rowData(row),
  });
  if (updated.count === 1) return true;
  const current = await tx.case.findUnique({
    where: { id: row.caseId },
    select: { version: true },
  });
  if (current && current.version >= row.version) return false;
  throw ApplicationFailure.nonRetryable(
    `Case ${row.caseId} is at version ${current?.version ?? 'none'} in the read model; step ${row.version} cannot follow it.`,
    'ReadModelOutOfStep',
  );
}

/** PostgreSQL and Prisma errors that no retry can fix: the data itself is refused. */
function permanent(error: unknown): string | undefined {
  if (error instanceof ApplicationFailure) return undefined;
  if (error instanceof PrismaNamespace.PrismaClientValidationError) return error.message;
  if (error instanceof PrismaNamespace.PrismaClientKnownRequestError) {
    // P2000 too long, P2002 unique, P2003 foreign key, P2006/P2007 invalid value, P2025 missing.
    if (['P2000', 'P2002', 'P2003', 'P2006', 'P2007', 'P2011', 'P2025'].includes(error.code))
      return error.message;
  }
  // SQLSTATE class 22 (data exception, e.g. a NUL character) and 23 (integrity constraint).
  const code = (error as { code?: unknown; cause?: { code?: unknown } }).cause?.code;
  const sqlState = typeof code === 'string' ? code : (error as { code?: unknown }).code;
  if (typeof sqlState === 'string' && /^2[23][0-9A-Z]{3}$/.test(sqlState))
    return (error as Error).message;
  return undefined;
}

export function createCaseStepActivities(prisma: Prisma) {
  return {
    async recordCaseStep(step: CaseStep): Promise<void> {
      try {
        await prisma.$transaction(async (tx) => {
          if (!(await claimVersion(tx, step))) return;
          for (const effect of step.effects) await writeEffect(tx, step.row, effect);
        });
      } catch (error) {
        const message = permanent(error);
        if (message === undefined) throw error;
        throw ApplicationFailure.nonRetryable(
          `Step ${step.row.version} of case ${step.row.caseId} cannot be recorded: ${message.trim().split('\n').slice(-1)[0]}`,
          'StepNotRecordable',
        );
      }
    },
  };
}
