// The case workflow (案件), a thin shell over the pure decider in domain/case-decider.ts. Every
// command is an Update: its validator asks the decider, its handler asks again (Updates delivered
// together all pass their validators first), writes the step's effects in one activity and only
// then adopts the new state. The escalation ladder waits for each rung's due instant on the
// workflow's own clock and fires it through the same one-at-a-time path; before continuing as
// new or ending, every handler and every rung in flight finishes.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineUpdate,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  adoptCase,
  caseRow,
  decide,
  openCase,
  rungsDue,
  type CaseCommand,
  type CaseEffect,
  type CaseModel,
  type CaseSettings,
  type NewCase,
} from '../domain/case-decider';
import { APPROVALS_PATCH } from '../domain/approvals';
import { CRIMINAL_CLOCKS_PATCH } from '../domain/criminal-clocks';
import { PAUSE_TIMING_PATCH } from '../domain/engine-timing';
import { LAW_CORRECTIONS_PATCH } from '../domain/law-corrections';
import { PUBLIC_ORDER_PATCH } from '../domain/public-order';
import { escalationLadders, stepWriters, writeStep } from './engine';
import { inArrivalOrder } from './one-at-a-time';
import { outsideRequest } from './request-scope';
import { refuse } from './views';

export type { NewCase };

/** What an Update answers: the version of the case it produced (the read model shows it). */
export interface CaseStepResult {
  caseId: string;
  version: number;
  /** The request had been applied before: nothing was done again. */
  duplicate?: boolean;
}

/** The state a run hands to the next: the model, and whether it comes from the first engine. */
export interface CarriedCase {
  model: CaseModel;
  /** Carried over from a case that ran on caseWorkflow (the first engine): its rows are adopted. */
  adopted?: boolean;
}

export const caseCommandUpdate = defineUpdate<CaseStepResult, [CaseCommand]>('caseCommand');
/** Answers once the case's first step is written, so that whoever waits for it can read the case. */
export const caseOpenedUpdate = defineUpdate<CaseStepResult, []>('caseOpened');

export async function caseWorkflowV2(input: NewCase, carried?: CarriedCase): Promise<void> {
  const settings: CaseSettings = {
    ...(input.policyOverrides ? { policyOverrides: input.policyOverrides } : {}),
    // Runs recorded before pauses were bounded keep the rules they were decided under.
    pauseTimingRules: patched(PAUSE_TIMING_PATCH),
    // Runs recorded before the corrections of 2026 keep the rules they were decided under.
    lawCorrections: patched(LAW_CORRECTIONS_PATCH),
    // Runs recorded before the criminal side's clocks keep the rules they were decided under.
    criminalClocks: patched(CRIMINAL_CLOCKS_PATCH),
    // Runs recorded before approvals keep deciding without them.
    approvals: patched(APPROVALS_PATCH),
    // Runs recorded before the public-order procedure keep deciding without it.
    publicOrder: patched(PUBLIC_ORDER_PATCH),
  };
  let state: CaseModel | undefined = carried?.model;
  let stopping = false;
  const serially = inArrivalOrder(() => state !== undefined);

  /**
   * Writes one step; the state changes only once the write succeeded. False: a lost workflow task
   * had written a step at this version, and its state is taken instead: decide again from it.
   */
  const commit = async (next: { state: CaseModel; effects: CaseEffect[] }, opening = false) => {
    const outcome = await writeStep(() =>
      stepWriters().recordCaseStep({
        row: caseRow(next.state),
        effects: next.effects,
        opening,
        state: next.state,
      }),
    );
    state = outcome.written ? next.state : outcome.state;
    return outcome.written;
  };

  setHandler(
    caseCommandUpdate,
    (command) =>
      serially(async (): Promise<CaseStepResult> => {
        for (;;) {
          const decision = decide(state!, command, settings);
          if (!decision.ok) return refuse(decision.reason);
          if (decision.duplicate)
            return { caseId: input.caseId, version: decision.version, duplicate: true };
          if (await commit(decision))
            return { caseId: input.caseId, version: decision.state.version };
        }
      }),
    {
      validator: (command) => {
        if (!state) return; // still opening: the handler decides once it is open
        const decision = decide(state, command, settings);
        if (!decision.ok) refuse(decision.reason);
      },
    },
  );

  // Waits its turn like any Update, so it is answered after the opening step (and whatever came
  // before it); it changes nothing.
  setHandler(caseOpenedUpdate, () =>
    serially(async (): Promise<CaseStepResult> => ({
      caseId: input.caseId,
      version: state!.version,
    })),
  );

  /** The escalation ladders fire through the same one-at-a-time path as the Updates. */
  const ladders = () =>
    escalationLadders(
      () => state,
      () => stopping,
      (now) =>
        serially(async () => {
          for (;;) {
            const next = rungsDue(state!, { type: 'RUNGS_DUE', at: now }, settings);
            if (!next || (await commit(next))) return;
          }
        }),
    );

  if (!carried) {
    await commit(openCase(input, settings), true);
  } else if (carried.adopted) {
    await commit(adoptCase(carried.model, Date.now(), settings));
  }
  const laddersDone = outsideRequest(ladders);

  const shouldContinueAsNew = () =>
    workflowInfo().continueAsNewSuggested ||
    (input.continueAsNewAfterEvents !== undefined &&
      workflowInfo().historyLength >= input.continueAsNewAfterEvents);

  await condition(() => state!.stage === 'ARCHIVED' || shouldContinueAsNew());
  // Drain: the rung being written and every Update in progress finish before the run ends.
  stopping = true;
  await laddersDone;
  await condition(allHandlersFinished);
  if (state!.stage !== 'ARCHIVED') {
    await continueAsNew<typeof caseWorkflowV2>(input, { model: state! });
  }
}
