// POST /deadlines/explain: when a deadline would fall due, and why, for given inputs, without any
// case (a what-if). The rules are domain/'s: this route only validates and translates.
import { Router } from 'express';
import { z } from 'zod';
import {
  DEADLINE_POLICIES,
  isPolicyCode,
  resolvePolicy,
  type PolicyCode,
} from '../../domain/deadline-policies';
import { computeDeadline, formatShanghai, pauseRefusal } from '../../domain/deadlines';
import { extensionRefusal } from '../../domain/escalation';
import { HttpProblem } from '../problem';
import type { ApiDeps } from '../deps';
import { operation } from '../operation';
import { instant, text } from '../schemas';

export const period = z.strictObject({
  length: z.number().int().min(1).max(1000),
  // Seconds for the clocks a drill or a test shortens to seconds (they extend in their own unit).
  unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS', 'MONTHS']),
  calendar: z.enum(['NATURAL', 'WORKING']).optional(),
});

export const explainDeadlineBody = z.strictObject({
  policy: z.string().refine(isPolicyCode, {
    error: `must be one of ${Object.keys(DEADLINE_POLICIES).join(', ')}`,
  }),
  triggeredAt: instant,
  variant: text(100).optional(),
  custody: z.boolean().optional(),
  extensions: z.array(period).max(5).optional(),
  pauses: z
    .array(
      z.strictObject({
        reason: text(100),
        from: instant,
        to: instant,
      }),
    )
    .max(20)
    .optional(),
});

export function deadlineRoutes(deps: ApiDeps) {
  const router = Router();
  operation(
    router,
    deps,
    {
      id: 'deadline.explain',
      method: 'post',
      path: '/deadlines/explain',
      summary: 'When a deadline would fall due for given inputs, and why (a what-if, no case)',
      roles: 'PUBLIC',
      body: explainDeadlineBody,
      success: { 200: 'the due time and its explanation in Chinese and English' },
    },
    async ({ body }) => {
      // The rules this system applies: under drill mode, the drill's (and it says so).
      const policy = resolvePolicy(body.policy as PolicyCode, deps.policyOverrides);
      const refuse = (field: string, rule: string) => {
        throw new HttpProblem(400, 'Invalid request', `${field}: ${rule}`, [{ field, rule }]);
      };
      if (body.variant && !policy.variants?.[body.variant]) {
        const known = Object.keys(policy.variants ?? {});
        refuse(
          'body.variant',
          known.length ? `must be one of ${known.join(', ')}` : `${body.policy} has no variants`,
        );
      }
      const extensions = body.extensions ?? [];
      extensions.forEach((extension, i) => {
        const step = policy.extensions[i];
        const refusal = extensionRefusal(
          policy,
          i,
          extension,
          step?.approverRole ?? 'BUREAU_LEADER',
        );
        if (refusal) refuse(`body.extensions.${i}`, refusal);
      });
      const pauses = (body.pauses ?? []).map((p) => ({
        reason: p.reason,
        from: Date.parse(p.from),
        to: Date.parse(p.to),
      }));
      pauses.forEach((pause, i) => {
        const refusal = pauseRefusal(policy, pause);
        if (refusal) refuse(`body.pauses.${i}`, refusal);
      });
      const deadline = computeDeadline({
        policy,
        triggeredAt: Date.parse(body.triggeredAt),
        variant: body.variant,
        custody: body.custody,
        extensions,
        pauses,
      });
      return {
        body: {
          policy: { code: policy.code, label: policy.label, name: policy.name },
          dueAt: new Date(deadline.dueAt).toISOString(),
          dueAtShanghai: formatShanghai(deadline.dueAt, true),
          explanation: deadline.steps,
          warnings: deadline.warnings,
        },
      };
    },
  );
  return router;
}
