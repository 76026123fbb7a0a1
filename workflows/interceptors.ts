// Workflow interceptors (registered with the worker as an interceptor module): carry the request
// id of the API call that started the workflow or sent the Update into the activities and child
// workflows scheduled while handling it, add it to the workflow's log lines, and log each Update's
// outcome. Logging is replay-aware (nothing is logged again on replay) and schedules nothing, so
// it leaves histories unchanged. They also refuse what the worker's payload codec could not
// authenticate (common/unauthentic-payload.ts): a forged Update is rejected by its validation,
// before it is accepted, so nothing of it enters the history; a forged signal is dropped; a forged
// start fails its workflow.
import {
  ApplicationFailure,
  log,
  workflowInfo,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptorsFactory,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import { requestIdFrom, withRequestId } from '../common/request-id';
import { requestScope } from './request-scope';
import { unauthenticReason } from '../common/unauthentic-payload';

/** Why one of a call's arguments was not authentic, if one was not. */
const forged = (args: unknown[]) =>
  args.map(unauthenticReason).find((reason) => reason !== undefined);

const refuseForged = (args: unknown[]) => {
  const reason = forged(args);
  if (reason !== undefined)
    throw ApplicationFailure.create({
      type: 'UnauthenticPayload',
      message: `Refused: ${reason}. Only the API and workers that share the payload key may send commands.`,
      nonRetryable: true,
    });
};

const inbound: WorkflowInboundCallsInterceptor = {
  execute: (input, next) =>
    requestScope.run(requestIdFrom(input.headers), () => {
      log.info(`${workflowInfo().workflowType} started`);
      refuseForged(input.args);
      return next(input);
    }),
  handleSignal: (input, next) => {
    const reason = forged(input.args);
    if (reason === undefined)
      return requestScope.run(requestIdFrom(input.headers), () => next(input));
    log.warn(`signal ${input.signalName} dropped: ${reason}`);
    return Promise.resolve();
  },
  // Every Update the workflows define has a validator, so this runs before any is accepted.
  validateUpdate: (input, next) => {
    refuseForged(input.args);
    next(input);
  },
  handleUpdate: (input, next) =>
    requestScope.run(requestIdFrom(input.headers), async () => {
      try {
        refuseForged(input.args);
        const result = await next(input);
        log.info(`update ${input.name} done`, { update: input.name, updateId: input.updateId });
        return result;
      } catch (error) {
        log.warn(`update ${input.name} failed: ${(error as Error).message}`, {
          update: input.name,
          updateId: input.updateId,
        });
        throw error;
      }
    }),
};

/** The headers of an outbound call, with the request id being handled. */
const carried = <T extends { headers: Parameters<typeof withRequestId>[0] }>(input: T): T => ({
  ...input,
  headers: withRequestId(input.headers, requestScope.getStore()),
});

const outbound: WorkflowOutboundCallsInterceptor = {
  scheduleActivity: (input, next) => next(carried(input)),
  scheduleLocalActivity: (input, next) => next(carried(input)),
  startChildWorkflowExecution: (input, next) => next(carried(input)),
  getLogAttributes: (input, next) => {
    const requestId = requestScope.getStore();
    return next(requestId === undefined ? input : { ...input, requestId });
  },
};

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [inbound],
  outbound: [outbound],
});
