// Open-government information requests (政府信息公开申请): the case centre registers one (its
// workflow starts the answer's and the correction review's clocks), lists and reads them, and
// records the correction asked and the corrected application, a consultation's start and end,
// the answer, an abandonment or withdrawal; the head of the disclosure office (a unit leader)
// approves the one extension.
import { Router } from 'express';
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { z } from 'zod';
import { rolesForUnit } from '../../domain/access';
import { reporterContact } from '../../domain/alarm';
import {
  CONSULTEES,
  FINAL_INFO_REQUEST_STAGES,
  INFO_ANSWER_TYPES,
  INFO_REQUEST_ACTIONS,
  INFO_REQUEST_CHANNELS,
  INFO_REQUEST_READERS,
  INFO_REQUEST_STAGES,
  receiptOf,
  type InfoRequestAction,
  type InfoRequestStage,
  type NewInfoRequest,
} from '../../domain/info-request';
import type { InfoRequestCommand } from '../../domain/info-request-decider';
import { unitTreeWhere } from '../../platform/unit-tree';
import {
  infoRequestCommandUpdate,
  infoRequestOpenedUpdate,
  infoRequestWorkflow,
} from '../../workflows/info-request';
import { period } from '../deadlines/routes';
import type { ApiDeps } from '../deps';
import {
  commandRoute,
  instantOf,
  type CommandRoute,
  type DecidedSubjectRoutes,
} from '../decided-commands';
import { operation } from '../operation';
import { HttpProblem } from '../problem';
import { unitScopeWhere } from '../scope';
import { enumOf, instant, text, unitId } from '../schemas';
import { callWithin, workflowIdFor } from '../workflow-call';
import { infoRequestInScope, infoRequestView, readInfoRequest } from './read-model';

const contact = text(50).superRefine((value, ctx) => {
  const checked = reporterContact(value);
  if ('refusal' in checked) ctx.addIssue({ code: 'custom', message: checked.refusal });
});

export const createInfoRequestBody = z.strictObject({
  /** The disclosure office's unit; the caller's own when not given. */
  unitId: unitId.optional(),
  applicantName: text(100),
  applicantContact: contact.optional(),
  /** 所需政府信息的描述 (Art. 29). */
  description: text(2000),
  channel: enumOf(INFO_REQUEST_CHANNELS),
  submittedAt: instant.optional(),
  signedForAt: instant.optional(),
  confirmedAt: instant.optional(),
});

export const infoRequestIdParams = z.strictObject({
  id: z
    .string()
    .regex(
      /^info-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      'must be an information request id such as info-<uuid>',
    ),
});

export const infoRequestListQuery = z.strictObject({
  stage: enumOf(INFO_REQUEST_STAGES).optional(),
  unit: unitId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: instant.optional(),
});

export const correctionBody = z.strictObject({
  /** 需要补正的事项 */
  matters: text(2000),
  /** 合理的补正期限: until when the applicant may correct it. */
  correctBy: instant,
  /** When the notice was sent; now when not given. */
  sentAt: instant.optional(),
});
export const correctedApplicationBody = z.strictObject({ receivedAt: instant.optional() });
export const consultationBody = z.strictObject({
  consultee: enumOf(CONSULTEES),
  /** Whom: the third party or the agency asked. */
  party: text(200),
  startedAt: instant.optional(),
});
export const consultationEndBody = z.strictObject({
  endedAt: instant.optional(),
  /** What came of it (意见), for the file. */
  outcome: text(2000).optional(),
});
export const infoExtensionBody = z.strictObject({
  /** At most 20 working days (the law's cap when not given). */
  period: period.optional(),
  reason: text(2000),
});
export const answerBody = z.strictObject({
  answerType: enumOf(INFO_ANSWER_TYPES),
  /** The reasons, required where the answer refuses or redirects (Art. 36, 37, 39). */
  reason: text(4000).optional(),
  answeredAt: instant.optional(),
});
export const withdrawalBody = z.strictObject({ reason: text(2000).optional() });

export function infoRequestRoutes(deps: ApiDeps) {
  const router = Router();

  operation(
    router,
    deps,
    {
      id: 'info-request.create',
      method: 'post',
      path: '/info-requests',
      summary:
        'Register an open-government information request (政府信息公开申请): the receipt is dated by its channel (Art. 31); the 20-working-day answer and the 7-working-day correction review start',
      roles: INFO_REQUEST_ACTIONS.REGISTER.roles,
      body: createInfoRequestBody,
      subject: 'INFO_REQUEST',
      success: { 201: 'created; Location names the request' },
      errors: [503],
    },
    async (ctx) => {
      const { principal, body, at, actionId } = ctx;
      const unit = body.unitId ?? principal.unit!;
      const roles = rolesForUnit(principal, unit);
      if (roles.length === 0) {
        throw new HttpProblem(403, 'Out of scope', `Unit ${unit} is outside your scope.`);
      }
      ctx.res.locals.actingRole = roles[0];
      const facts = {
        ...(body.submittedAt ? { submittedAt: Date.parse(body.submittedAt) } : {}),
        ...(body.signedForAt ? { signedForAt: Date.parse(body.signedForAt) } : {}),
        ...(body.confirmedAt ? { confirmedAt: Date.parse(body.confirmedAt) } : {}),
      };
      // In person, now unless said: the request is handed in as it is registered.
      if (body.channel === 'IN_PERSON' && facts.submittedAt === undefined) facts.submittedAt = at;
      const receipt = receiptOf(body.channel, facts, at);
      if ('refusal' in receipt)
        throw new HttpProblem(400, 'Invalid request', `body: ${receipt.refusal}`, [
          { field: 'body', rule: receipt.refusal },
        ]);
      const normalised = body.applicantContact && reporterContact(body.applicantContact);
      const request: NewInfoRequest = {
        requestId: workflowIdFor('info', actionId),
        unitId: unit,
        applicantName: body.applicantName,
        ...(normalised && 'contact' in normalised ? { applicantContact: normalised.contact } : {}),
        description: body.description,
        channel: body.channel,
        facts,
        receivedAt: receipt.receivedAt,
        registeredAt: at,
        registeredBy: { id: principal.id, role: roles[0]! },
        ...(deps.policyOverrides ? { policyOverrides: deps.policyOverrides } : {}),
      };
      ctx.about({ type: 'INFO_REQUEST', id: request.requestId });
      try {
        // Started and its first step awaited in one call (update-with-start), as an alarm is.
        await callWithin(deps, request.requestId, () =>
          deps.temporal.workflow.executeUpdateWithStart(infoRequestOpenedUpdate, {
            startWorkflowOperation: new WithStartWorkflowOperation(infoRequestWorkflow, {
              taskQueue: deps.taskQueue,
              workflowId: request.requestId,
              args: [request],
              workflowIdConflictPolicy: 'USE_EXISTING',
              workflowIdReusePolicy: 'REJECT_DUPLICATE',
            }),
          }),
        );
      } catch (error) {
        if (!(actionId && error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      const record = await readInfoRequest(deps.prisma, request.requestId);
      return {
        status: 201,
        location: `/info-requests/${request.requestId}`,
        body: {
          id: request.requestId,
          ...(record ? { state: infoRequestView(record) } : {}),
          links: { self: `/info-requests/${request.requestId}` },
        },
      };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'info-request.list',
      method: 'get',
      path: '/info-requests',
      summary:
        'Information requests in your scope, newest receipt first (filter by stage and unit; page with before)',
      roles: INFO_REQUEST_READERS,
      query: infoRequestListQuery,
      success: { 200: '{ items, nextBefore }' },
    },
    async ({ principal, query }) => {
      const rows = await deps.prisma.infoRequest.findMany({
        where: {
          AND: [
            { OR: unitScopeWhere(principal) },
            ...(query.unit ? [{ OR: unitTreeWhere(query.unit) }] : []),
            ...(query.stage ? [{ stage: query.stage }] : []),
            ...(query.before ? [{ receivedAt: { lt: new Date(query.before) } }] : []),
          ],
        },
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        take: query.limit,
      });
      return {
        body: {
          items: rows.map((row) => ({
            id: row.id,
            unitId: row.unitId,
            stage: { code: row.stage, label: INFO_REQUEST_STAGES[row.stage as InfoRequestStage] },
            applicantName: row.applicantName,
            description: row.description,
            receivedAt: row.receivedAt.toISOString(),
            answerDueAt: row.answerDueAt?.toISOString() ?? null,
            answeredAt: row.answeredAt?.toISOString() ?? null,
            links: { self: `/info-requests/${row.id}` },
          })),
          nextBefore:
            rows.length === query.limit ? rows[rows.length - 1]!.receivedAt.toISOString() : null,
        },
      };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'info-request.get',
      method: 'get',
      path: '/info-requests/:id',
      summary:
        'An information request: its receipt, correction, consultations, extension, answer, deadlines and escalations',
      roles: INFO_REQUEST_READERS,
      params: infoRequestIdParams,
      subject: 'INFO_REQUEST',
      success: { 200: 'the request' },
      errors: [404],
    },
    async ({ principal, params }) => {
      const { record } = await infoRequestInScope(deps.prisma, principal, params.id);
      return { body: { id: params.id, state: infoRequestView(record) } };
    },
  );

  const subject: DecidedSubjectRoutes<
    Exclude<InfoRequestAction, 'REGISTER'>,
    InfoRequestCommand
  > = {
    operationPrefix: 'info-request',
    path: '/info-requests',
    type: 'INFO_REQUEST',
    params: infoRequestIdParams,
    actions: INFO_REQUEST_ACTIONS,
    update: infoRequestCommandUpdate,
    inScope: async (id, principal) => {
      const { record, roles } = await infoRequestInScope(deps.prisma, principal, id);
      const stage = record.stage as InfoRequestStage;
      return {
        roles,
        ...(FINAL_INFO_REQUEST_STAGES.includes(stage)
          ? {
              ended: `Information request ${record.id} is ${stage} (${INFO_REQUEST_STAGES[stage]}): its workflow has ended and nothing more can be recorded on it.`,
            }
          : {}),
      };
    },
    view: async (id) => infoRequestView((await readInfoRequest(deps.prisma, id))!),
  };
  const command = <B extends z.ZodType>(
    route: CommandRoute<Exclude<InfoRequestAction, 'REGISTER'>, B>,
  ) => commandRoute(router, deps, subject, route);

  command({
    action: 'APPLICATION_CLEAR',
    path: 'clear',
    summary:
      'Record that the request is clear and needs no correction (申请内容明确): completes INFO_CORRECTION_NOTICE',
    fields: () => ({}),
  });
  command({
    action: 'CORRECTION_REQUESTED',
    path: 'correction',
    summary:
      'Ask once for a correction (一次性告知补正, Art. 30), within 7 working days of receipt: the answer is counted anew from the corrected application',
    body: correctionBody,
    fields: (b) => ({
      matters: b.matters,
      correctBy: Date.parse(b.correctBy),
      occurredAt: instantOf(b.sentAt),
    }),
  });
  command({
    action: 'CORRECTED_APPLICATION_RECEIVED',
    path: 'corrected-application',
    summary:
      'Record the corrected application (收到补正后的申请): the 20 working days to answer start again',
    body: correctedApplicationBody,
    fields: (b) => ({ occurredAt: instantOf(b.receivedAt) }),
  });
  command({
    action: 'CONSULTATION_STARTED',
    path: 'consultation',
    summary:
      'Record a consultation of a third party or another agency (征求意见, Art. 32-33): its time does not count; a third party has 15 working days',
    body: consultationBody,
    fields: (b) => ({
      consultee: b.consultee,
      party: b.party,
      occurredAt: instantOf(b.startedAt),
    }),
  });
  command({
    action: 'CONSULTATION_ENDED',
    path: 'consultation-end',
    summary: "Record the consultation's end: its working days are taken out of the answer's period",
    body: consultationEndBody,
    fields: (b) => ({
      ...(b.outcome ? { outcome: b.outcome } : {}),
      occurredAt: instantOf(b.endedAt),
    }),
  });
  command({
    action: 'EXTENDED',
    path: 'extension',
    summary:
      'Approve the one extension of the answer, at most 20 working days (Art. 33 ¶2), as head of the disclosure office (政府信息公开工作机构负责人)',
    body: infoExtensionBody,
    fields: (b) => ({ ...(b.period ? { period: b.period } : {}), reason: b.reason }),
  });
  command({
    action: 'ANSWERED',
    path: 'answer',
    summary:
      'Record the answer and its type (答复, Art. 36, 37, 39): completes the request and its clocks',
    body: answerBody,
    fields: (b) => ({
      answerType: b.answerType,
      ...(b.reason ? { reason: b.reason } : {}),
      occurredAt: instantOf(b.answeredAt),
    }),
  });
  command({
    action: 'ABANDONED',
    path: 'abandonment',
    summary:
      'Record that the applicant did not correct the request in the period set (视为放弃申请, Art. 30)',
    fields: () => ({}),
  });
  command({
    action: 'WITHDRAWN',
    path: 'withdrawal',
    summary: 'Record that the applicant withdrew the request (申请人撤回)',
    body: withdrawalBody,
    fields: (b) => ({ ...(b.reason ? { reason: b.reason } : {}) }),
  });

  return router;
}
