// The alarm engine's rules as one pure function, the same shape as the case's: decide(state,
// command) → the next state and the effects to record, or the rule that refuses. An alarm opens
// two clocks when it is received (arrival by its response tier, and same-day disposal, 日清日结);
// the arrival completes the first, a disposition both. Under the alarm-side rules (ALARM_SIDE_PATCH)
// a transfer runs the 24-hour handover clock until the agency's receipt is recorded, and a report
// handled on the scene first runs the 24-hour registration clock until it becomes a case.
import {
  alarmSource,
  arrivalPolicy,
  arrivalRefusal,
  dispositionRefusal,
  handoverRefusal,
  sceneHandledRefusal,
  type Actor,
  type AlarmCategory,
  type AlarmStage,
  type Disposition,
  type DispositionRequest,
  type HandoverRequest,
  type NewAlarm,
  type ResponseTier,
} from './alarm';
import { dispositionApproval } from './approvals';
import {
  ClockKeeper,
  SYSTEM_ACTOR,
  withEscalationAudits,
  type ClockBook,
  type ClockEffect,
} from './clocks';
import { Proposals, type Proposal } from './proposals';
import type { NewCase } from './case-decider';
import { appliedBefore, auditRecorder, remember, type AppliedRequests } from './steps';
import { resolvePolicy, type PolicyCode, type PolicyOverrides } from './deadline-policies';
import type { EscalationLevel } from './escalation';

/** The steps an alarm opens when it is received, each with its task's name. */
export const alarmSteps = (tier: ResponseTier): Array<{ step: string; policy: PolicyCode }> => [
  { step: 'ARRIVAL', policy: arrivalPolicy(tier) },
  { step: 'DISPOSAL', policy: 'ALARM_DISPOSAL' },
];

/** The steps the alarm-side rules open after the first two, each with its task's name. */
export const TRANSFER_STEP = { step: 'TRANSFER', policy: 'TRANSFER_TO_AGENCY' } as const;
export const REGISTRATION_STEP = { step: 'REGISTRATION', policy: 'REGISTER_REPORT' } as const;

/** The patch id under which an alarm is decided with the alarm-side rules (issue 11 item 2). */
export const ALARM_SIDE_PATCH = 'alarm-side-2026';

export interface AlarmSettings {
  /**
   * The alarm-side rules: the transfer's handover clock and the registration after the scene.
   * Off only for runs recorded before them, so that they replay and keep the rules they ran under.
   */
  alarmSide?: boolean;
  /**
   * A crime report's transfer is proposed and approved by the bureau's leader (审批,
   * domain/approvals.ts). Off only for runs recorded before approvals.
   */
  approvals?: boolean;
}

/** What an alarm's proposal is about: its transfer to the competent agency. */
export type AlarmProposalSubject = {
  type: 'DISPOSE';
  disposition: 'TRANSFERRED';
  agency: string;
  reason?: string;
};

export interface AlarmModel extends ClockBook {
  alarmId: string;
  stage: AlarmStage;
  category: AlarmCategory;
  responseTier: ResponseTier;
  unitId: string;
  receivedAt: number;
  disposition?: {
    code: Disposition;
    at: number;
    reason?: string;
    agency?: string;
    caseId?: string;
  };
  /** When the scene handling was recorded, the report still to be registered. */
  sceneHandledAt?: number;
  /** Who received a transferred alarm at the competent agency, and when. */
  handover?: { receivedBy: string; agency: string; at: number };
  /** A transfer proposed and waiting for the bureau leader's approval (审批). */
  proposals?: Array<Proposal<AlarmProposalSubject>>;
  version: number;
  applied: AppliedRequests;
  policyOverrides?: PolicyOverrides;
}

interface Command {
  actor: Actor;
  at: number;
  requestId?: string;
}

/** The ids a converted alarm's case gets, minted by the API (a retry keeps the first ones). */
interface NewCaseIds {
  caseId: string;
  queryCode: string;
}

export type AlarmCommand =
  | (Command & { type: 'ARRIVE' })
  | (Command &
      Omit<DispositionRequest, 'actor' | 'at'> & { type: 'DISPOSE'; newCaseIds?: NewCaseIds })
  | (Command & { type: 'ACKNOWLEDGE'; taskId: string; level: EscalationLevel; note?: string })
  | (Command & { type: 'SCENE_HANDLED' })
  | (Command & Omit<HandoverRequest, 'actor' | 'at'> & { type: 'HANDOVER' })
  | (Command & { type: 'APPROVE'; proposalId: string; note?: string })
  | (Command & { type: 'REFUSE'; proposalId: string; reason: string })
  | (Command & { type: 'WITHDRAW'; proposalId: string; reason?: string });

export type AlarmEffect = ClockEffect | { type: 'CASE_STARTED'; newCase: NewCase };

type AlarmDecision =
  | { ok: true; duplicate: false; state: AlarmModel; effects: AlarmEffect[] }
  | { ok: true; duplicate: true; version: number }
  | { ok: false; reason: string };

class AlarmTransition {
  readonly state: AlarmModel;
  readonly effects: AlarmEffect[] = [];
  readonly clocks: ClockKeeper;
  readonly audit: ReturnType<typeof auditRecorder>;

  constructor(previous: AlarmModel) {
    this.state = JSON.parse(JSON.stringify(previous)) as AlarmModel;
    this.state.version += 1;
    this.audit = auditRecorder(this.state.alarmId, this.state.version, this.effects);
    this.clocks = new ClockKeeper(
      this.state,
      this.state.alarmId,
      (code) => resolvePolicy(code, this.state.policyOverrides),
      this.effects,
    );
  }

  done() {
    return { state: this.state, effects: withEscalationAudits(this.effects) as AlarmEffect[] };
  }

  /** The transfer proposed and waiting for its approver (审批). */
  get proposals() {
    return new Proposals<AlarmProposalSubject>(
      this.state,
      this.state.alarmId,
      this.clocks,
      this.audit,
    );
  }
}

/** A new alarm: its row, its ALARM_RECEIVED event and its two clocks. */
export function openAlarm(alarm: NewAlarm): { state: AlarmModel; effects: AlarmEffect[] } {
  const t = new AlarmTransition({
    alarmId: alarm.alarmId,
    stage: 'ALARM_RECEIVED',
    category: alarm.category,
    responseTier: alarm.responseTier,
    unitId: alarm.unitId,
    receivedAt: alarm.receivedAt,
    clocks: [],
    stepInstances: {},
    escalations: [],
    version: 0,
    applied: [],
    ...(alarm.policyOverrides ? { policyOverrides: alarm.policyOverrides } : {}),
  });
  t.audit(alarm.receivedBy, 'ALARM_RECEIVED', alarm.receivedAt, {
    data: { category: alarm.category, source: alarmSource(alarm.source).code },
  });
  for (const spec of alarmSteps(alarm.responseTier))
    t.clocks.open(spec, 'STAGE', alarm.receivedAt, `${alarm.alarmId}:${spec.step}`);
  return t.done();
}

/** Fires every rung due by `at`; nothing when none is due. */
export function alarmRungsDue(
  state: AlarmModel,
  at: number,
): { state: AlarmModel; effects: AlarmEffect[] } | undefined {
  const t = new AlarmTransition(state);
  return t.clocks.fireDue(at) ? t.done() : undefined;
}

export function decideAlarm(
  state: AlarmModel,
  command: AlarmCommand,
  settings: AlarmSettings = {},
): AlarmDecision {
  const seen = appliedBefore(state.applied, command.requestId);
  if (seen !== undefined) return { ok: true, duplicate: true, version: seen };
  const t = new AlarmTransition(state);
  const refusal = apply(t, command, settings);
  if (refusal) return { ok: false, reason: refusal };
  t.state.applied = remember(t.state.applied, command.requestId, t.state.version);
  return { ok: true, duplicate: false, ...t.done() };
}

/** The alarm's workflow ends once it is disposed of and no clock of it is open. */
export const alarmEnded = (state: AlarmModel): boolean =>
  state.stage === 'DISPOSED' && state.clocks.length === 0;

const BEFORE_ALARM_SIDE = (what: string) =>
  `${what} is recorded on alarms registered under the alarm-side rules of 2026; this alarm was registered before them.`;

function apply(
  t: AlarmTransition,
  command: AlarmCommand,
  settings: AlarmSettings,
): string | undefined {
  const s = t.state;
  switch (command.type) {
    case 'ARRIVE': {
      const refusal = arrivalRefusal(s.stage, command);
      if (refusal) return refusal;
      t.clocks.close((c) => c.step === 'ARRIVAL', command.at);
      s.stage = 'ON_SCENE';
      t.audit(command.actor, 'ARRIVED', command.at);
      return undefined;
    }
    case 'DISPOSE': {
      const refusal = dispositionRefusal({ stage: s.stage, category: s.category }, command);
      if (refusal) return refusal;
      if (command.disposition === 'CONVERTED_TO_CASE' && !command.newCaseIds)
        return 'CONVERTED_TO_CASE needs the new case’s ids (caseId, queryCode).';
      const approval = settings.approvals
        ? dispositionApproval(s.category, command.disposition)
        : undefined;
      if (approval)
        return t.proposals.propose(
          command,
          approval,
          {
            type: 'DISPOSE',
            disposition: 'TRANSFERRED',
            agency: command.agency!.trim(),
            ...(command.reason ? { reason: command.reason } : {}),
          },
          {
            ...(command.reason ? { reason: command.reason } : {}),
            data: { disposition: command.disposition, agency: command.agency!.trim() },
            conflicts: () => true,
          },
        );
      // Any other disposition ends a transfer still waiting for its approval.
      for (const pending of t.proposals.pending())
        t.proposals.end(pending, 'APPROVAL_LAPSED', { actor: SYSTEM_ACTOR, at: command.at });
      return dispose(t, command, settings);
    }
    case 'APPROVE': {
      const outcome = t.proposals.approve(command);
      if ('refusal' in outcome) return outcome.refusal;
      if (!('approved' in outcome)) return undefined;
      const { proposedBy, subject } = outcome.approved;
      // The transfer is decided now: its 24 hours run from the approval.
      return dispose(
        t,
        {
          type: 'DISPOSE',
          actor: proposedBy,
          at: command.at,
          disposition: subject.disposition,
          agency: subject.agency,
          ...(subject.reason ? { reason: subject.reason } : {}),
        },
        settings,
        { approvedBy: command.actor.id, proposalId: outcome.approved.proposalId },
      );
    }
    case 'REFUSE':
    case 'WITHDRAW':
      return t.proposals.close(command);
    case 'SCENE_HANDLED': {
      if (!settings.alarmSide) return BEFORE_ALARM_SIDE('The scene handling (现场处置完毕)');
      const refusal = sceneHandledRefusal(s, command);
      if (refusal) return refusal;
      // The scene handling is the day's disposal (日清日结); the law gives the registration its
      // own 24 h from it (公安刑规 Art. 169, 171). A transfer still waiting for approval lapses.
      for (const pending of t.proposals.pending())
        t.proposals.end(pending, 'APPROVAL_LAPSED', { actor: SYSTEM_ACTOR, at: command.at });
      t.clocks.close(() => true, command.at);
      t.clocks.open(REGISTRATION_STEP, 'STAGE', command.at, `${s.alarmId}:REGISTRATION`);
      s.stage = 'PENDING_REGISTRATION';
      s.sceneHandledAt = command.at;
      t.audit(command.actor, 'SCENE_HANDLED', command.at);
      return undefined;
    }
    case 'HANDOVER': {
      if (!settings.alarmSide) return BEFORE_ALARM_SIDE('A handover (移交接收)');
      const refusal = handoverRefusal(
        {
          stage: s.stage,
          ...(s.disposition?.code === 'TRANSFERRED' ? { transferredAt: s.disposition.at } : {}),
        },
        command,
      );
      if (refusal) return refusal;
      t.clocks.close((c) => c.step === TRANSFER_STEP.step, command.at);
      s.stage = 'DISPOSED';
      s.handover = {
        receivedBy: command.receivedBy.trim(),
        agency: command.agency?.trim() || s.disposition!.agency!,
        at: command.handedOverAt ?? command.at,
      };
      t.audit(command.actor, 'HANDED_OVER', command.at, {
        data: {
          receivedBy: s.handover.receivedBy,
          agency: s.handover.agency,
          handedOverAt: new Date(s.handover.at).toISOString(),
        },
      });
      return undefined;
    }
    case 'ACKNOWLEDGE': {
      const refusal = t.clocks.acknowledge(command);
      if (refusal) return refusal;
      t.audit(command.actor, 'ESCALATION_ACKNOWLEDGED', command.at, {
        reason: command.note,
        data: { taskId: command.taskId, level: command.level },
      });
      return undefined;
    }
  }
}

/** A disposition takes effect: the alarm's clocks close, a transfer's handover clock opens. */
function dispose(
  t: AlarmTransition,
  command: Extract<AlarmCommand, { type: 'DISPOSE' }>,
  settings: AlarmSettings,
  approval?: Record<string, string>,
): string | undefined {
  const s = t.state;
  t.clocks.close(() => true, command.at);
  // A transfer is done once the agency has received the alarm, within 24 h (Art. 175).
  const handover = settings.alarmSide && command.disposition === 'TRANSFERRED';
  if (handover) t.clocks.open(TRANSFER_STEP, 'STAGE', command.at, `${s.alarmId}:TRANSFER`);
  s.stage = handover ? 'PENDING_HANDOVER' : 'DISPOSED';
  s.disposition = {
    code: command.disposition,
    at: command.at,
    ...(command.reason ? { reason: command.reason } : {}),
    ...(command.agency ? { agency: command.agency } : {}),
  };
  if (command.disposition === 'CONVERTED_TO_CASE' && command.newCase && command.newCaseIds) {
    s.disposition.caseId = command.newCaseIds.caseId;
    t.effects.push({
      type: 'CASE_STARTED',
      newCase: {
        ...command.newCaseIds,
        kind: command.newCase.kind,
        unitId: s.unitId,
        handlerId: command.newCase.handlerId,
        title: command.newCase.title,
        alarmId: s.alarmId,
        acceptedAt: command.at,
        acceptedBy: command.actor,
        ...(s.policyOverrides ? { policyOverrides: s.policyOverrides } : {}),
      },
    });
  }
  t.audit(command.actor, command.disposition, command.at, {
    reason: command.reason,
    data: {
      ...(command.agency ? { agency: command.agency } : {}),
      ...(s.disposition.caseId ? { caseId: s.disposition.caseId } : {}),
      ...approval,
    },
  });
  return undefined;
}

/** The alarm's row in the read model as of this version. */
export function alarmRow(state: AlarmModel) {
  return {
    alarmId: state.alarmId,
    stage: state.stage,
    unitId: state.unitId,
    disposition: state.disposition?.code,
    dispositionReason: state.disposition?.reason,
    agency: state.disposition?.agency,
    disposedAt: state.disposition?.at,
    caseId: state.disposition?.caseId,
    sceneHandledAt: state.sceneHandledAt,
    handoverReceivedBy: state.handover?.receivedBy,
    handoverAgency: state.handover?.agency,
    handedOverAt: state.handover?.at,
    proposals: state.proposals ?? [],
    version: state.version,
  };
}

export type AlarmRow = ReturnType<typeof alarmRow>;

export interface AlarmStep {
  row: AlarmRow;
  effects: AlarmEffect[];
  /** The first step: the alarm's row is created with what was reported. */
  opening?: NewAlarm;
  /** The state the step makes, kept beside the row so that a lost workflow task's step is taken. */
  state: AlarmModel;
}
