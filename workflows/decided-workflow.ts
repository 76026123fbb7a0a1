// The shell of a workflow whose subject is decided by a pure decider of domain/ (an information
// request, a reconsideration or lawsuit): each command an Update that writes one step in one
// transaction (a local activity), the ladders waiting for each rung's instant on the workflow's
// clock. It ends once the decider says the subject has ended and every step in progress finished.
import {
  allHandlersFinished,
  condition,
  setHandler,
  type defineUpdate,
} from '@temporalio/workflow';
import type { ClockEffect } from '../domain/clocks';
import type { DecidedModel, Decision, StepOutcome } from '../domain/steps';
import { escalationLadders, writeStep } from './engine';
import { inArrivalOrder } from './one-at-a-time';
import { outsideRequest } from './request-scope';
import { refuse } from './views';

type Step<Model> = { state: Model; effects: ClockEffect[] };
type UpdateDefinition<Result, Args extends unknown[]> = ReturnType<
  typeof defineUpdate<Result, Args>
>;

export interface DecidedSubject<Model extends DecidedModel, Command, Result> {
  /** The first step, from what the workflow was started with. */
  open: () => Step<Model>;
  decide: (state: Model, command: Command) => Decision<Model>;
  rungsDue: (state: Model, now: number) => Step<Model> | undefined;
  ended: (state: Model) => boolean;
  /** Writes a step (the opening one with `opening`) through the local-activity step writer. */
  write: (next: Step<Model>, opening: boolean) => Promise<StepOutcome<Model, unknown> | void>;
  /** What an Update answers: the version it produced, or found when a duplicate. */
  result: (version: number, duplicate: boolean) => Result;
  commandUpdate: UpdateDefinition<Result, [Command]>;
  /** Answers once the first step is written (sent with the start: update-with-start). */
  openedUpdate: UpdateDefinition<Result, []>;
}

export async function runDecidedWorkflow<Model extends DecidedModel, Command, Result>(
  subject: DecidedSubject<Model, Command, Result>,
): Promise<void> {
  let state: Model | undefined;
  let stopping = false;
  const serially = inArrivalOrder(() => state !== undefined);

  /** Writes one step. False: a lost workflow task had written a step at this version; its
   * state is taken, so decide again from it. */
  const commit = async (next: Step<Model>, opening = false) => {
    const outcome = await writeStep(() => subject.write(next, opening));
    state = outcome.written ? next.state : outcome.state;
    return outcome.written;
  };

  setHandler(
    subject.commandUpdate,
    (command) =>
      serially(async (): Promise<Result> => {
        for (;;) {
          const decision = subject.decide(state!, command);
          if (!decision.ok) return refuse(decision.reason);
          if (decision.duplicate) return subject.result(decision.version, true);
          if (await commit(decision)) return subject.result(decision.state.version, false);
        }
      }),
    {
      validator: (command) => {
        if (!state) return; // still opening: the handler decides once it is open
        const decision = subject.decide(state, command);
        if (!decision.ok) refuse(decision.reason);
      },
    },
  );

  setHandler(subject.openedUpdate, () =>
    serially(async (): Promise<Result> => subject.result(state!.version, false)),
  );

  await commit(subject.open(), true);
  const laddersDone = outsideRequest(() =>
    escalationLadders(
      () => state,
      () => stopping,
      (now) =>
        serially(async () => {
          for (;;) {
            const next = subject.rungsDue(state!, now);
            if (!next || (await commit(next))) return;
          }
        }),
    ),
  );

  await condition(() => subject.ended(state!));
  stopping = true;
  await laddersDone;
  await condition(allHandlersFinished);
}
