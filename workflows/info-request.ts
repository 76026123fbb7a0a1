// The information request's workflow (政府信息公开申请), a thin shell over the pure decider in
// domain/info-request-decider.ts, as the alarm's is over its own: each command an Update that
// writes one step in one transaction (a local activity), the ladders waiting for each rung's
// instant on the workflow's clock. It ends once the request is answered, abandoned or withdrawn
// and every step in progress has finished.
import { allHandlersFinished, condition, defineUpdate, setHandler } from '@temporalio/workflow';
import type { NewInfoRequest } from '../domain/info-request';
import {
  decideInfoRequest,
  infoRequestEnded,
  infoRequestRow,
  infoRequestRungsDue,
  openInfoRequest,
  type InfoRequestCommand,
  type InfoRequestEffect,
  type InfoRequestModel,
} from '../domain/info-request-decider';
import { escalationLadders, localStepWriters, writeStep } from './engine';
import { inArrivalOrder } from './one-at-a-time';
import { outsideRequest } from './request-scope';
import { refuse } from './views';

/** What an Update answers: the version of the request it produced (the read model shows it). */
export interface InfoRequestStepResult {
  requestId: string;
  version: number;
  duplicate?: boolean;
}

export const infoRequestCommandUpdate = defineUpdate<InfoRequestStepResult, [InfoRequestCommand]>(
  'infoRequestCommand',
);
/** Answers once the request's first step is written (sent with the start: update-with-start). */
export const infoRequestOpenedUpdate = defineUpdate<InfoRequestStepResult, []>('infoRequestOpened');

export async function infoRequestWorkflow(request: NewInfoRequest): Promise<void> {
  let state: InfoRequestModel | undefined;
  let stopping = false;
  const serially = inArrivalOrder(() => state !== undefined);

  /** Writes one step. False: a lost workflow task had written a step at this version; its
   * state is taken, so decide again from it. */
  const commit = async (
    next: { state: InfoRequestModel; effects: InfoRequestEffect[] },
    opening?: NewInfoRequest,
  ) => {
    const outcome = await writeStep(() =>
      localStepWriters().recordInfoRequestStep({
        row: infoRequestRow(next.state),
        effects: next.effects,
        ...(opening ? { opening } : {}),
        state: next.state,
      }),
    );
    state = outcome.written ? next.state : outcome.state;
    return outcome.written;
  };

  setHandler(
    infoRequestCommandUpdate,
    (command) =>
      serially(async (): Promise<InfoRequestStepResult> => {
        for (;;) {
          const decision = decideInfoRequest(state!, command);
          if (!decision.ok) return refuse(decision.reason);
          if (decision.duplicate)
            return { requestId: request.requestId, version: decision.version, duplicate: true };
          if (await commit(decision))
            return { requestId: request.requestId, version: decision.state.version };
        }
      }),
    {
      validator: (command) => {
        if (!state) return; // still opening: the handler decides once it is open
        const decision = decideInfoRequest(state, command);
        if (!decision.ok) refuse(decision.reason);
      },
    },
  );

  setHandler(infoRequestOpenedUpdate, () =>
    serially(async (): Promise<InfoRequestStepResult> => ({
      requestId: request.requestId,
      version: state!.version,
    })),
  );

  await commit(openInfoRequest(request), request);
  const laddersDone = outsideRequest(() =>
    escalationLadders(
      () => state,
      () => stopping,
      (now) =>
        serially(async () => {
          for (;;) {
            const next = infoRequestRungsDue(state!, now);
            if (!next || (await commit(next))) return;
          }
        }),
    ),
  );

  await condition(() => infoRequestEnded(state!));
  stopping = true;
  await laddersDone;
  await condition(allHandlersFinished);
}
