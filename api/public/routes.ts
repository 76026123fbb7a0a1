// The parties' look-up (案件查询): a case's progress by the query code on their receipt, with no
// token, limited per client address. It shows the stage, the milestones and the open deadlines,
// and nothing about other people: no names, no officer ids, no reasons or decisions' texts.
import { Router } from 'express';
import { z } from 'zod';
import { auditActionLabel } from '../../domain/audit-labels';
import { CASE_ACTIONS, CASE_KINDS, CASE_STAGES, type CaseStage } from '../../domain/lifecycle';
import type { ApiDeps } from '../deps';
import { readCase, type CaseRecord } from '../cases/read-model';
import { taskPolicy } from '../read-model/tasks';
import { rateLimiter } from '../rate-limit';
import { operation } from '../operation';
import { HttpProblem } from '../problem';

export const queryCodeParams = z.strictObject({
  queryCode: z
    .string()
    .regex(/^[A-Za-z0-9]{6,16}$/, 'must be the 6 to 16 letters and digits on your receipt'),
});

/** The case's milestones: its acceptance and the lifecycle's actions, nothing else. */
const MILESTONES = ['CASE_ACCEPTED', ...Object.keys(CASE_ACTIONS)];

/** What a party may see of their case. */
export function publicView(
  record: CaseRecord,
  milestones: Array<{ occurredAt: Date; action: string }>,
) {
  return {
    queryCode: record.queryCode,
    kind: { code: record.kind, label: CASE_KINDS[record.kind] },
    stage: { code: record.stage, label: CASE_STAGES[record.stage as CaseStage] ?? record.stage },
    unitId: record.unitId,
    acceptedAt: record.acceptedAt,
    closedAt: record.closedAt,
    version: record.version,
    milestones: milestones.map((m) => ({
      at: m.occurredAt.toISOString(),
      action: m.action,
      label: auditActionLabel(m.action),
    })),
    openDeadlines: record.tasks
      .filter((t) => t.completedAt === null)
      .map((t) => ({
        policy: taskPolicy(t),
        dueAt: t.dueAt.toISOString(),
      })),
  };
}

export function publicRoutes(deps: ApiDeps) {
  const router = Router();
  const limit = rateLimiter(deps.publicLookupsPerMinute, 'look-ups');

  operation(
    router,
    deps,
    {
      id: 'public.case-status',
      method: 'get',
      path: '/public/cases/:queryCode',
      summary:
        "A party's look-up of their case by the receipt's query code (no token; rate-limited)",
      roles: 'PUBLIC',
      params: queryCodeParams,
      success: { 200: 'the case as a party may see it' },
      errors: [404, 429, 503],
    },
    async (ctx) => {
      try {
        limit(ctx.req.ip ?? 'unknown');
      } catch (error) {
        const retryAfter = (error as { retryAfter?: number }).retryAfter;
        if (retryAfter) ctx.res.setHeader('Retry-After', String(retryAfter));
        throw error;
      }
      const found = await deps.prisma.case.findUnique({
        where: { queryCode: ctx.params.queryCode.toUpperCase() },
        select: { id: true },
      });
      const record = found && (await readCase(deps.prisma, found.id));
      if (!record) {
        throw new HttpProblem(
          404,
          'Not found',
          'No case has this query code. Check the code on your receipt (回执).',
        );
      }
      ctx.about({ type: 'CASE', id: record.id });
      const milestones = await deps.prisma.auditEvent.findMany({
        where: { subjectType: 'CASE', subjectId: record.id, action: { in: MILESTONES } },
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
        select: { occurredAt: true, action: true },
      });
      return { body: publicView(record, milestones) };
    },
  );

  return router;
}
