// One step of a case or an alarm, written in one PostgreSQL transaction: its row at its new
// version, the tasks opened, completed or moved, the escalations fired or answered, the audit
// events, and the engine's state as of that step (table engine_states, with the step's digest).
// The version keys the step: a retry of a step already written finds its digest at that version
// and writes nothing. A different step already at that version (or later) was written by a
// workflow task that was lost before it completed: nothing is written, and the workflow is given
// that step's state to decide again from (StepOutcome). An error no retry can fix (a value
// PostgreSQL refuses, a code already in use) fails at once, so the Update that caused it fails
// with the message and the case or alarm moves on.
import { createHash } from 'node:crypto';
import { ApplicationFailure, asyncLocalStorage, log } from '@temporalio/activity';
import type { AlarmModel, AlarmRow, AlarmStep } from '../domain/alarm-decider';
import type { CaseEffect, CaseModel, CaseRow, CaseStep, NewCase } from '../domain/case-decider';
import type { ClockEffect, TaskRecord } from '../domain/clocks';
import type {
  InfoRequestModel,
  InfoRequestRow,
  InfoRequestStep,
} from '../domain/info-request-decider';
import type { MatterModel, MatterRow, MatterStep } from '../domain/litigation-decider';
import { notificationsOf } from '../domain/notifications';
import type { StepOutcome, SubjectType } from '../domain/steps';
import { appendAuditEvents } from '../platform/audit-events';
import type { AuditKey } from '../platform/audit-mac';
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
    suggestedRoute: row.suggestedRoute ?? null,
    pleaAgreement: row.pleaAgreement ? json(row.pleaAgreement) : PrismaNamespace.DbNull,
    proposals: json(row.proposals),
    adminProcedure: row.procedure ?? null,
    arrivedAt: date(row.arrivedAt),
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

/** What the effects are about: the case, alarm, information request or matter, and its unit. */
interface Subject {
  type: SubjectType;
  id: string;
  unitId: string;
}

/** The task's column naming its subject. */
const SUBJECT_COLUMNS = {
  CASE: 'caseId',
  ALARM: 'alarmId',
  INFO_REQUEST: 'infoRequestId',
  LITIGATION: 'litigationMatterId',
} as const satisfies Record<SubjectType, string>;
const subjectColumn = (subject: Subject) => ({ [SUBJECT_COLUMNS[subject.type]]: subject.id });

async function writeEffect(tx: Tx, subject: Subject, effect: CaseEffect | ClockEffect) {
  switch (effect.type) {
    case 'TASK_OPENED':
      await tx.task.create({
        data: {
          id: effect.task.taskId,
          ...subjectColumn(subject),
          step: effect.task.policyCode,
          ownerRole: effect.task.ownerRole,
          ownerId: effect.task.ownerId ?? null,
          unitId: subject.unitId,
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
        where: { caseId: subject.id, completedAt: null, ownerRole: 'HANDLER' },
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
      // Appended after the other effects, in one go (auditEffects): one lock and one read of the
      // subject's chain head per step.
      return;
  }
}

/** The step's notifications (the outbox the API streams from), after the tasks they name. */
async function writeNotifications(
  tx: Tx,
  subject: Subject,
  effects: ReadonlyArray<CaseEffect | ClockEffect>,
) {
  const drafts = notificationsOf(effects);
  if (drafts.length === 0) return;
  await tx.notification.createMany({
    data: drafts.map((draft) => ({ ...draft, subjectType: subject.type, subjectId: subject.id })),
  });
}

type AuditEffect = Extract<ClockEffect, { type: 'AUDIT' }>;

/** The step's audit events, chained onto its subject's timeline inside the step's transaction. */
async function appendStepAudit(
  tx: Tx,
  key: AuditKey,
  subject: Subject,
  effects: ReadonlyArray<CaseEffect | ClockEffect>,
) {
  const audits = effects.filter((effect): effect is AuditEffect => effect.type === 'AUDIT');
  await appendAuditEvents(
    tx,
    key,
    subject,
    audits.map((effect) => ({
      eventKey: effect.key,
      actorId: effect.actorId,
      actorRole: effect.actorRole,
      action: effect.action,
      reason: effect.reason ?? null,
      data: effect.data,
      occurredAt: new Date(effect.at),
    })),
  );
}

/** Claims the case's row for this step: true when the step is to be written now. */
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
  return updated.count === 1;
}

/** The step's identity: a retry sends the same step, so it has the same digest. */
const digestOf = (step: { row: unknown; effects: unknown; opening?: unknown }) =>
  createHash('sha256')
    .update(JSON.stringify([step.row, step.effects, step.opening ?? null]))
    .digest('base64url');

/** The engine's state as of this step, beside the row it wrote. */
async function keepState(
  tx: Tx,
  subject: Subject,
  version: number,
  digest: string,
  state: CaseModel | AlarmModel | InfoRequestModel | MatterModel,
  starts: NewCase[],
) {
  const data = {
    version,
    digest,
    state: json(state),
    starts: starts.length > 0 ? json(starts) : PrismaNamespace.DbNull,
    writtenAt: new Date(),
  };
  await tx.engineState.upsert({
    where: { subjectType_subjectId: { subjectType: subject.type, subjectId: subject.id } },
    create: { subjectType: subject.type, subjectId: subject.id, ...data },
    update: data,
  });
}

const SUBJECT_NAMES: Record<SubjectType, string> = {
  CASE: 'Case',
  ALARM: 'Alarm',
  INFO_REQUEST: 'Information request',
  LITIGATION: 'Reconsideration or lawsuit',
};

/**
 * What the read model holds when the row could not be claimed for a step: this very step (a
 * retry: written), or a step a lost workflow task wrote at this version or after it (its state
 * is handed back). A row whose steps predate engine_states is taken as written, as before.
 */
async function stepFound<Model>(
  tx: Tx,
  subject: Subject,
  version: number,
  digest: string,
  legacy: () => Promise<false>,
): Promise<StepOutcome<Model, NewCase>> {
  const kept = await tx.engineState.findUnique({
    where: { subjectType_subjectId: { subjectType: subject.type, subjectId: subject.id } },
  });
  if (!kept) {
    await legacy();
    return { written: true };
  }
  if (kept.version === version && kept.digest === digest) return { written: true };
  if (kept.version >= version) {
    // Rare (a worker lost mid-task) and worth seeing in the worker's log; also when called outside
    // an activity (tests), where there is no activity logger.
    if (asyncLocalStorage.getStore())
      log.warn('A step written by a lost workflow task is taken, and the step decided again', {
        subject: `${subject.type}:${subject.id}`,
        deciding: version,
        found: kept.version,
      });
    return {
      written: false,
      state: kept.state as Model,
      version: kept.version,
      starts: (kept.starts ?? []) as unknown as NewCase[],
    };
  }
  throw ApplicationFailure.nonRetryable(
    `${SUBJECT_NAMES[subject.type]} ${subject.id} is at version ${kept.version} in the engine's state; step ${version} cannot follow it.`,
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

function alarmRowData(row: AlarmRow) {
  return {
    stage: row.stage,
    disposition: row.disposition ?? null,
    dispositionReason: row.dispositionReason ?? null,
    agency: row.agency ?? null,
    caseId: row.caseId ?? null,
    disposedAt: date(row.disposedAt),
    sceneHandledAt: date(row.sceneHandledAt),
    handoverReceivedBy: row.handoverReceivedBy ?? null,
    handoverAgency: row.handoverAgency ?? null,
    handedOverAt: date(row.handedOverAt),
    proposals: json(row.proposals),
    version: row.version,
  };
}

async function claimAlarmVersion(tx: Tx, step: AlarmStep): Promise<boolean> {
  const { row, opening } = step;
  if (opening) {
    const created = await tx.alarm.createMany({
      data: {
        id: row.alarmId,
        source: opening.source,
        responseTier: opening.responseTier,
        unitId: opening.unitId,
        category: opening.category,
        summary: opening.summary,
        location: opening.location ?? null,
        reporterName: opening.reporterName ?? null,
        reporterContact: opening.reporterContact ?? null,
        reportedAt: new Date(opening.reportedAt),
        receivedAt: new Date(opening.receivedAt),
        ...alarmRowData(row),
      },
      skipDuplicates: true,
    });
    return created.count === 1;
  }
  const updated = await tx.alarm.updateMany({
    where: { id: row.alarmId, version: row.version - 1 },
    data: alarmRowData(row),
  });
  return updated.count === 1;
}

function infoRequestRowData(row: InfoRequestRow) {
  return {
    stage: row.stage,
    clearAt: date(row.clearAt),
    correctionSentAt: date(row.correctionSentAt),
    correctionMatters: row.correctionMatters ?? null,
    correctBy: date(row.correctBy),
    correctedReceivedAt: date(row.correctedReceivedAt),
    consultingSince: date(row.consultingSince),
    consultee: row.consultee ?? null,
    consultedParty: row.consultedParty ?? null,
    consultations: row.consultations,
    extension: row.extension ? json(row.extension) : PrismaNamespace.DbNull,
    answerDueAt: date(row.answerDueAt),
    answerType: row.answerType ?? null,
    answerReason: row.answerReason ?? null,
    answeredAt: date(row.answeredAt),
    closedAt: date(row.closedAt),
    version: row.version,
  };
}

async function claimInfoRequestVersion(tx: Tx, step: InfoRequestStep): Promise<boolean> {
  const { row, opening } = step;
  if (opening) {
    const created = await tx.infoRequest.createMany({
      data: {
        id: row.requestId,
        unitId: opening.unitId,
        applicantName: opening.applicantName,
        applicantContact: opening.applicantContact ?? null,
        description: opening.description,
        channel: opening.channel,
        submittedAt: date(opening.facts.submittedAt),
        signedForAt: date(opening.facts.signedForAt),
        confirmedAt: date(opening.facts.confirmedAt),
        receivedAt: new Date(opening.receivedAt),
        registeredAt: new Date(opening.registeredAt),
        registeredBy: opening.registeredBy.id,
        ...infoRequestRowData(row),
      },
      skipDuplicates: true,
    });
    return created.count === 1;
  }
  const updated = await tx.infoRequest.updateMany({
    where: { id: row.requestId, version: row.version - 1 },
    data: infoRequestRowData(row),
  });
  return updated.count === 1;
}

function matterRowData(row: MatterRow) {
  return {
    stage: row.stage,
    answerDueAt: date(row.answerDueAt),
    answeredAt: date(row.answeredAt),
    answerNote: row.answerNote ?? null,
    hearings: json(row.hearings),
    outcome: row.outcome ?? null,
    decidedAt: date(row.decidedAt),
    outcomeDocument: row.outcomeDocument ?? null,
    outcomeNote: row.outcomeNote ?? null,
    carriedOutAt: date(row.carriedOutAt),
    carriedOutNote: row.carriedOutNote ?? null,
    closedAt: date(row.closedAt),
    version: row.version,
  };
}

async function claimMatterVersion(tx: Tx, step: MatterStep): Promise<boolean> {
  const { row, opening } = step;
  if (opening) {
    const created = await tx.litigationMatter.createMany({
      data: {
        id: row.matterId,
        kind: opening.kind,
        unitId: opening.unitId,
        caseId: opening.decision.caseId ?? null,
        decisionDocumentNumber: opening.decision.documentNumber ?? null,
        decisionSummary: opening.decision.summary,
        claimantName: opening.claimantName,
        forum: opening.forum,
        forumCaseNumber: opening.forumCaseNumber ?? null,
        copyReceivedAt: new Date(opening.copyReceivedAt),
        registeredAt: new Date(opening.registeredAt),
        registeredBy: opening.registeredBy.id,
        ...matterRowData(row),
      },
      skipDuplicates: true,
    });
    return created.count === 1;
  }
  const updated = await tx.litigationMatter.updateMany({
    where: { id: row.matterId, version: row.version - 1 },
    data: matterRowData(row),
  });
  return updated.count === 1;
}

/** A step the row already has (a retry) answers false; a gap in the versions is an error. */
async function stepWritten(
  table: {
    findUnique(args: {
      where: { id: string };
      select: { version: true };
    }): Promise<{ version: number } | null>;
  },
  id: string,
  version: number,
  what: string,
): Promise<false> {
  const current = await table.findUnique({ where: { id }, select: { version: true } });
  if (current && current.version >= version) return false;
  throw ApplicationFailure.nonRetryable(
    `${what} ${id} is at version ${current?.version ?? 'none'} in the read model; step ${version} cannot follow it.`,
    'ReadModelOutOfStep',
  );
}

/** Runs one step's transaction; an error no retry can fix fails the activity at once. */
async function inOneTransaction<T>(
  prisma: Prisma,
  what: string,
  write: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await prisma.$transaction(write);
  } catch (error) {
    const message = permanent(error);
    if (message === undefined) throw error;
    throw ApplicationFailure.nonRetryable(
      `${what} cannot be recorded: ${message.trim().split('\n').slice(-1)[0]}`,
      'StepNotRecordable',
    );
  }
}

/**
 * Writes the step of a subject decided by its own pure decider (an information request, a
 * matter): its row claimed at the step's version, then its effects, notifications, audit and state.
 */
function recordDecidedStep<Model>(
  prisma: Prisma,
  auditKey: AuditKey,
  subject: Subject,
  step: { row: { version: number }; effects: ClockEffect[]; opening?: unknown; state: Model },
  claim: (tx: Tx) => Promise<boolean>,
  table: (tx: Tx) => Parameters<typeof stepWritten>[0],
): Promise<StepOutcome<Model, NewCase>> {
  const digest = digestOf(step);
  const { version } = step.row;
  const name = SUBJECT_NAMES[subject.type];
  return inOneTransaction(prisma, `Step ${version} of ${name} ${subject.id}`, async (tx) => {
    if (!(await claim(tx))) {
      return stepFound<Model>(tx, subject, version, digest, () =>
        stepWritten(table(tx), subject.id, version, name),
      );
    }
    for (const effect of step.effects) await writeEffect(tx, subject, effect);
    await writeNotifications(tx, subject, step.effects);
    await appendStepAudit(tx, auditKey, subject, step.effects);
    await keepState(tx, subject, version, digest, step.state as InfoRequestModel | MatterModel, []);
    return { written: true };
  });
}

export function createStepActivities(prisma: Prisma, auditKey: AuditKey) {
  return {
    async recordCaseStep(step: CaseStep): Promise<StepOutcome<CaseModel, NewCase>> {
      const subject = { type: 'CASE' as const, id: step.row.caseId, unitId: step.row.unitId };
      const digest = digestOf(step);
      return inOneTransaction(
        prisma,
        `Step ${step.row.version} of case ${subject.id}`,
        async (tx) => {
          if (!(await claimVersion(tx, step))) {
            return stepFound<CaseModel>(tx, subject, step.row.version, digest, () =>
              stepWritten(tx.case, subject.id, step.row.version, 'Case'),
            );
          }
          for (const effect of step.effects) await writeEffect(tx, subject, effect);
          await writeNotifications(tx, subject, step.effects);
          await appendStepAudit(tx, auditKey, subject, step.effects);
          await keepState(tx, subject, step.row.version, digest, step.state, []);
          return { written: true };
        },
      );
    },

    recordInfoRequestStep(step: InfoRequestStep): Promise<StepOutcome<InfoRequestModel, NewCase>> {
      const { requestId: id, unitId } = step.row;
      return recordDecidedStep(
        prisma,
        auditKey,
        { type: 'INFO_REQUEST', id, unitId },
        step,
        (tx) => claimInfoRequestVersion(tx, step),
        (tx) => tx.infoRequest,
      );
    },

    recordMatterStep(step: MatterStep): Promise<StepOutcome<MatterModel, NewCase>> {
      const { matterId: id, unitId } = step.row;
      return recordDecidedStep(
        prisma,
        auditKey,
        { type: 'LITIGATION', id, unitId },
        step,
        (tx) => claimMatterVersion(tx, step),
        (tx) => tx.litigationMatter,
      );
    },

    async recordAlarmStep(step: AlarmStep): Promise<StepOutcome<AlarmModel, NewCase>> {
      const subject = { type: 'ALARM' as const, id: step.row.alarmId, unitId: step.row.unitId };
      const digest = digestOf(step);
      return inOneTransaction(
        prisma,
        `Step ${step.row.version} of alarm ${subject.id}`,
        async (tx) => {
          if (!(await claimAlarmVersion(tx, step))) {
            return stepFound<AlarmModel>(tx, subject, step.row.version, digest, () =>
              stepWritten(tx.alarm, subject.id, step.row.version, 'Alarm'),
            );
          }
          const starts: NewCase[] = [];
          const effects: Array<Exclude<(typeof step.effects)[number], { type: 'CASE_STARTED' }>> =
            [];
          for (const effect of step.effects) {
            if (effect.type === 'CASE_STARTED') starts.push(effect.newCase);
            else effects.push(effect);
          }
          for (const effect of effects) await writeEffect(tx, subject, effect);
          await writeNotifications(tx, subject, effects);
          await appendStepAudit(tx, auditKey, subject, effects);
          await keepState(tx, subject, step.row.version, digest, step.state, starts);
          return { written: true };
        },
      );
    },
  };
}
