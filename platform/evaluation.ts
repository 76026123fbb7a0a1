// 全案考评: reads the rows a unit's figures for a period are computed from, as narrowly as the
// definitions in domain/evaluation.ts allow, and computes the figures there.
import {
  evaluate,
  FAST_TRACK_TRAIL_ACTIONS,
  PERIOD_ACTIONS,
  type CaseEventRecord,
  type Evaluation,
} from '../domain/evaluation';
import { CASE_ACTIONS } from '../domain/lifecycle';
import { Prisma as Db } from '../generated/prisma/client';
import type { Prisma } from './database';
import { belowUnitPattern, unitTreeWhere } from './unit-tree';
import type { MatterKind, Outcome } from '../domain/litigation';

export interface EvaluationQuery {
  /** The unit; its figures include the units below it. */
  unit: string;
  /** The period [from, to), epoch ms. */
  from: number;
  to: number;
}

interface EventRow {
  id: bigint;
  caseId: string;
  action: string;
  occurredAt: Date;
}

const eventRecord = (row: EventRow): CaseEventRecord => ({
  caseId: row.caseId,
  action: row.action,
  occurredAt: row.occurredAt.getTime(),
});

export async function loadEvaluation(prisma: Prisma, query: EvaluationQuery): Promise<Evaluation> {
  const { unit, from, to } = query;
  const during = { gte: new Date(from), lt: new Date(to) };
  const scope = unitTreeWhere(unit);

  const [periodEvents, tasks, escalations, alarms, infoRequests, matters] = await Promise.all([
    // Audit events carry no unit: the case's unit decides.
    prisma.$queryRaw<EventRow[]>`
      SELECT e.id, e.subject_id AS "caseId", e.action, e.occurred_at AS "occurredAt"
      FROM audit_events e JOIN cases c ON c.id = e.subject_id
      WHERE e.subject_type = 'CASE'
        AND e.action IN (${Db.join(PERIOD_ACTIONS)})
        AND e.occurred_at >= ${new Date(from).toISOString()}::timestamptz
        AND e.occurred_at < ${new Date(to).toISOString()}::timestamptz
        AND (c.unit_id = ${unit} OR c.unit_id LIKE ${belowUnitPattern(unit)})
      ORDER BY e.occurred_at, e.id`,
    prisma.task.findMany({
      where: {
        AND: [
          { OR: scope },
          {
            OR: [
              { completedAt: during },
              { overdue: true, dueAt: during },
              { escalations: { some: { firedAt: during } } },
            ],
          },
        ],
      },
      select: {
        id: true,
        caseId: true,
        alarmId: true,
        infoRequestId: true,
        litigationMatterId: true,
        step: true,
        unitId: true,
        dueAt: true,
        completedAt: true,
        overdue: true,
      },
    }),
    prisma.escalation.findMany({
      where: { firedAt: during, task: { OR: scope } },
      select: { taskId: true, level: true, firedAt: true },
    }),
    prisma.alarm.findMany({
      where: { AND: [{ OR: scope }, { OR: [{ reportedAt: during }, { disposedAt: during }] }] },
      select: { id: true, unitId: true, reportedAt: true, disposedAt: true },
    }),
    prisma.infoRequest.findMany({
      where: { AND: [{ OR: scope }, { OR: [{ receivedAt: during }, { answerDueAt: during }] }] },
      select: { id: true, unitId: true, receivedAt: true, answerDueAt: true, answeredAt: true },
    }),
    // Open at any time within the period: received before its end, not closed before its start.
    prisma.litigationMatter.findMany({
      where: {
        AND: [
          { OR: scope },
          { copyReceivedAt: { lt: new Date(to) } },
          { OR: [{ closedAt: null }, { closedAt: { gte: new Date(from) } }] },
        ],
      },
      select: {
        id: true,
        unitId: true,
        kind: true,
        copyReceivedAt: true,
        answerDueAt: true,
        answeredAt: true,
        hearings: true,
        outcome: true,
        decidedAt: true,
        carriedOutAt: true,
      },
    }),
  ]);

  // The first level of each overdue task dates its 超期, even when it fired before the period.
  const overdueIds = tasks.filter((t) => t.overdue).map((t) => t.id);
  const firstLevels =
    overdueIds.length === 0
      ? []
      : await prisma.escalation.findMany({
          where: { level: 'FIRST_LEVEL', taskId: { in: overdueIds }, NOT: { firedAt: during } },
          select: { taskId: true, level: true, firedAt: true },
        });

  const cases = await prisma.case.findMany({
    where: {
      AND: [
        { OR: scope },
        {
          OR: [
            { acceptedAt: during },
            { closedAt: during },
            { id: { in: [...new Set(periodEvents.map((e) => e.caseId))] } },
          ],
        },
      ],
    },
    select: { id: true, unitId: true, route: true, acceptedAt: true, closedAt: true },
  });

  // The fast-track cases judged in the period: their trail, from before the period too.
  const judged = new Set(
    periodEvents
      .filter((e) => e.action === CASE_ACTIONS.PRONOUNCE_JUDGMENT.code)
      .map((e) => e.caseId),
  );
  const fastTrack = cases.filter((c) => c.route === 'FAST_TRACK' && judged.has(c.id));
  const trails =
    fastTrack.length === 0
      ? []
      : await prisma.auditEvent.findMany({
          where: {
            subjectType: 'CASE',
            subjectId: { in: fastTrack.map((c) => c.id) },
            action: { in: [...FAST_TRACK_TRAIL_ACTIONS] },
          },
          orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
          select: { id: true, subjectId: true, action: true, occurredAt: true },
        });
  // A judgment or a return in the period is in both reads: each event once, in recorded order.
  const events = new Map<bigint, EventRow>();
  for (const row of periodEvents) events.set(row.id, row);
  for (const row of trails) events.set(row.id, { ...row, caseId: row.subjectId });
  const ordered = [...events.values()].sort(
    (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : 1),
  );

  return evaluate(
    unit,
    { from, to },
    {
      cases: cases.map((c) => ({
        ...c,
        acceptedAt: c.acceptedAt.getTime(),
        closedAt: c.closedAt?.getTime() ?? null,
      })),
      tasks: tasks.map((t) => ({
        ...t,
        dueAt: t.dueAt.getTime(),
        completedAt: t.completedAt?.getTime() ?? null,
      })),
      escalations: [...escalations, ...firstLevels].map((e) => ({
        ...e,
        firedAt: e.firedAt.getTime(),
      })),
      events: ordered.map(eventRecord),
      alarms: alarms.map((a) => ({
        ...a,
        reportedAt: a.reportedAt.getTime(),
        disposedAt: a.disposedAt?.getTime() ?? null,
      })),
      infoRequests: infoRequests.map((r) => ({
        ...r,
        receivedAt: r.receivedAt.getTime(),
        answerDueAt: r.answerDueAt?.getTime() ?? null,
        answeredAt: r.answeredAt?.getTime() ?? null,
      })),
      litigation: matters.map((m) => ({
        id: m.id,
        unitId: m.unitId,
        kind: m.kind as MatterKind,
        copyReceivedAt: m.copyReceivedAt.getTime(),
        answerDueAt: m.answerDueAt?.getTime() ?? null,
        answeredAt: m.answeredAt?.getTime() ?? null,
        // Written by the matter's steps: [{ hearingAt (epoch ms), leaderAppeared, … }].
        hearings: m.hearings as Array<{ hearingAt: number; leaderAppeared: boolean }>,
        outcome: m.outcome as Outcome | null,
        decidedAt: m.decidedAt?.getTime() ?? null,
        carriedOutAt: m.carriedOutAt?.getTime() ?? null,
      })),
    },
  );
}
