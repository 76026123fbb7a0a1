// The reconsideration's or lawsuit's workflow (行政复议/行政诉讼), a thin shell over the pure decider
// in domain/litigation-decider.ts, as the information request's is: each command an Update that
// writes one step, the answer's ladder on the workflow's clock. It ends once the matter is closed
// (decided for the bureau, withdrawn, or decided against it and carried out).
import { defineUpdate } from '@temporalio/workflow';
import type { NewMatter } from '../domain/litigation';
import {
  decideMatter,
  matterEnded,
  matterRow,
  matterRungsDue,
  openMatter,
  type MatterCommand,
} from '../domain/litigation-decider';
import { runDecidedWorkflow } from './decided-workflow';
import { localStepWriters } from './engine';

/** What an Update answers: the version of the matter it produced (the read model shows it). */
export interface MatterStepResult {
  matterId: string;
  version: number;
  duplicate?: boolean;
}

export const matterCommandUpdate = defineUpdate<MatterStepResult, [MatterCommand]>('matterCommand');
/** Answers once the matter's first step is written (sent with the start: update-with-start). */
export const matterOpenedUpdate = defineUpdate<MatterStepResult, []>('matterOpened');

export async function litigationWorkflow(matter: NewMatter): Promise<void> {
  await runDecidedWorkflow({
    open: () => openMatter(matter),
    decide: decideMatter,
    rungsDue: matterRungsDue,
    ended: matterEnded,
    write: (next, opening) =>
      localStepWriters().recordMatterStep({
        row: matterRow(next.state),
        effects: next.effects,
        ...(opening ? { opening: matter } : {}),
        state: next.state,
      }),
    result: (version, duplicate) => ({
      matterId: matter.matterId,
      version,
      ...(duplicate ? { duplicate: true } : {}),
    }),
    commandUpdate: matterCommandUpdate,
    openedUpdate: matterOpenedUpdate,
  });
}
