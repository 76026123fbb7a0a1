// Cases: list and search (scoped to the caller), one case's state with its deadlines and their
// explanations, its timeline, and the actions, pauses and coercive measures that drive its
// workflow. The rules are the workflow's: a refused Update comes back as 422 with its message.
import { Router } from 'express';
import { z } from 'zod';
import { ARREST_EXTENSION_GROUNDS, PENALTY_KINDS } from '../../domain/approvals';
import { PAUSE_RECORDED_BY, type CaseCommand } from '../../domain/case-decider';
import { MEASURE_EVENTS } from '../../domain/coercive-measures';
import {
  FAMILY_NOTICE_GROUNDS,
  MEASURE_RECORDS,
  PLEA_AGREEMENT_LAWYERS,
} from '../../domain/criminal-clocks';
import { PAUSE_REASONS } from '../../domain/deadlines';
import { PUBLIC_ORDER_RECORDS, QUESTIONING_GROUNDS } from '../../domain/public-order';
import {
  CASE_ACTIONS,
  CASE_KINDS,
  CASE_STAGES,
  caseActionCatalogue,
  type CaseActionCode,
} from '../../domain/lifecycle';
import type { Role } from '../../domain/roles';
import type { AuditEvent } from '../../generated/prisma/client';
import type { ApiDeps } from '../deps';
import { sendCaseCommand } from './commands';
import { caseInScope, caseRowInScope, caseView } from './read-model';
import { actAs, operation, type OperationContext } from '../operation';
import { caseListWhere, decodeCursor, encodeCursor, type SortKey } from '../scope';
import {
  enumOf,
  idParams,
  instant,
  proposalCommand,
  proposalDecisionBody,
  proposalParams,
  text,
  withdrawalBody,
} from '../schemas';
import { period } from '../deadlines/routes';

export const caseIdParams = idParams('case');

const fastTrackFacts = z.strictObject({
  basicCourtJurisdiction: z.boolean(),
  likelySentenceMonths: z.number().int().min(0).max(600),
  factsClear: z.boolean(),
  evidenceSufficient: z.boolean(),
  pleadsGuiltyAndAcceptsPunishment: z.boolean(),
  agreesToFastTrack: z.boolean(),
  suspectBlindDeafOrMute: z.boolean(),
  suspectPartlyMentallyImpaired: z.boolean(),
  suspectIsMinor: z.boolean(),
  majorSocialImpact: z.boolean(),
  coDefendantObjects: z.boolean(),
  civilCompensationUnsettled: z.boolean(),
});

const fastProcedureFacts = z.strictObject({
  factsClear: z.boolean(),
  admitsFacts: z.boolean(),
  agreesToFastProcedure: z.boolean(),
  personBlindDeafMuteMinorOrMentallyIll: z.boolean(),
  hearingRequired: z.boolean(),
  detentionOverTenDaysPossible: z.boolean(),
});

/** An audit event as the case's timeline shows it. */
export const timelineEventView = (e: AuditEvent) => ({
  at: e.occurredAt,
  action: e.action,
  actor: { id: e.actorId, role: e.actorRole },
  ...(e.reason ? { reason: e.reason } : {}),
  ...(e.data ? { data: e.data as { taskId?: string } & Record<string, unknown> } : {}),
});

export const caseActionBody = z.strictObject({
  action: enumOf(CASE_ACTIONS),
  fields: z
    .strictObject({
      reason: text(2000).optional(),
      sentencingProposal: text(2000).optional(),
      judgment: text(4000).optional(),
      penalty: text(2000).optional(),
      procedure: z.enum(['SIMPLIFIED', 'ORDINARY']).optional(),
      route: z.enum(['FAST_TRACK', 'ORDINARY']).optional(),
      suggestedRoute: z.enum(['FAST_TRACK', 'ORDINARY']).optional(),
      fastTrackFacts: fastTrackFacts.optional(),
      hasComplainant: z.boolean().optional(),
      prosecutionOrg: text(100).optional(),
      courtOrg: text(100).optional(),
      pleaAgreementLawyer: enumOf(PLEA_AGREEMENT_LAWYERS).optional(),
      pleaAgreementLawyerName: text(100).optional(),
      penaltyKind: enumOf(PENALTY_KINDS).optional(),
      fineYuan: z.number().int().min(1).max(100_000_000).optional(),
      fastProcedureFacts: fastProcedureFacts.optional(),
    })
    .default({}),
});

export const caseProposalParams = proposalParams('case');

export const extensionProposalBody = z.strictObject({
  taskId: text(300),
  by: period,
  reason: text(2000),
  /** ARREST_REQUEST beyond 4 days: the suspect's 流窜/多次/结伙 crime. */
  ground: enumOf(ARREST_EXTENSION_GROUNDS).optional(),
});

/** Who decides a step of a proposal (the chain names which of them at each step). */
const APPROVERS = [
  'LEGAL_OFFICER',
  'UNIT_LEADER',
  'BUREAU_LEADER',
  'PROSECUTOR',
] as const satisfies readonly Role[];

export const pauseBody = z.strictObject({
  taskId: text(300),
  reason: enumOf(PAUSE_REASONS),
  from: instant,
  to: instant,
});

/**
 * Every measure: those that change a suspect's state, those recorded as done, and the summons of
 * a public-order case's person and its end.
 */
const MEASURES = { ...MEASURE_EVENTS, ...MEASURE_RECORDS, ...PUBLIC_ORDER_RECORDS };

export const measureBody = z.strictObject({
  event: enumOf(MEASURES),
  reason: text(2000).optional(),
  /** REQUEST_ARREST: the procuratorate asked to approve the arrest. */
  prosecutionOrg: text(100).optional(),
  /**
   * FAMILY_NOT_NOTIFIED: the ground the law allows (刑事诉讼法 Art. 85 ¶2); SUMMONED: the ground
   * for questioning longer than 8 hours.
   */
  ground: enumOf({ ...FAMILY_NOTICE_GROUNDS, ...QUESTIONING_GROUNDS }).optional(),
  /** SUMMONED: the exact time the person arrived (到案); the questioning is counted from it. */
  arrivedAt: instant.optional(),
});

const SORTS = ['acceptedAt', '-acceptedAt', 'updatedAt', '-updatedAt'] as const;

export const caseListQuery = z.strictObject({
  stage: enumOf(CASE_STAGES).optional(),
  kind: enumOf(CASE_KINDS).optional(),
  unit: text(64).optional(),
  handler: text(100).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  dueBefore: instant.optional(),
  sort: z.enum(SORTS).default('-acceptedAt'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: text(500).optional(),
});

const POLICE_AND_COURTS = [
  'HANDLER',
  'LEGAL_OFFICER',
  'DUTY_LEADER',
  'UNIT_LEADER',
  'BUREAU_LEADER',
  'CASE_CENTER',
  'PROSECUTOR',
  'JUDGE',
] as const satisfies readonly Role[];

/**
 * Sends a command to a case the caller may act on, as the first of their roles in scope that
 * `allowed` admits (403 naming the rule otherwise), and answers with the case's new state.
 */
async function commandCase(
  deps: ApiDeps,
  ctx: OperationContext<{ id: string }, unknown, unknown>,
  allowed: readonly Role[],
  what: string,
  command: (actor: { id: string; role: Role }) => CaseCommand,
) {
  const { principal, params, actionId } = ctx;
  const { record, roles } = await caseRowInScope(deps.prisma, principal, params.id);
  const role = actAs(ctx, roles, allowed, what);
  const { view } = await sendCaseCommand(
    deps,
    record,
    roles,
    command({ id: principal.id, role }),
    actionId,
  );
  return { body: view };
}

export function caseRoutes(deps: ApiDeps) {
  const router = Router();

  operation(
    router,
    deps,
    {
      id: 'case.list',
      method: 'get',
      path: '/cases',
      summary:
        'Cases in your scope: filter by stage, kind, unit, handler, overdue, dueBefore; sort; cursor pages',
      roles: POLICE_AND_COURTS,
      query: caseListQuery,
      success: { 200: '{ items, nextCursor }' },
    },
    async ({ principal, query, at }) => {
      const sort = query.sort as SortKey;
      const after = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
      const where = caseListWhere(principal, {
        stage: query.stage,
        kind: query.kind,
        unit: query.unit,
        handler: query.handler,
        overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
        dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined,
        now: new Date(at),
        after,
        sort,
      });
      const field = sort.replace('-', '') as 'acceptedAt' | 'updatedAt';
      const direction = sort.startsWith('-') ? 'desc' : 'asc';
      const rows = await deps.prisma.case.findMany({
        where,
        orderBy: [{ [field]: direction }, { id: direction }],
        take: query.limit + 1,
        include: { tasks: { where: { completedAt: null }, orderBy: { dueAt: 'asc' }, take: 1 } },
      });
      const page = rows.slice(0, query.limit);
      return {
        body: {
          items: page.map(({ tasks, ...row }) => ({
            ...row,
            nextDeadline: tasks[0]
              ? { taskId: tasks[0].id, step: tasks[0].step, dueAt: tasks[0].dueAt }
              : null,
            links: { self: `/cases/${row.id}` },
          })),
          nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!, sort) : null,
        },
      };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'case.get',
      method: 'get',
      path: '/cases/:id',
      summary: "A case's state: stage, deadlines with their explanations, escalations, history",
      roles: POLICE_AND_COURTS,
      params: caseIdParams,
      subject: 'CASE',
      success: { 200: 'the case' },
      errors: [404, 503],
    },
    async ({ principal, params }) => {
      const { record, roles } = await caseInScope(deps.prisma, principal, params.id);
      return { body: caseView(record, roles) };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'case.timeline',
      method: 'get',
      path: '/cases/:id/timeline',
      summary: "A case's audit events, oldest first: every transition, escalation and decision",
      roles: POLICE_AND_COURTS,
      params: caseIdParams,
      subject: 'CASE',
      success: { 200: '{ items }' },
      errors: [404, 503],
    },
    async ({ principal, params }) => {
      await caseRowInScope(deps.prisma, principal, params.id);
      const events = await deps.prisma.auditEvent.findMany({
        where: { subjectType: 'CASE', subjectId: params.id },
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
      });
      return {
        body: {
          items: events.map(timelineEventView),
        },
      };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'case.action',
      extensions: { 'x-case-actions': caseActionCatalogue() },
      method: 'post',
      path: '/cases/:id/actions',
      summary:
        'Take an action on a case (file, submit, approve, transfer, accept, indict, judge, archive …)',
      roles: POLICE_AND_COURTS,
      params: caseIdParams,
      body: caseActionBody,
      subject: 'CASE',
      success: { 200: "the case's new state" },
      errors: [404, 409, 422, 503],
    },
    (ctx) => {
      const { body, at } = ctx;
      const rule = CASE_ACTIONS[body.action as CaseActionCode];
      return commandCase(deps, ctx, rule.roles, `${body.action} (${rule.label})`, (actor) => ({
        type: 'ACTION',
        action: body.action,
        actor,
        at,
        fields: body.fields,
      }));
    },
  );

  operation(
    router,
    deps,
    {
      id: 'case.pause',
      method: 'post',
      path: '/cases/:id/pauses',
      summary: 'Record time that does not count against a deadline (鉴定 appraisal, 听证 hearing)',
      roles: [PAUSE_RECORDED_BY],
      params: caseIdParams,
      body: pauseBody,
      subject: 'CASE',
      success: { 200: "the case's new state" },
      errors: [404, 422, 503],
    },
    (ctx) => {
      const { body, at } = ctx;
      return commandCase(deps, ctx, [PAUSE_RECORDED_BY], 'A pause', (actor) => ({
        type: 'PAUSE',
        actor,
        at,
        taskId: body.taskId,
        reason: body.reason,
        from: Date.parse(body.from),
        to: Date.parse(body.to),
      }));
    },
  );

  operation(
    router,
    deps,
    {
      id: 'case.measure',
      method: 'post',
      path: '/cases/:id/measures',
      summary:
        "Record a coercive measure (拘留, 提请逮捕 naming the procuratorate, 逮捕, 取保候审, 监视居住, 解除) on a criminal case, or a duty done after it (送看守所, 通知家属 or the ground not to, 首次讯问, 要求复议不批准逮捕); on a public-order case, a summoned person's arrival (传唤到案: arrivedAt, the ground for a longer questioning) and the questioning's end",
      roles: ['HANDLER', 'PROSECUTOR'],
      params: caseIdParams,
      body: measureBody,
      subject: 'CASE',
      success: { 200: "the case's new state" },
      errors: [404, 422, 503],
    },
    (ctx) => {
      const { body, at } = ctx;
      const rule = MEASURES[body.event as keyof typeof MEASURES];
      return commandCase(deps, ctx, [rule.role], `${body.event} (${rule.label})`, (actor) => ({
        type: 'MEASURE',
        actor,
        at,
        event: body.event,
        ...(body.reason ? { reason: body.reason } : {}),
        ...(body.prosecutionOrg ? { prosecutionOrg: body.prosecutionOrg } : {}),
        ...(body.ground ? { ground: body.ground } : {}),
        ...(body.arrivedAt ? { arrivedAt: Date.parse(body.arrivedAt) } : {}),
      }));
    },
  );

  operation(
    router,
    deps,
    {
      id: 'case.proposeExtension',
      method: 'post',
      path: '/cases/:id/extension-proposals',
      summary:
        'Propose extending a deadline the law lets only the leaders extend (提请批准逮捕期限; 侦查羁押期限, then decided by the procuratorate)',
      roles: ['HANDLER'],
      params: caseIdParams,
      body: extensionProposalBody,
      subject: 'CASE',
      success: { 200: "the case's new state, with the proposal waiting for its first approver" },
      errors: [404, 422, 503],
    },
    (ctx) => {
      const { body, at } = ctx;
      return commandCase(deps, ctx, ['HANDLER'], 'Proposing an extension', (actor) => ({
        type: 'PROPOSE_EXTENSION',
        actor,
        at,
        taskId: body.taskId,
        by: body.by,
        reason: body.reason,
        ...(body.ground ? { ground: body.ground } : {}),
      }));
    },
  );

  operation(
    router,
    deps,
    {
      id: 'case.decideProposal',
      method: 'post',
      path: '/cases/:id/proposals/:proposalId/decision',
      summary:
        'Approve or refuse (with a reason) the step of a proposal that waits on you (审批): the last approval puts the decision into effect',
      roles: APPROVERS,
      params: caseProposalParams,
      body: proposalDecisionBody,
      subject: 'CASE',
      success: { 200: "the case's new state" },
      errors: [404, 422, 503],
    },
    (ctx) => {
      const { body, at, params } = ctx;
      return commandCase(deps, ctx, APPROVERS, 'Deciding a proposal', (actor) =>
        proposalCommand(body, params.proposalId, actor, at),
      );
    },
  );

  operation(
    router,
    deps,
    {
      id: 'case.withdrawProposal',
      method: 'post',
      path: '/cases/:id/proposals/:proposalId/withdrawal',
      summary: 'Withdraw a proposal of yours that is still waiting for a decision',
      roles: ['HANDLER'],
      params: caseProposalParams,
      body: withdrawalBody,
      subject: 'CASE',
      success: { 200: "the case's new state" },
      errors: [404, 422, 503],
    },
    (ctx) => {
      const { body, at, params } = ctx;
      return commandCase(deps, ctx, ['HANDLER'], 'Withdrawing a proposal', (actor) =>
        proposalCommand({ ...body, decision: 'WITHDRAW' }, params.proposalId, actor, at),
      );
    },
  );

  return router;
}
