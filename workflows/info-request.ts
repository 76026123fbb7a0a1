// The information request's workflow (政府信息公开申请), a thin shell over the pure decider in
// domain/info-request-decider.ts, as the alarm's is over its own: each command an Update that
// writes one step in one transaction (a local activity), the ladders waiting for each rung's
// instant on the workflow's clock. It ends once the request is answered, abandoned or withdrawn
// and every step in progress has finished.
import { defineUpdate } from '@temporalio/workflow';
import type { NewInfoRequest } from '../domain/info-request';
import {
  decideInfoRequest,
  infoRequestEnded,
  infoRequestRow,
  infoRequestRungsDue,
  openInfoRequest,
  type InfoRequestCommand,
} from '../domain/info-request-decider';
import { runDecidedWorkflow } from './decided-workflow';
import { localStepWriters } from './engine';

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
  await runDecidedWorkflow({
    open: () => openInfoRequest(request),
    decide: decideInfoRequest,
    rungsDue: infoRequestRungsDue,
    ended: infoRequestEnded,
    write: (next, opening) =>
      localStepWriters().recordInfoRequestStep({
        row: infoRequestRow(next.state),
        effects: next.effects,
        ...(opening ? { opening: request } : {}),
        state: next.state,
      }),
    result: (version, duplicate) => ({
      requestId: request.requestId,
      version,
      ...(duplicate ? { duplicate: true } : {}),
    }),
    commandUpdate: infoRequestCommandUpdate,
    openedUpdate: infoRequestOpenedUpdate,
  });
}
