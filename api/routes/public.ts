// The parties' look-up (案件查询): a case's progress by the query code on their receipt, with no
// token, limited per client address. It shows the stage, the milestones and the open deadlines,
// and nothing about other people: no names, no officer ids, no reasons or decisions' texts.
import { Router } from 'express';
import { z } from 'zod';
import { CASE_ACTIONS, type CaseActionCode } from '../../domain/lifecycle';
import { caseStateQuery, type CaseState } from '../../workflows/case';
import type { ApiDeps } from '../app';
import { operation } from '../operation';
import { HttpProblem } from '../problem';

export const queryCodeParams = z.strictObject({
  queryCode: z
    .string()
    .regex(/^[A-Za-z0-9]{6,16}$/, 'must be the 6 to 16 letters and digits on your receipt'),
});

/** At most `limit` requests per client address per minute (fixed one-minute windows). */
export function rateLimiter(limit: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return (client: string) => {
    const t = now();
    if (windows.size > 10_000) {
      for (const [key, w] of windows) if (t - w.start >= 60_000) windows.delete(key);
    }
    const window = windows.get(client);
    if (!window || t - window.start >= 60_000) {
      windows.set(client, { start: t, count: 1 });
      return;
    }
    window.count += 1;
    if (window.count > limit) {
      const retryAfter = Math.ceil((window.start + 60_000 - t) / 1000);
      throw Object.assign(
        new HttpProblem(
          429,
          'Too many look-ups',
          `At most ${limit} look-ups a minute from one address; try again in ${retryAfter} s.`,
        ),
        { retryAfter },
      );
    }
  };
}

const MILESTONE_LABEL: Record<string, string> = { CASE_ACCEPTED: '受案' };

/** What a party may see of their case. */
export function publicView(state: CaseState, record: { acceptedAt: Date; closedAt: Date | null }) {
  return {
    queryCode: state.queryCode,
    kind: state.kind,
    stage: state.stage,
    unitId: state.unitId,
    acceptedAt: record.acceptedAt,
    closedAt: record.closedAt,
    milestones: state.history
      .filter((h) => h.action === 'CASE_ACCEPTED' || Object.hasOwn(CASE_ACTIONS, h.action))
      .map((h) => ({
        at: new Date(h.at).toISOString(),
        action: h.action,
        label: MILESTONE_LABEL[h.action] ?? CASE_ACTIONS[h.action as CaseActionCode]?.label,
      })),
    openDeadlines: state.deadlines
      .filter((d) => d.completedAt === undefined)
      .map((d) => ({ policy: d.policy, dueAt: new Date(d.dueAt).toISOString() })),
  };
}

export function publicRoutes(deps: ApiDeps) {
  const router = Router();
  const limit = rateLimiter(deps.publicLookupsPerMinute);

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
      const record = await deps.prisma.case.findUnique({
        where: { queryCode: ctx.params.queryCode.toUpperCase() },
      });
      if (!record) {
        throw new HttpProblem(
          404,
          'Not found',
          'No case has this query code. Check the code on your receipt (回执).',
        );
      }
      ctx.about({ type: 'CASE', id: record.id });
      const state = await deps.temporal.workflow.getHandle(record.id).query(caseStateQuery);
      return { body: publicView(state, record) };
    },
  );

  return router;
}
