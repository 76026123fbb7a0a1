// 刑事速裁 across agencies: the prosecutor's queue (fast-track cases handed to their
// procuratorate, waiting for review) and the court's queue (fast-track cases brought before their
// court). Each item says whether the agency has accepted it yet, and links to the case and the
// actions the rules allow it now; those actions are taken with POST /cases/{id}/actions, where the
// same rules and scoping apply.
import { Router } from 'express';
import { z } from 'zod';
import { COURT_QUEUE_STAGES, PROSECUTION_QUEUE_STAGES } from '../../domain/access';
import {
  CASE_STAGES,
  availableActions,
  type CaseFacts,
  type CaseStage,
} from '../../domain/lifecycle';
import type { Role } from '../../domain/roles';
import type { Case, Task } from '../../generated/prisma/client';
import type { ApiDeps } from '../deps';
import { operation } from '../operation';

const queueQuery = z.strictObject({
  route: z.enum(['FAST_TRACK', 'ALL']).default('FAST_TRACK'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

/** A case as a procuratorate's or court's queue lists it, with the actions open to `role`. */
export function queueItemView({ tasks, ...row }: Case & { tasks: Task[] }, role: Role) {
  return {
    id: row.id,
    title: row.title,
    route: row.route,
    unitId: row.unitId,
    stage: { code: row.stage, label: CASE_STAGES[row.stage as CaseStage] ?? row.stage },
    accepted: role === 'PROSECUTOR' ? row.prosecutionAccepted : row.courtAccepted,
    supplementaryReturns: row.supplementaryReturns,
    dueAt: tasks[0]?.dueAt ?? null,
    step: tasks[0]?.step ?? null,
    actions: availableActions(
      {
        kind: row.kind,
        stage: row.stage as CaseStage,
        route: (row.route ?? undefined) as CaseFacts['route'],
        supplementaryReturns: row.supplementaryReturns,
        prosecutionAccepted: row.prosecutionAccepted,
        courtAccepted: row.courtAccepted,
      },
      role,
    ),
    links: { self: `/cases/${row.id}`, act: `/cases/${row.id}/actions` },
  };
}

export function fastTrackRoutes(deps: ApiDeps) {
  const router = Router();

  const queue = async (
    role: Role,
    where: { prosecutionOrg: string } | { courtOrg: string },
    stages: readonly CaseStage[],
    query: z.output<typeof queueQuery>,
  ) => {
    const rows = await deps.prisma.case.findMany({
      where: {
        ...where,
        stage: { in: [...stages] },
        // A case not yet accepted has no route: the procuratorate decides it on acceptance.
        ...(query.route === 'FAST_TRACK' ? { OR: [{ route: 'FAST_TRACK' }, { route: null }] } : {}),
      },
      include: { tasks: { where: { completedAt: null }, orderBy: { dueAt: 'asc' }, take: 1 } },
      take: query.limit,
    });
    const items = rows.map((row) => queueItemView(row, role));
    items.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity));
    return { body: { items } };
  };

  operation(
    router,
    deps,
    {
      id: 'fast-track.prosecution-queue',
      method: 'get',
      path: '/fast-track/prosecution',
      summary: "The prosecutor's queue: cases handed to your procuratorate awaiting review",
      roles: ['PROSECUTOR'],
      query: queueQuery,
      success: { 200: '{ items } soonest due first' },
    },
    ({ principal, query }) =>
      queue('PROSECUTOR', { prosecutionOrg: principal.org! }, PROSECUTION_QUEUE_STAGES, query),
  );

  operation(
    router,
    deps,
    {
      id: 'fast-track.court-queue',
      method: 'get',
      path: '/fast-track/court',
      summary: "The court's queue: cases brought before your court awaiting trial",
      roles: ['JUDGE'],
      query: queueQuery,
      success: { 200: '{ items } soonest due first' },
    },
    ({ principal, query }) =>
      queue('JUDGE', { courtOrg: principal.org! }, COURT_QUEUE_STAGES, query),
  );

  return router;
}
