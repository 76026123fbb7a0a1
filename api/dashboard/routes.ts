// 督办看板: where a unit's open work stands now (domain/dashboard.ts), for those who oversee it.
import { Router } from 'express';
import { z } from 'zod';
import { OVERSIGHT_ROLES } from '../../domain/access';
import { dashboardOf, LONG_RUNNING_DAYS, type Dashboard } from '../../domain/dashboard';
import { CASE_STAGES, type CaseStage } from '../../domain/lifecycle';
import { unitTreeWhere } from '../../platform/unit-tree';
import type { ApiDeps } from '../deps';
import { operation } from '../operation';
import { taskPolicy } from '../read-model/tasks';
import { assertUnitInScope } from '../scope';
import { unitId } from '../schemas';

export const dashboardQuery = z.strictObject({
  /** That unit and the units below it (default: the caller's own). */
  unit: unitId.optional(),
});

const DAY_MS = 24 * 3600_000;

/** The dashboard as the API answers it: instants as ISO text, stages with their labels. */
export function dashboardView(unit: string, at: number, board: Dashboard) {
  return {
    unit,
    at: new Date(at).toISOString(),
    ...board,
    urgent: board.urgent.map((s) => ({
      ...s,
      openedAt: new Date(s.openedAt).toISOString(),
      dueAt: new Date(s.dueAt).toISOString(),
    })),
    longRunning: board.longRunning.map((c) => ({
      ...c,
      stage: { code: c.stage, label: CASE_STAGES[c.stage as CaseStage] ?? c.stage },
      acceptedAt: new Date(c.acceptedAt).toISOString(),
    })),
  };
}

export function dashboardRoutes(deps: ApiDeps) {
  const router = Router();
  operation(
    router,
    deps,
    {
      id: 'dashboard.unit',
      method: 'get',
      path: '/dashboard',
      summary:
        "A unit's open work now (督办看板): overdue, at-risk and paused steps by unit and by step, the urgent steps, long-running cases",
      roles: OVERSIGHT_ROLES,
      query: dashboardQuery,
      success: { 200: '{ unit, at, totals, byUnit, byStep, urgent, longRunning }' },
    },
    async ({ principal, query, at }) => {
      const unit = query.unit ?? principal.unit!;
      assertUnitInScope(principal, unit);
      const tree = unitTreeWhere(unit);
      const [tasks, cases] = await Promise.all([
        deps.prisma.task.findMany({ where: { completedAt: null, OR: tree } }),
        deps.prisma.case.findMany({
          where: {
            closedAt: null,
            acceptedAt: { lte: new Date(at - LONG_RUNNING_DAYS * DAY_MS) },
            OR: tree,
          },
          select: { id: true, title: true, unitId: true, stage: true, acceptedAt: true },
        }),
      ]);
      const board = dashboardOf(
        tasks.map((t) => ({
          id: t.id,
          caseId: t.caseId,
          alarmId: t.alarmId,
          step: t.step,
          stepLabel: taskPolicy(t).label,
          unitId: t.unitId,
          openedAt: t.openedAt.getTime(),
          dueAt: t.dueAt.getTime(),
          overdue: t.overdue,
          paused: Array.isArray(t.pauses) && t.pauses.length > 0,
        })),
        cases.map((c) => ({ ...c, acceptedAt: c.acceptedAt.getTime() })),
        at,
      );
      return { body: dashboardView(unit, at, board) };
    },
  );
  return router;
}
