// 全案考评: a unit's figures (with the units below it) for a period, from the system's records.
import { Router } from 'express';
import { z } from 'zod';
import { OVERSIGHT_ROLES } from '../../domain/access';
import { loadEvaluation } from '../../platform/evaluation';
import type { ApiDeps } from '../deps';
import { operation } from '../operation';
import { assertUnitInScope } from '../scope';
import { instant, unitId } from '../schemas';

export const evaluationQuery = z
  .strictObject({
    unit: unitId.optional(),
    from: instant,
    to: instant,
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), {
    error: 'from must be before to',
    path: ['to'],
  });

export function evaluationRoutes(deps: ApiDeps) {
  const router = Router();
  operation(
    router,
    deps,
    {
      id: 'evaluation.unit',
      method: 'get',
      path: '/evaluation',
      summary:
        "A unit's figures for a period (全案考评): cases, on-time rates, overdue steps, escalations, extensions, returns, fast-track durations",
      roles: OVERSIGHT_ROLES,
      query: evaluationQuery,
      success: { 200: 'the figures' },
    },
    async ({ principal, query }) => {
      const unit = query.unit ?? principal.unit!;
      assertUnitInScope(principal, unit);
      return {
        body: await loadEvaluation(deps.prisma, {
          unit,
          from: Date.parse(query.from),
          to: Date.parse(query.to),
        }),
      };
    },
  );
  return router;
}
