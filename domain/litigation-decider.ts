// The reconsideration's or lawsuit's engine as one pure function, like the information request's:
// decide(state, command) → the next state and the effects to record, or the rule that refuses.
// Registration opens the answer's clock (the reply or the defence); the answer closes it; court
// sessions record who appeared; the outcome closes the matter, or leaves it awaiting its
// performance (履行) when the bureau owes something, until that is recorded.
import type { ClockEffect } from './clocks';
import type { EscalationLevel } from './escalation';
import {
  appearanceRefusal,
  MATTER_ACTIONS,
  MATTER_KINDS,
  MATTER_STAGES,
  MATTER_STEP_STAGES,
  matterRoleRefusal,
  OUTCOMES,
  OUTCOMES_BEFORE_ANSWER,
  outcomeRefusal,
  type Appearance,
  type MatterKind,
  type MatterStage,
  type NamedPerson,
  type NewMatter,
  type Outcome,
} from './litigation';
import {
  acknowledgeWith,
  decideWith,
  recordEvent,
  rungsDueWith,
  stageRefusal,
  type DecidedCommand,
  SubjectTransition,
  type DecidedModel,
  type Decision,
} from './steps';

export interface MatterModel extends DecidedModel {
  matterId: string;
  unitId: string;
  kind: MatterKind;
  stage: MatterStage;
  copyReceivedAt: number;
  /** The answer (reply or defence) submitted, and the due time it was submitted against. */
  answer?: { at: number; dueAt: number; note?: string };
  hearings: Appearance[];
  outcome?: { code: Outcome; at: number; documentNumber?: string; note?: string };
  performance?: { at: number; note: string };
  closedAt?: number;
}

type Command = DecidedCommand;

export type MatterCommand =
  | (Command & { type: 'ANSWER_SUBMITTED'; note?: string })
  | (Command & {
      type: 'HEARING_RECORDED';
      leaderAppeared: boolean;
      leader: NamedPerson;
      officer?: NamedPerson;
      reason?: string;
    })
  | (Command & { type: 'DECIDED'; outcome: Outcome; documentNumber?: string; note?: string })
  | (Command & { type: 'CARRIED_OUT'; note: string })
  | (Command & { type: 'ACKNOWLEDGE'; taskId: string; level: EscalationLevel; note?: string });

class Transition extends SubjectTransition<MatterModel> {
  constructor(previous: MatterModel) {
    super(previous, previous.matterId);
  }
}

const answerStep = (kind: MatterKind) => MATTER_KINDS[kind].step;

/** A new matter: its row, its MATTER_REGISTERED event, and the answer's clock from the copy. */
export function openMatter(matter: NewMatter): { state: MatterModel; effects: ClockEffect[] } {
  const t = new Transition({
    matterId: matter.matterId,
    unitId: matter.unitId,
    kind: matter.kind,
    stage: 'RESPONDING',
    copyReceivedAt: matter.copyReceivedAt,
    hearings: [],
    lastEventAt: matter.copyReceivedAt,
    clocks: [],
    stepInstances: {},
    escalations: [],
    version: 0,
    applied: [],
    ...(matter.policyOverrides ? { policyOverrides: matter.policyOverrides } : {}),
  });
  t.audit(matter.registeredBy, 'MATTER_REGISTERED', matter.registeredAt, {
    data: {
      kind: matter.kind,
      copyReceivedAt: new Date(matter.copyReceivedAt).toISOString(),
      ...(matter.decision.caseId ? { caseId: matter.decision.caseId } : {}),
      ...(matter.decision.documentNumber ? { documentNumber: matter.decision.documentNumber } : {}),
    },
  });
  t.clocks.open(answerStep(matter.kind), 'STAGE', matter.copyReceivedAt);
  return t.done();
}

export function matterRungsDue(
  state: MatterModel,
  at: number,
): { state: MatterModel; effects: ClockEffect[] } | undefined {
  return rungsDueWith(new Transition(state), at);
}

export function decideMatter(state: MatterModel, command: MatterCommand): Decision<MatterModel> {
  return decideWith(
    state,
    command.requestId,
    () => new Transition(state),
    (t) => apply(t, command),
  );
}

/** The workflow ends once the matter is closed, with no clock open. */
export const matterEnded = (state: MatterModel): boolean =>
  state.stage === 'CLOSED' && state.clocks.length === 0;

const stageIs = (s: MatterModel, stages: readonly MatterStage[], what: string) =>
  stageRefusal(s.stage, stages, MATTER_STAGES, what, 'matter');

function apply(t: Transition, command: MatterCommand): string | undefined {
  const s = t.state;
  if (command.type === 'ACKNOWLEDGE') return acknowledgeWith(t, command);
  return recordEvent(
    t,
    command,
    {
      label: `${MATTER_ACTIONS[command.type].label} (${command.type})`,
      roleRefusal: matterRoleRefusal(command.type, command.actor.role),
      closedRefusal:
        s.stage === 'CLOSED'
          ? `This ${MATTER_KINDS[s.kind].label} is CLOSED (${MATTER_STAGES.CLOSED}): nothing more is recorded on it.`
          : undefined,
      subject: 'matter',
    },
    (when) => decideCommand(t, command, when),
  );
}

function decideCommand(
  t: Transition,
  command: Exclude<MatterCommand, { type: 'ACKNOWLEDGE' }>,
  when: number,
): string | undefined {
  const s = t.state;
  const kind = MATTER_KINDS[s.kind];
  switch (command.type) {
    case 'ANSWER_SUBMITTED': {
      const stage = stageIs(s, MATTER_STEP_STAGES.ANSWER_SUBMITTED, `The ${kind.answer}`);
      if (stage) return stage;
      const clock = s.clocks.find((c) => c.step === kind.step.step)!;
      t.clocks.close((c) => c.step === kind.step.step, when);
      const note = command.note?.trim();
      s.answer = { at: when, dueAt: clock.dueAt, ...(note ? { note } : {}) };
      s.stage = 'PENDING_DECISION';
      t.audit(command.actor, 'MATTER_ANSWER_SUBMITTED', when, {
        reason: note,
        data: { onTime: when <= clock.dueAt, dueAt: new Date(clock.dueAt).toISOString() },
      });
      return undefined;
    }
    case 'HEARING_RECORDED': {
      const stage = stageIs(s, MATTER_STEP_STAGES.HEARING_RECORDED, 'A court session (开庭)');
      if (stage) return stage;
      const refusal = appearanceRefusal(s.kind, command);
      if (refusal) return refusal;
      const reason = command.reason?.trim();
      const appearance: Appearance = {
        hearingAt: when,
        leaderAppeared: command.leaderAppeared,
        leader: command.leader,
        ...(!command.leaderAppeared && command.officer ? { officer: command.officer } : {}),
        ...(!command.leaderAppeared && reason ? { reason } : {}),
      };
      s.hearings.push(appearance);
      t.audit(command.actor, 'MATTER_HEARING_RECORDED', when, {
        reason: appearance.reason,
        data: {
          leaderAppeared: command.leaderAppeared,
          leader: `${command.leader.name}（${command.leader.post}）`,
          ...(appearance.officer
            ? { officer: `${appearance.officer.name}（${appearance.officer.post}）` }
            : {}),
        },
      });
      return undefined;
    }
    case 'DECIDED': {
      const wrong = outcomeRefusal(command.outcome, s.kind);
      if (wrong) return wrong;
      if (s.stage === 'RESPONDING' && !OUTCOMES_BEFORE_ANSWER.includes(command.outcome))
        return `The ${kind.answer} is not yet recorded: record it first (the ${kind.forum} decides on it); only ${OUTCOMES_BEFORE_ANSWER.join(' or ')} ends a matter before it.`;
      const stage = stageIs(s, MATTER_STEP_STAGES.DECIDED, 'The outcome (结果)');
      if (stage) return stage;
      t.clocks.close(() => true, when);
      const note = command.note?.trim();
      const documentNumber = command.documentNumber?.trim();
      s.outcome = {
        code: command.outcome,
        at: when,
        ...(documentNumber ? { documentNumber } : {}),
        ...(note ? { note } : {}),
      };
      const { against, performance } = OUTCOMES[command.outcome];
      if (performance) s.stage = 'AWAITING_PERFORMANCE';
      else {
        s.stage = 'CLOSED';
        s.closedAt = when;
      }
      t.audit(command.actor, 'MATTER_DECIDED', when, {
        reason: note,
        data: {
          outcome: command.outcome,
          against,
          ...(documentNumber ? { documentNumber } : {}),
        },
      });
      return undefined;
    }
    case 'CARRIED_OUT': {
      const stage = stageIs(s, MATTER_STEP_STAGES.CARRIED_OUT, 'The performance (履行)');
      if (stage) return stage;
      const note = command.note.trim();
      if (!note)
        return 'Say what was done to carry out the decision (e.g. 已撤销原处罚决定并退还罚款): give note.';
      s.performance = { at: when, note };
      s.stage = 'CLOSED';
      s.closedAt = when;
      t.audit(command.actor, 'MATTER_CARRIED_OUT', when, { reason: note });
      return undefined;
    }
  }
}

/** The matter's row in the read model as of this version. */
export function matterRow(state: MatterModel) {
  const clock = state.clocks.find((c) => c.step === MATTER_KINDS[state.kind].step.step);
  return {
    matterId: state.matterId,
    unitId: state.unitId,
    stage: state.stage,
    /** The answer's due time in force, or when answered, the one it was answered against. */
    answerDueAt: clock?.dueAt ?? state.answer?.dueAt,
    answeredAt: state.answer?.at,
    answerNote: state.answer?.note,
    hearings: state.hearings,
    outcome: state.outcome?.code,
    decidedAt: state.outcome?.at,
    outcomeDocument: state.outcome?.documentNumber,
    outcomeNote: state.outcome?.note,
    carriedOutAt: state.performance?.at,
    carriedOutNote: state.performance?.note,
    closedAt: state.closedAt,
    version: state.version,
  };
}

export type MatterRow = ReturnType<typeof matterRow>;

export interface MatterStep {
  row: MatterRow;
  effects: ClockEffect[];
  /** The first step: the matter's row is created with what was registered. */
  opening?: NewMatter;
  /** The state the step makes, kept beside the row so that a lost workflow task's step is taken. */
  state: MatterModel;
}
