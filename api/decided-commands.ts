// The command routes of a subject decided by its own workflow (an information request, a
// reconsideration or lawsuit): POST <path>/:id/<command>, one route per action of its table, each
// sending one Update and answering with the subject's new state. The rules are the decider's; a
// refusal comes back as a 422 with the rule.
import type { Router } from 'express';
import type { z } from 'zod';
import type { Role } from '../domain/roles';
import type { SubjectType } from '../domain/steps';
import type { ApiDeps } from './deps';
import { actAs, operation } from './operation';
import { HttpProblem } from './problem';
import { executeWithin } from './workflow-call';

type UpdateDefinition<Command> = Parameters<typeof executeWithin<unknown, Command & object>>[2];

/** What a subject's command routes share: where it lives, its actions, its Update, its reads. */
export interface DecidedSubjectRoutes<Action extends string, Command> {
  /** The operation ids' prefix, e.g. `info-request`. */
  operationPrefix: string;
  /** The collection's path, e.g. `/info-requests`. */
  path: string;
  type: SubjectType;
  params: z.ZodType<{ id: string }>;
  actions: Record<Action, { label: string; roles: readonly Role[] }>;
  update: UpdateDefinition<Command>;
  /** The subject if the caller's unit covers it (404 otherwise), with the caller's roles there. */
  inScope: (
    id: string,
    principal: Parameters<typeof actAs>[0]['principal'],
  ) => Promise<{
    roles: Role[];
    /** Why nothing more can be recorded on it (its workflow has ended), if so. */
    ended?: string;
  }>;
  /** The subject's state as the API shows it. */
  view: (id: string) => Promise<unknown>;
}

export interface CommandRoute<Action extends string, B extends z.ZodType> {
  action: Action;
  /** The path below the subject, and the operation id's last part. */
  path: string;
  summary: string;
  body?: B;
  /** The command's own fields and when it happened, from the body. */
  fields: (body: z.output<B>) => Record<string, unknown> & { occurredAt?: number };
}

/** Registers one command route of the subject. */
export function commandRoute<Action extends string, Command, B extends z.ZodType>(
  router: Router,
  deps: ApiDeps,
  subject: DecidedSubjectRoutes<Action, Command>,
  route: CommandRoute<Action, B>,
) {
  const { label, roles } = subject.actions[route.action];
  operation(
    router,
    deps,
    {
      id: `${subject.operationPrefix}.${route.path}`,
      method: 'post',
      path: `${subject.path}/:id/${route.path}`,
      summary: route.summary,
      roles,
      params: subject.params,
      ...(route.body ? { body: route.body } : {}),
      subject: subject.type,
      success: { 200: "the subject's new state" },
      errors: [404, 422, 503],
    },
    async (ctx) => {
      const { id } = ctx.params as { id: string };
      const found = await subject.inScope(id, ctx.principal);
      const role = actAs(ctx, found.roles, roles, `${label} (${route.action})`);
      if (found.ended) throw new HttpProblem(422, 'Action refused', found.ended);
      const command = {
        type: route.action,
        actor: { id: ctx.principal.id, role },
        at: ctx.at,
        ...route.fields(ctx.body as z.output<B>),
      } as unknown as Command & object;
      await executeWithin(deps, id, subject.update, command, ctx.actionId);
      return { body: { id, state: await subject.view(id) } };
    },
  );
}

/** An instant given as ISO text, in epoch ms; absent stays absent. */
export const instantOf = (value: string | undefined) =>
  value === undefined ? undefined : Date.parse(value);
