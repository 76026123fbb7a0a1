// The information request's engine as one pure function, the same shape as the alarm's and the
// case's: decide(state, command) → the next state and the effects to record, or the rule that
// refuses. A request opens two clocks at its receipt: the answer (INFO_DISCLOSURE, 20 working
// days) and the review that asks for a correction or finds the request clear (7 working days). A
// correction closes the answer's clock; the corrected application opens it anew. A consultation
// holds the answer's ladder until it ends, then its working days are taken out of the period.
import type { Clock, ClockEffect } from './clocks';
import type { Period } from './deadline-policies';
import { formatShanghai } from './deadlines';
import { extensionRefusal, nextExtension, type EscalationLevel } from './escalation';
import {
  answerRefusal,
  CONSULTEES,
  FINAL_INFO_REQUEST_STAGES,
  INFO_REQUEST_ACTIONS,
  INFO_REQUEST_STAGES,
  INFO_STEP_STAGES,
  infoRoleRefusal,
  type Consultee,
  type InfoAnswerType,
  type InfoRequestChannel,
  type InfoRequestStage,
  type NewInfoRequest,
} from './info-request';
import {
  acknowledgeWith,
  decideWith,
  recordEvent,
  rungsDueWith,
  stageRefusal,
  type DecidedCommand,
  SubjectTransition,
  type Decision,
  type DecidedModel,
} from './steps';

/** The request's steps, each with its task's name. */
export const ANSWER_STEP = { step: 'ANSWER', policy: 'INFO_DISCLOSURE' } as const;
export const CORRECTION_REVIEW_STEP = {
  step: 'CORRECTION_REVIEW',
  policy: 'INFO_CORRECTION_NOTICE',
} as const;
export const THIRD_PARTY_STEP = {
  step: 'THIRD_PARTY_OPINION',
  policy: 'INFO_THIRD_PARTY_OPINION',
} as const;

export interface InfoRequestModel extends DecidedModel {
  requestId: string;
  unitId: string;
  stage: InfoRequestStage;
  channel: InfoRequestChannel;
  receivedAt: number;
  /** When the request was found clear or treated as such: no correction may be asked after. */
  clearAt?: number;
  correction?: { sentAt: number; matters: string; correctBy: number; receivedAt?: number };
  /** The consultation in progress: the answer's ladder waits for its end. */
  consultation?: { consultee: Consultee; party: string; from: number };
  consultations: number;
  extension?: { period: Period; approvedBy: string; at: number; reason: string };
  answer?: { type: InfoAnswerType; at: number; dueAt: number; reason?: string };
  closedAt?: number;
}

type Command = DecidedCommand;

export type InfoRequestCommand =
  | (Command & { type: 'APPLICATION_CLEAR' })
  | (Command & { type: 'CORRECTION_REQUESTED'; matters: string; correctBy: number })
  | (Command & { type: 'CORRECTED_APPLICATION_RECEIVED' })
  | (Command & { type: 'ABANDONED' })
  | (Command & { type: 'WITHDRAWN'; reason?: string })
  | (Command & { type: 'CONSULTATION_STARTED'; consultee: Consultee; party: string })
  | (Command & { type: 'CONSULTATION_ENDED'; outcome?: string })
  | (Command & { type: 'EXTENDED'; period?: Period; reason: string })
  | (Command & { type: 'ANSWERED'; answerType: InfoAnswerType; reason?: string })
  | (Command & { type: 'ACKNOWLEDGE'; taskId: string; level: EscalationLevel; note?: string });

export type InfoRequestEffect = ClockEffect;

class Transition extends SubjectTransition<InfoRequestModel> {
  constructor(previous: InfoRequestModel) {
    super(previous, previous.requestId);
  }

  answerClock(): Clock | undefined {
    return this.state.clocks.find((c) => c.step === ANSWER_STEP.step);
  }

  /** A new due time for the answer; during a consultation its ladder keeps waiting. */
  reschedule(clock: Clock) {
    this.clocks.recompute(clock);
    if (this.state.consultation) this.hold(clock);
  }

  /** Holds the answer's ladder while a consultation runs: no rung fires until it ends. */
  hold(clock: Clock) {
    clock.rungs = [];
    this.effects.push({
      type: 'TASK_RESCHEDULED',
      task: { ...this.clocks.taskRecord(clock), rungs: [] },
    });
  }
}

/** A new request: its row, its INFO_REQUESTED event, and its answer and review clocks. */
export function openInfoRequest(request: NewInfoRequest): {
  state: InfoRequestModel;
  effects: InfoRequestEffect[];
} {
  const t = new Transition({
    requestId: request.requestId,
    unitId: request.unitId,
    stage: 'IN_PROGRESS',
    channel: request.channel,
    receivedAt: request.receivedAt,
    consultations: 0,
    lastEventAt: request.receivedAt,
    clocks: [],
    stepInstances: {},
    escalations: [],
    version: 0,
    applied: [],
    ...(request.policyOverrides ? { policyOverrides: request.policyOverrides } : {}),
  });
  t.audit(request.registeredBy, 'INFO_REQUESTED', request.registeredAt, {
    data: { channel: request.channel, receivedAt: new Date(request.receivedAt).toISOString() },
  });
  t.clocks.open(ANSWER_STEP, 'STAGE', request.receivedAt);
  t.clocks.open(CORRECTION_REVIEW_STEP, 'STAGE', request.receivedAt);
  return t.done();
}

/** Fires every rung due by `at`; nothing when none is due. */
export function infoRequestRungsDue(
  state: InfoRequestModel,
  at: number,
): { state: InfoRequestModel; effects: InfoRequestEffect[] } | undefined {
  return rungsDueWith(new Transition(state), at);
}

export function decideInfoRequest(
  state: InfoRequestModel,
  command: InfoRequestCommand,
): Decision<InfoRequestModel> {
  return decideWith(
    state,
    command.requestId,
    () => new Transition(state),
    (t) => apply(t, command),
  );
}

/** The workflow ends once the request is answered, abandoned or withdrawn, with no clock open. */
export const infoRequestEnded = (state: InfoRequestModel): boolean =>
  FINAL_INFO_REQUEST_STAGES.includes(state.stage) && state.clocks.length === 0;

const stageIs = (s: InfoRequestModel, stages: readonly InfoRequestStage[], what: string) =>
  stageRefusal(s.stage, stages, INFO_REQUEST_STAGES, what, 'request');

function apply(t: Transition, command: InfoRequestCommand): string | undefined {
  const s = t.state;
  if (command.type === 'ACKNOWLEDGE') return acknowledgeWith(t, command);
  return recordEvent(
    t,
    command,
    {
      label: `${INFO_REQUEST_ACTIONS[command.type].label} (${command.type})`,
      roleRefusal: infoRoleRefusal(command.type, command.actor.role),
      closedRefusal: FINAL_INFO_REQUEST_STAGES.includes(s.stage)
        ? `This request is ${s.stage} (${INFO_REQUEST_STAGES[s.stage]}): nothing more is recorded on it.`
        : undefined,
      subject: 'request',
    },
    (when) => decideCommand(t, command, when),
  );
}

/** The review of the request is settled: it was found clear, or treated as such. */
function settleReview(t: Transition, when: number) {
  t.state.clearAt ??= when;
  t.clocks.close((c) => c.step === CORRECTION_REVIEW_STEP.step, when);
}

function decideCommand(
  t: Transition,
  command: Exclude<InfoRequestCommand, { type: 'ACKNOWLEDGE' }>,
  when: number,
): string | undefined {
  const s = t.state;
  switch (command.type) {
    case 'APPLICATION_CLEAR': {
      if (s.clearAt !== undefined || s.correction)
        return `The request's review is already settled (${s.correction ? 'a correction was asked' : `found clear on ${formatShanghai(s.clearAt!)}`}).`;
      settleReview(t, when);
      t.audit(command.actor, 'INFO_APPLICATION_CLEAR', command.at);
      return undefined;
    }
    case 'CORRECTION_REQUESTED': {
      // 一次性告知: once, within 7 working days of receipt, while the review is open (Art. 30).
      if (s.correction)
        return 'A correction (补正) is asked once (一次性告知, Art. 30); it was already asked.';
      if (s.clearAt !== undefined)
        return `The request was treated as clear on ${formatShanghai(s.clearAt)}: a correction (补正) can no longer be asked.`;
      const review = s.clocks.find((c) => c.step === CORRECTION_REVIEW_STEP.step)!;
      if (when > review.dueAt)
        return `A correction (补正) is asked within 7 working days of receipt (Art. 30), by ${formatShanghai(review.dueAt)}; ${formatShanghai(when)} is too late: answer the request as it is.`;
      if (!command.matters.trim())
        return 'A correction (补正) names the matters to correct (需要补正的事项): give matters.';
      if (command.correctBy <= when)
        return `correctBy (${new Date(command.correctBy).toISOString()}) must give the applicant a reasonable time after the notice (合理的补正期限).`;
      t.clocks.close((c) => c.step === CORRECTION_REVIEW_STEP.step, when);
      // The answer is counted from the corrected application (Art. 30): this clock ends here.
      t.clocks.close((c) => c.step === ANSWER_STEP.step, when);
      s.correction = {
        sentAt: when,
        matters: command.matters.trim(),
        correctBy: command.correctBy,
      };
      s.stage = 'AWAITING_CORRECTION';
      t.audit(command.actor, 'INFO_CORRECTION_REQUESTED', when, {
        data: {
          matters: s.correction.matters,
          correctBy: new Date(command.correctBy).toISOString(),
        },
      });
      return undefined;
    }
    case 'CORRECTED_APPLICATION_RECEIVED': {
      const stage = stageIs(
        s,
        INFO_STEP_STAGES.CORRECTED_APPLICATION_RECEIVED,
        'A corrected application (补正后的申请)',
      );
      if (stage) return stage;
      s.correction!.receivedAt = when;
      s.clearAt = when;
      s.stage = 'IN_PROGRESS';
      t.clocks.open(ANSWER_STEP, 'STAGE', when);
      t.audit(command.actor, 'INFO_CORRECTED_APPLICATION_RECEIVED', when);
      return undefined;
    }
    case 'ABANDONED': {
      const stage = stageIs(s, INFO_STEP_STAGES.ABANDONED, 'Abandonment (视为放弃申请)');
      if (stage) return stage;
      if (when <= s.correction!.correctBy)
        return `The applicant has until ${formatShanghai(s.correction!.correctBy)} to correct the request (the period the notice set); only after it is the request deemed abandoned (Art. 30).`;
      s.stage = 'ABANDONED';
      s.closedAt = when;
      t.audit(command.actor, 'INFO_REQUEST_ABANDONED', when);
      return undefined;
    }
    case 'WITHDRAWN': {
      t.clocks.close(() => true, when);
      s.consultation = undefined;
      s.stage = 'WITHDRAWN';
      s.closedAt = when;
      t.audit(command.actor, 'INFO_REQUEST_WITHDRAWN', when, { reason: command.reason });
      return undefined;
    }
    case 'CONSULTATION_STARTED': {
      const stage = stageIs(s, INFO_STEP_STAGES.CONSULTATION_STARTED, 'A consultation (征求意见)');
      if (stage) return stage;
      if (!Object.hasOwn(CONSULTEES, command.consultee))
        return `consultee must be one of ${Object.keys(CONSULTEES).join(', ')}, not ${command.consultee}.`;
      if (!command.party.trim()) return 'A consultation names whom it asks: give party.';
      settleReview(t, when);
      const answer = t.answerClock()!;
      // Rungs due before the consultation began still fire; the rest wait for its end.
      t.clocks.fireDue(when);
      s.consultation = { consultee: command.consultee, party: command.party.trim(), from: when };
      s.consultations += 1;
      s.stage = 'CONSULTING';
      t.hold(answer);
      if (command.consultee === 'THIRD_PARTY') t.clocks.open(THIRD_PARTY_STEP, 'STAGE', when);
      t.audit(command.actor, 'INFO_CONSULTATION_STARTED', when, {
        data: { consultee: command.consultee, party: s.consultation.party },
      });
      return undefined;
    }
    case 'CONSULTATION_ENDED': {
      const stage = stageIs(
        s,
        INFO_STEP_STAGES.CONSULTATION_ENDED,
        'The end of a consultation (征求意见结束)',
      );
      if (stage) return stage;
      const consultation = s.consultation!;
      t.clocks.close((c) => c.step === THIRD_PARTY_STEP.step, when);
      const answer = t.answerClock()!;
      answer.pauses.push({
        from: consultation.from,
        to: when,
        reason: CONSULTEES[consultation.consultee].pause,
      });
      s.consultation = undefined;
      s.stage = 'IN_PROGRESS';
      t.reschedule(answer);
      t.audit(command.actor, 'INFO_CONSULTATION_ENDED', when, {
        reason: command.outcome,
        data: { consultee: consultation.consultee, party: consultation.party },
      });
      return undefined;
    }
    case 'EXTENDED': {
      const stage = stageIs(s, INFO_STEP_STAGES.EXTENDED, 'An extension (延长答复期限)');
      if (stage) return stage;
      const answer = t.answerClock()!;
      const policy = t.policy(answer.policyCode);
      // Without a period, the most the law allows (20 working days).
      const granted = answer.extensions.length;
      const period = command.period ?? nextExtension(policy, granted)?.upTo ?? policy.period;
      const refusal = extensionRefusal(policy, granted, period, command.actor.role);
      if (refusal) return refusal;
      if (when > answer.dueAt)
        return `The extension is approved and told to the applicant before the answer is due (${formatShanghai(answer.dueAt)}, Art. 33); the period has run out.`;
      if (!command.reason.trim()) return 'An extension states its reason: give reason.';
      settleReview(t, when);
      answer.extensions.push(period);
      s.extension = {
        period: period,
        approvedBy: command.actor.id,
        at: when,
        reason: command.reason.trim(),
      };
      t.reschedule(answer);
      t.audit(command.actor, 'DEADLINE_EXTENDED', when, {
        reason: s.extension.reason,
        data: {
          taskId: answer.taskId,
          length: period.length,
          unit: period.unit,
          calendar: period.calendar ?? 'NATURAL',
        },
      });
      return undefined;
    }
    case 'ANSWERED': {
      if (s.stage === 'AWAITING_CORRECTION')
        return 'The request awaits its correction (待补正): record the corrected application, or its abandonment once the period set for it has passed.';
      if (s.stage === 'CONSULTING')
        return 'A consultation (征求意见) is in progress: record its end first (its time is taken out of the answer period).';
      const answerRefused = answerRefusal(command.answerType, command.reason);
      if (answerRefused) return answerRefused;
      const answer = t.answerClock()!;
      s.clearAt ??= when;
      t.clocks.close(() => true, when);
      s.answer = {
        type: command.answerType,
        at: when,
        dueAt: answer.dueAt,
        ...(command.reason?.trim() ? { reason: command.reason.trim() } : {}),
      };
      s.stage = 'ANSWERED';
      s.closedAt = when;
      t.audit(command.actor, 'INFO_REQUEST_ANSWERED', when, {
        reason: s.answer.reason,
        data: { answerType: command.answerType, onTime: when <= answer.dueAt },
      });
      return undefined;
    }
  }
}

/** The request's row in the read model as of this version. */
export function infoRequestRow(state: InfoRequestModel) {
  const answer = state.clocks.find((c) => c.step === ANSWER_STEP.step);
  return {
    requestId: state.requestId,
    unitId: state.unitId,
    stage: state.stage,
    clearAt: state.clearAt,
    correctionSentAt: state.correction?.sentAt,
    correctionMatters: state.correction?.matters,
    correctBy: state.correction?.correctBy,
    correctedReceivedAt: state.correction?.receivedAt,
    consultingSince: state.consultation?.from,
    consultee: state.consultation?.consultee,
    consultedParty: state.consultation?.party,
    consultations: state.consultations,
    extension: state.extension,
    /** The answer's due time in force, or when answered, the one it was answered against. */
    answerDueAt: answer?.dueAt ?? state.answer?.dueAt,
    answerType: state.answer?.type,
    answerReason: state.answer?.reason,
    answeredAt: state.answer?.at,
    closedAt: state.closedAt,
    version: state.version,
  };
}

export type InfoRequestRow = ReturnType<typeof infoRequestRow>;

export interface InfoRequestStep {
  row: InfoRequestRow;
  effects: InfoRequestEffect[];
  /** The first step: the request's row is created with what was received. */
  opening?: NewInfoRequest;
  /** The state the step makes, kept beside the row so that a lost workflow task's step is taken. */
  state: InfoRequestModel;
}
