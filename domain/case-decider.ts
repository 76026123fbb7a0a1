// The case engine's rules as one pure function: decide(state, command) → the next state and the
// effects to record, or a refusal that says which rule failed. Every transition — which clocks
// close, open, move or fire, which facts change, who may do it — is decided here; the workflow
// runs the effects in one transaction and only then adopts the new state.
import type { Actor } from './alarm';
import {
  actionApproval,
  APPROVALS,
  approvalChain,
  arrestExtensionRefusal,
  ARREST_EXTENSION_GROUNDS,
  custodyRequestLateness,
  extensionApproval,
  policyBeforeApprovals,
  type ApprovalCode,
  type ArrestExtensionGround,
} from './approvals';
import {
  ClockKeeper,
  SYSTEM_ACTOR,
  withEscalationAudits,
  type AuditData,
  type Clock,
  type ClockBook,
  type ClockEffect,
} from './clocks';
import {
  caseWideDeadline,
  endsCaseWideDeadline,
  stageDeadline,
  type DeadlineContext,
} from './case-deadlines';
import {
  CLOCKS_OPENED_BY_MEASURE,
  endsWithMeasureChange,
  FAMILY_NOTICE_GROUNDS,
  isMeasureRecord,
  MEASURE_RECORDS,
  measureRecordRefusal,
  type FamilyNoticeGround,
  type MeasureRecord,
  type PleaAgreementLawyer,
} from './criminal-clocks';
import {
  checkMeasure,
  IN_CUSTODY,
  measureClock,
  measureRefusal,
  POLICE_CUSTODY_POLICIES,
  type MeasureState,
} from './coercive-measures';
import {
  resolvePolicy,
  type DeadlinePolicy,
  type Period,
  type PolicyCode,
  type PolicyOverrides,
} from './deadline-policies';
import { pauseRefusal, pauseTimingRefusal } from './deadlines';
import { Proposals, type Proposal as GenericProposal } from './proposals';
import { appliedBefore, auditRecorder, remember, type AppliedRequests } from './steps';
import {
  extensionRefusal,
  orderRefusal,
  reassignRefusal,
  type EscalationAnswer,
  type EscalationLevel,
} from './escalation';
import { assessFastTrack } from './fast-track';
import {
  FAST_PROCEDURE_POLICY,
  isPublicOrderRecord,
  PUBLIC_ORDER_RECORDS,
  publicOrderRecordRefusal,
  QUESTIONING_GROUNDS,
  QUESTIONING_POLICY,
  type PublicOrderRecord,
  type QuestioningGround,
} from './public-order';
import {
  isCorrected,
  lawRules,
  rulesInclude,
  monthCounting,
  policyBeforeCorrections,
  type LawRules,
} from './law-corrections';
import {
  actionRule,
  CASE_ACTIONS,
  checkAction,
  initialStage,
  type ActionFields,
  type CaseActionCode,
  type CaseFacts,
  type CaseKind,
  type CaseStage,
} from './lifecycle';
import { ROLES, type Role } from './roles';

export interface NewCase {
  caseId: string;
  kind: CaseKind;
  unitId: string;
  handlerId: string;
  title: string;
  /** The code on the party's receipt (回执) for the public status lookup. */
  queryCode: string;
  alarmId?: string;
  /** When the case was accepted, stamped by the API: the clocks start here. */
  acceptedAt: number;
  acceptedBy: Actor;
  /** Shortened deadlines for tests and drills; absent in production. */
  policyOverrides?: PolicyOverrides;
  /** Continue as new after this many history events even if the server has not suggested it (tests). */
  continueAsNewAfterEvents?: number;
}

/** Everything the rules need to know about a case: small, so a worker can hold many. */
export interface CaseModel extends ClockBook {
  caseId: string;
  kind: CaseKind;
  unitId: string;
  handlerId: string;
  title: string;
  queryCode: string;
  alarmId?: string;
  acceptedAt: number;
  stage: CaseStage;
  route?: 'FAST_TRACK' | 'ORDINARY';
  /** The route the police suggested when they sent the case (the procuratorate decides it). */
  suggestedRoute?: 'FAST_TRACK' | 'ORDINARY';
  sentenceVariant?: string;
  /** The 认罪认罚具结书 of a fast-track case: the lawyer in whose presence it was signed. */
  pleaAgreement?: { lawyer: PleaAgreementLawyer; lawyerName: string; recordedAt: number };
  prosecutionOrg?: string;
  courtOrg?: string;
  supplementaryReturns: number;
  prosecutionAccepted: boolean;
  courtAccepted: boolean;
  reconsiderationWindowEnded: boolean;
  measure: MeasureState;
  /** Decisions proposed and waiting for their approvers (审批); absent before approvals. */
  proposals?: Proposal[];
  /** A public-order case: the procedure chosen (快速办理 or normal), and the first arrival. */
  procedure?: 'FAST' | 'NORMAL';
  arrivedAt?: number;
  closedAt?: number;
  /** Transitions applied so far; the read model shows which version it holds. */
  version: number;
  /** Ids of requests already applied, newest last, with the version each produced. */
  applied: AppliedRequests;
}

/** What a case's proposal is about: an action, or the extension of a deadline. */
export type CaseProposalSubject =
  | { type: 'ACTION'; action: CaseActionCode; fields: ActionFields }
  | { type: 'EXTENSION'; taskId: string; by: Period; ground?: ArrestExtensionGround };

/** A decision proposed (呈请) on a case and waiting for its approvers. */
export type Proposal = GenericProposal<CaseProposalSubject>;

interface Command {
  actor: Actor;
  /** When the request arrived, stamped by the API. */
  at: number;
  /** The idempotency id of the request: a retry with the same id acts once. */
  requestId?: string;
}

/** A leader's decision taken on an escalation: the same step answers it, once. */
interface Decision {
  answers?: { taskId: string; level: EscalationLevel };
}

export type CaseCommand =
  | (Command & { type: 'ACTION'; action: string; fields?: ActionFields })
  | (Command & Decision & { type: 'EXTEND'; taskId: string; by: Period; reason: string })
  | (Command & { type: 'PAUSE'; taskId: string; reason: string; from: number; to: number })
  | (Command & { type: 'ACKNOWLEDGE'; taskId: string; level: EscalationLevel; note?: string })
  | (Command & Decision & { type: 'REASSIGN'; handlerId: string; reason: string })
  | (Command & Decision & { type: 'ORDER'; instruction: string })
  | (Command & {
      type: 'PROPOSE_EXTENSION';
      taskId: string;
      by: Period;
      reason: string;
      /** ARREST_REQUEST beyond its first days: 流窜/多次/结伙 (ARREST_EXTENSION_GROUNDS). */
      ground?: string;
    })
  | (Command & { type: 'APPROVE'; proposalId: string; note?: string })
  | (Command & { type: 'REFUSE'; proposalId: string; reason: string })
  | (Command & { type: 'WITHDRAW'; proposalId: string; reason?: string })
  | (Command & {
      type: 'MEASURE';
      event: string;
      reason?: string;
      /** REQUEST_ARREST: the procuratorate asked to approve the arrest. */
      prosecutionOrg?: string;
      /**
       * FAMILY_NOT_NOTIFIED: the statutory ground (FAMILY_NOTICE_GROUNDS); SUMMONED: the ground
       * for a longer questioning (QUESTIONING_GROUNDS).
       */
      ground?: string;
      /** SUMMONED: the exact instant the person arrived (到案). */
      arrivedAt?: number;
    });

/** The workflow's own clock reached `at`: every rung due by then fires. */
interface RungsDue {
  type: 'RUNGS_DUE';
  at: number;
}

export type CaseEffect = ClockEffect | { type: 'TASKS_REASSIGNED'; from: string; to: string };

type Outcome =
  | { ok: true; duplicate: false; state: CaseModel; effects: CaseEffect[] }
  /** The request was applied before (maybe in an earlier run): nothing to do. */
  | { ok: true; duplicate: true; version: number }
  | { ok: false; reason: string };

export interface CaseSettings {
  policyOverrides?: PolicyOverrides;
  /**
   * A pause is recorded once it has ended, within the clock's time, no longer than its policy
   * allows. Off only for runs recorded before the rule existed, so that they replay.
   */
  pauseTimingRules?: boolean;
  /**
   * The corrections of 2026 (domain/law-corrections.ts) apply. Off only for runs recorded before
   * them, so that they replay and keep the rules they were decided under.
   */
  lawCorrections?: boolean;
  /**
   * The criminal side's clocks (domain/criminal-clocks.ts) apply; only with lawCorrections. Off
   * only for runs recorded before them.
   */
  criminalClocks?: boolean;
  /**
   * The decisions the law reserves to the bureau's leaders are proposed and approved
   * (domain/approvals.ts); only with criminalClocks. Off only for runs recorded before them.
   */
  approvals?: boolean;
  /**
   * The public-order procedure (domain/public-order.ts); only with approvals. Off only for runs
   * recorded before it.
   */
  publicOrder?: boolean;
}

/** The facts the lifecycle's rules judge (the API derives them from the read model alike). */
export function caseFacts(state: CaseFactsSource): CaseFacts {
  return {
    kind: state.kind,
    stage: state.stage,
    route: (state.route ?? undefined) as CaseFacts['route'],
    supplementaryReturns: state.supplementaryReturns,
    prosecutionAccepted: state.prosecutionAccepted,
    courtAccepted: state.courtAccepted,
    reconsiderationWindowEnded: state.reconsiderationWindowEnded,
    ...(state.procedure ? { procedure: state.procedure as CaseFacts['procedure'] } : {}),
    ...(typeof state.arrivedAt === 'number' ? { arrivedAt: state.arrivedAt } : {}),
  };
}

/** What the facts are read from: the model, or the case's row in the read model. */
export type CaseFactsSource = Pick<
  CaseModel,
  | 'kind'
  | 'stage'
  | 'supplementaryReturns'
  | 'prosecutionAccepted'
  | 'courtAccepted'
  | 'reconsiderationWindowEnded'
> & { route?: string | null; procedure?: string | null; arrivedAt?: number | null };

const deadlineContext = (state: CaseModel, rules: LawRules): DeadlineContext => ({
  ...caseFacts(state),
  sentenceVariant: state.sentenceVariant,
  inCustody: IN_CUSTODY.includes(state.measure),
  publicOrder: rulesInclude(rules, 'PUBLIC_ORDER'),
});

/** Works on a copy of the state, collecting the effects of one transition. */
class Transition {
  readonly state: CaseModel;
  readonly effects: CaseEffect[] = [];
  readonly clocks: ClockKeeper;
  readonly audit: ReturnType<typeof auditRecorder>;

  constructor(
    previous: CaseModel,
    readonly settings: CaseSettings,
  ) {
    this.state = structuredCopy(previous);
    this.state.version += 1;
    this.audit = auditRecorder(this.state.caseId, this.state.version, this.effects);
    this.rules = lawRules(settings.lawCorrections, settings.criminalClocks, settings.publicOrder);
    this.policy = (code) => {
      const policy = resolvePolicy(code, settings.policyOverrides);
      if (!isCorrected(this.rules)) return policyBeforeApprovals(policyBeforeCorrections(policy));
      return settings.approvals ? policy : policyBeforeApprovals(policy);
    };
    this.clocks = new ClockKeeper(
      this.state,
      this.state.caseId,
      this.policy,
      this.effects,
      (role) => (role === 'HANDLER' ? this.state.handlerId : undefined),
      (clock, rung) => {
        // The complainant's window (复议, then 复核) has ended once its deadline passed.
        if (COMPLAINANT_WINDOWS.includes(clock.policyCode) && rung.level === 'FIRST_LEVEL')
          this.state.reconsiderationWindowEnded = true;
      },
      monthCounting(this.rules),
    );
  }

  readonly rules: LawRules;
  readonly policy: (code: PolicyCode) => DeadlinePolicy;
  /** The proposals waiting for their approvers (审批). */
  get proposals() {
    return new Proposals<CaseProposalSubject>(
      this.state,
      this.state.caseId,
      this.clocks,
      this.audit,
    );
  }

  /** The effects, each rung fired with its audit event. */
  done() {
    return { state: this.state, effects: withEscalationAudits(this.effects) as CaseEffect[] };
  }
}

/** The complainant's windows to apply: their end is a fact the close of the case waits for. */
const COMPLAINANT_WINDOWS: readonly PolicyCode[] = [
  'RECONSIDERATION_APPLICATION',
  'REVIEW_APPLICATION',
];

function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const refused = (reason: string): Outcome => ({ ok: false, reason });

/** A new case: its row, its CASE_ACCEPTED event and the clocks that run from acceptance. */
export function openCase(
  input: NewCase,
  settings: CaseSettings,
): { state: CaseModel; effects: CaseEffect[] } {
  const empty: CaseModel = {
    caseId: input.caseId,
    kind: input.kind,
    unitId: input.unitId,
    handlerId: input.handlerId,
    title: input.title,
    queryCode: input.queryCode,
    ...(input.alarmId ? { alarmId: input.alarmId } : {}),
    acceptedAt: input.acceptedAt,
    stage: initialStage(input.kind),
    supplementaryReturns: 0,
    prosecutionAccepted: false,
    courtAccepted: false,
    reconsiderationWindowEnded: false,
    measure: 'NONE',
    clocks: [],
    stepInstances: {},
    escalations: [],
    version: 0,
    applied: [],
  };
  const t = new Transition(empty, settings);
  t.audit(input.acceptedBy, 'CASE_ACCEPTED', input.acceptedAt, { data: { kind: input.kind } });
  const caseWide = caseWideDeadline(input.kind);
  if (caseWide) t.clocks.open(caseWide, 'CASE', input.acceptedAt);
  const first = stageDeadline(deadlineContext(t.state, t.rules));
  if (first) t.clocks.open(first, 'STAGE', input.acceptedAt);
  return t.done();
}

/**
 * A case carried over from the first engine (caseWorkflow): its open tasks get the read model's
 * details, and every rung it fired is recorded (once: an earlier write of the same rung stands).
 */
export function adoptCase(
  state: CaseModel,
  at: number,
  settings: CaseSettings,
): { state: CaseModel; effects: CaseEffect[] } {
  const t = new Transition(state, settings);
  for (const clock of t.state.clocks) {
    t.effects.push({ type: 'TASK_RESCHEDULED', task: t.clocks.taskRecord(clock) });
    for (const rung of clock.rungs.filter((r) => clock.fired.includes(r.level)))
      t.effects.push({
        type: 'ESCALATION_FIRED',
        taskId: clock.taskId,
        level: rung.level,
        targetRole: rung.role,
        dueAt: rung.at,
        late: false,
      });
  }
  t.audit(SYSTEM_ACTOR, 'CASE_ADOPTED_BY_ENGINE_V2', at, {
    data: { version: t.state.version },
  });
  return t.done();
}

/** Fires every rung due by `at` (the workflow's clock); nothing when none is due. */
export function rungsDue(
  state: CaseModel,
  command: RungsDue,
  settings: CaseSettings,
): { state: CaseModel; effects: CaseEffect[] } | undefined {
  const t = new Transition(state, settings);
  return t.clocks.fireDue(command.at) ? t.done() : undefined;
}

/** Decides one command against a case: the new state and its effects, or the rule it breaks. */
export function decide(state: CaseModel, command: CaseCommand, settings: CaseSettings): Outcome {
  const seen = appliedBefore(state.applied, command.requestId);
  if (seen !== undefined) return { ok: true, duplicate: true, version: seen };
  const t = new Transition(state, settings);
  const refusal = apply(t, command) ?? answerEscalation(t, command);
  if (refusal) return refused(refusal);
  lapseProposals(t, command.at);
  t.state.applied = remember(t.state.applied, command.requestId, t.state.version);
  return { ok: true, duplicate: false, ...t.done() };
}

function apply(t: Transition, command: CaseCommand): string | undefined {
  switch (command.type) {
    case 'ACTION':
      return applyAction(t, command);
    case 'EXTEND':
      return applyExtension(t, command);
    case 'PAUSE':
      return applyPause(t, command);
    case 'ACKNOWLEDGE':
      return applyAcknowledgement(t, command);
    case 'REASSIGN':
      return applyReassignment(t, command);
    case 'ORDER':
      return applyOrder(t, command);
    case 'MEASURE':
      return applyMeasure(t, command);
    case 'PROPOSE_EXTENSION':
      return proposeExtension(t, command);
    case 'APPROVE':
      return approve(t, command);
    case 'REFUSE':
    case 'WITHDRAW':
      return t.proposals.close(command);
  }
}

const ANSWER_OF_DECISION = {
  EXTEND: 'EXTENDED',
  REASSIGN: 'REASSIGNED',
  ORDER: 'ORDERED',
} as const satisfies Partial<Record<CaseCommand['type'], EscalationAnswer>>;

/** A decision taken on an escalation answers it in the same step: decided once, never twice. */
function answerEscalation(t: Transition, command: CaseCommand): string | undefined {
  if (!('answers' in command) || !command.answers) return undefined;
  const answer = ANSWER_OF_DECISION[command.type];
  const refusal = t.clocks.acknowledge(
    { ...command.answers, at: command.at, actor: command.actor },
    answer,
  );
  if (refusal) return refusal;
  t.audit(command.actor, 'ESCALATION_DECIDED', command.at, {
    data: { ...command.answers, decision: answer },
  });
  return undefined;
}

function applyAction(t: Transition, command: Extract<CaseCommand, { type: 'ACTION' }>) {
  const s = t.state;
  const fields = command.fields ?? {};
  const check = checkAction(caseFacts(s), command.action, command.actor.role, fields, [], t.rules);
  if (!check.ok) return check.reason;
  if (t.settings.approvals) {
    const needs = actionApproval(command.action as CaseActionCode, fields, t.rules);
    if ('refusal' in needs) return needs.refusal;
    if (needs.approval)
      return propose(t, command, needs.approval, {
        type: 'ACTION',
        action: command.action as CaseActionCode,
        fields,
      });
  }
  return takeAction(t, command, check.to);
}

/** An action takes effect: its stage, its facts, its clocks and its audit event. */
function takeAction(
  t: Transition,
  command: Pick<Extract<CaseCommand, { type: 'ACTION' }>, 'action' | 'fields' | 'actor' | 'at'>,
  to: CaseStage,
  approval?: Record<string, string>,
) {
  const s = t.state;
  const fields = command.fields ?? {};
  const corrected = isCorrected(t.rules);
  const before = {
    stage: s.stage,
    prosecutionAccepted: s.prosecutionAccepted,
    courtAccepted: s.courtAccepted,
  };
  switch (command.action as CaseActionCode) {
    case 'TRANSFER_FOR_PROSECUTION':
      if (corrected) {
        // The police suggest the route; the procuratorate decides it when it accepts the case.
        s.suggestedRoute = fields.suggestedRoute;
        delete s.route;
        delete s.sentenceVariant;
      } else routeDecided(s, fields);
      s.prosecutionAccepted = false;
      s.prosecutionOrg = fields.prosecutionOrg;
      break;
    case 'RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION':
      s.prosecutionAccepted = false;
      break;
    case 'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION':
      s.supplementaryReturns += 1;
      break;
    case 'PROSECUTION_ACCEPT':
      if (corrected) routeDecided(s, fields);
      if (rulesInclude(t.rules, 'CRIMINAL_CLOCKS') && s.route === 'FAST_TRACK')
        s.pleaAgreement = {
          lawyer: fields.pleaAgreementLawyer!,
          lawyerName: fields.pleaAgreementLawyerName!,
          recordedAt: command.at,
        };
      s.prosecutionAccepted = true;
      break;
    case 'UPHOLD_NON_FILING':
      // A new window opens: 7 days to apply for 复核.
      if (to === 'REVIEW_WINDOW') s.reconsiderationWindowEnded = false;
      break;
    case 'INDICT':
      s.courtOrg = fields.courtOrg;
      break;
    case 'COURT_ACCEPT':
      s.courtAccepted = true;
      break;
    case 'CHOOSE_FAST_PROCEDURE':
      // The 48 hours run from the person's arrival (到案), not from the choice.
      s.procedure = 'FAST';
      t.clocks.open(FAST_PROCEDURE_STEP, 'CASE', s.arrivedAt!);
      break;
    case 'CONVERT_TO_NORMAL_PROCEDURE':
      s.procedure = 'NORMAL';
      t.clocks.close((c) => c.policyCode === FAST_PROCEDURE_POLICY, command.at);
      break;
  }
  s.stage = to;
  const at = command.at;
  const stageChanged =
    before.stage !== s.stage ||
    before.prosecutionAccepted !== s.prosecutionAccepted ||
    before.courtAccepted !== s.courtAccepted;
  // Rungs that were due before the action fire (late) before the action is recorded.
  if (stageChanged) t.clocks.close((c) => c.scope === 'STAGE', at);
  // The police's custody clock ends when the case is sent; the procuratorate's review runs on.
  if (corrected && command.action === 'TRANSFER_FOR_PROSECUTION')
    t.clocks.close(
      (c) => c.scope === 'MEASURE' && POLICE_CUSTODY_POLICIES.includes(c.policyCode),
      at,
    );
  // The case-wide clocks (治安 30 days, the fast procedure's 48 hours) end with the decision.
  if (endsCaseWideDeadline(s.stage)) t.clocks.close((c) => c.scope === 'CASE', at);
  if (s.stage === 'ARCHIVED') t.clocks.close(() => true, at);
  if (s.stage === 'CLOSED') s.closedAt = at;
  const rule = CASE_ACTIONS[command.action as CaseActionCode];
  t.audit(command.actor, command.action, at, {
    reason: fields.reason,
    data: {
      from: before.stage,
      to: s.stage,
      label: rule.label,
      ...definedFields(fields),
      ...approval,
    },
  });
  if (stageChanged) {
    const next = stageDeadline(deadlineContext(s, t.rules));
    if (next) t.clocks.open(next, 'STAGE', at);
  }
  return undefined;
}

/** The route and its sentence variant, as decided with the facts the eligibility rules judged. */
function routeDecided(s: CaseModel, fields: ActionFields) {
  s.route = fields.route;
  if (fields.fastTrackFacts)
    s.sentenceVariant = assessFastTrack(fields.fastTrackFacts).periodVariant;
  else delete s.sentenceVariant;
}

/** The action's own fields worth keeping in the audit (the free-text reason has its column). */
function definedFields(fields: ActionFields): AuditData {
  const kept: AuditData = {};
  if (typeof fields.hasComplainant === 'boolean') kept.hasComplainant = fields.hasComplainant;
  for (const name of [
    'route',
    'suggestedRoute',
    'procedure',
    'sentencingProposal',
    'judgment',
    'penalty',
    'prosecutionOrg',
    'courtOrg',
    'pleaAgreementLawyer',
    'pleaAgreementLawyerName',
  ] as const) {
    const value = fields[name];
    if (value) kept[name] = value;
  }
  if (fields.penaltyKind) kept.penaltyKind = fields.penaltyKind;
  if (fields.fineYuan !== undefined) kept.fineYuan = fields.fineYuan;
  return kept;
}

function applyExtension(t: Transition, command: Extract<CaseCommand, { type: 'EXTEND' }>) {
  const clock = t.clocks.openClock(command.taskId);
  if (typeof clock === 'string') return clock;
  if (!command.reason?.trim()) return 'An extension requires a reason.';
  const approval = t.settings.approvals ? extensionApproval(clock.policyCode, t.rules) : undefined;
  if (approval)
    return `${t.policy(clock.policyCode).name} is extended only on the handler's proposal, approved by ${approvalChain(approval).join(', then ')} (${APPROVALS[approval].label}): the handler proposes it (PROPOSE_EXTENSION).`;
  const refusal = extensionRefusal(
    t.policy(clock.policyCode),
    clock.extensions.length,
    command.by,
    command.actor.role,
  );
  if (refusal) return refusal;
  clock.extensions.push(command.by);
  const record = t.clocks.recompute(clock);
  t.audit(command.actor, 'DEADLINE_EXTENDED', command.at, {
    reason: command.reason,
    data: {
      taskId: clock.taskId,
      by: command.by.length,
      unit: command.by.unit,
      dueAt: record.dueAt,
    },
  });
  return undefined;
}

/** Who records time that does not count against a deadline. */
export const PAUSE_RECORDED_BY: Role = 'HANDLER';

function applyPause(t: Transition, command: Extract<CaseCommand, { type: 'PAUSE' }>) {
  const clock = t.clocks.openClock(command.taskId);
  if (typeof clock === 'string') return clock;
  if (command.actor.role !== PAUSE_RECORDED_BY)
    return `A pause is recorded by ${PAUSE_RECORDED_BY}, not ${command.actor.role}.`;
  const refusal =
    pauseRefusal(t.policy(clock.policyCode), command) ??
    (t.settings.pauseTimingRules ? pauseTimingRefusal(command, clock, command.at) : undefined);
  if (refusal) return refusal;
  clock.pauses.push({ from: command.from, to: command.to, reason: command.reason });
  const record = t.clocks.recompute(clock);
  t.audit(command.actor, 'DEADLINE_PAUSED', command.at, {
    reason: command.reason,
    data: { taskId: clock.taskId, from: command.from, to: command.to, dueAt: record.dueAt },
  });
  return undefined;
}

function applyAcknowledgement(
  t: Transition,
  command: Extract<CaseCommand, { type: 'ACKNOWLEDGE' }>,
) {
  const refusal = t.clocks.acknowledge(command);
  if (refusal) return refusal;
  t.audit(command.actor, 'ESCALATION_ACKNOWLEDGED', command.at, {
    reason: command.note,
    data: { taskId: command.taskId, level: command.level },
  });
  return undefined;
}

function applyReassignment(t: Transition, command: Extract<CaseCommand, { type: 'REASSIGN' }>) {
  const refusal = reassignRefusal(t.state.handlerId, command);
  if (refusal) return refusal;
  const from = t.state.handlerId;
  t.state.handlerId = command.handlerId;
  // The handler's open steps go with the case.
  t.effects.push({ type: 'TASKS_REASSIGNED', from, to: command.handlerId });
  t.audit(command.actor, 'REASSIGNED', command.at, {
    reason: command.reason,
    data: { from, to: command.handlerId },
  });
  return undefined;
}

function applyOrder(t: Transition, command: Extract<CaseCommand, { type: 'ORDER' }>) {
  const refusal = orderRefusal(command);
  if (refusal) return refusal;
  t.audit(command.actor, 'ACTION_ORDERED', command.at, { reason: command.instruction });
  return undefined;
}

/** A decision the law reserves to the leaders is proposed (呈请): one about the same thing at a time. */
function propose(
  t: Transition,
  command: { actor: Actor; at: number },
  approval: ApprovalCode,
  subject: CaseProposalSubject,
  reason?: string,
): string | undefined {
  return t.proposals.propose(command, approval, subject, {
    ...(reason ? { reason } : {}),
    data: proposalData(subject),
    conflicts: (pending) =>
      subject.type === 'ACTION'
        ? pending.subject.type === 'ACTION'
        : pending.subject.type === 'EXTENSION' && pending.subject.taskId === subject.taskId,
  });
}

/** What the audit keeps of a proposal's subject. */
function proposalData(subject: CaseProposalSubject): AuditData {
  return subject.type === 'ACTION'
    ? { action: subject.action, ...definedFields(subject.fields) }
    : {
        taskId: subject.taskId,
        by: subject.by.length,
        unit: subject.by.unit,
        ...(subject.ground ? { ground: subject.ground } : {}),
      };
}

/** Why this extension may not be proposed now, or undefined. */
function extensionProposalRefusal(
  t: Transition,
  clock: Clock,
  approval: ApprovalCode,
  by: Period,
  ground: string | undefined,
  at: number,
): string | undefined {
  const policy = t.policy(clock.policyCode);
  if (approval === 'ARREST_REQUEST_EXTENSION')
    return arrestExtensionRefusal(policy, clock.extensions, by, ground);
  if (ground) return `${policy.name} takes no ground.`;
  const decidedBy = approvalChain(approval).at(-1)!;
  return (
    extensionRefusal(policy, clock.extensions.length, by, decidedBy) ??
    (approval === 'CUSTODY_EXTENSION_REQUEST' ? custodyRequestLateness(clock.dueAt, at) : undefined)
  );
}

function proposeExtension(
  t: Transition,
  command: Extract<CaseCommand, { type: 'PROPOSE_EXTENSION' }>,
) {
  if (!t.settings.approvals) return 'Extensions are decided on escalations in this case.';
  if (command.actor.role !== 'HANDLER')
    return `An extension is proposed by HANDLER (${ROLES.HANDLER}), not ${command.actor.role}.`;
  const clock = t.clocks.openClock(command.taskId);
  if (typeof clock === 'string') return clock;
  const approval = extensionApproval(clock.policyCode, t.rules);
  if (!approval)
    return `${t.policy(clock.policyCode).name} is not extended on a proposal: a leader extends it when answering its escalation.`;
  if (!command.reason?.trim()) return 'An extension requires a reason.';
  const refusal = extensionProposalRefusal(
    t,
    clock,
    approval,
    command.by,
    command.ground,
    command.at,
  );
  if (refusal) return refusal;
  return propose(
    t,
    command,
    approval,
    {
      type: 'EXTENSION',
      taskId: clock.taskId,
      by: command.by,
      ...(command.ground ? { ground: command.ground as ArrestExtensionGround } : {}),
    },
    command.reason,
  );
}

/** One approver approves: the next approver's step opens, or the decision takes effect. */
function approve(t: Transition, command: Extract<CaseCommand, { type: 'APPROVE' }>) {
  const outcome = t.proposals.approve(command, (proposal, next) => {
    // The bureau's approval sends the request on: it must reach the procuratorate in time.
    if (next !== 'PROSECUTOR' || proposal.subject.type !== 'EXTENSION') return undefined;
    const clock = t.clocks.openClock(proposal.subject.taskId);
    return typeof clock === 'string' ? clock : custodyRequestLateness(clock.dueAt, command.at);
  });
  if ('refusal' in outcome) return outcome.refusal;
  return 'approved' in outcome ? takeEffect(t, outcome.approved, command) : undefined;
}

/** The approved decision takes effect, as its proposer proposed it, at the last approval. */
function takeEffect(t: Transition, proposal: Proposal, command: { actor: Actor; at: number }) {
  const approvedBy = { approvedBy: command.actor.id, proposalId: proposal.proposalId };
  const subject = proposal.subject;
  if (subject.type === 'ACTION') {
    const check = checkAction(
      caseFacts(t.state),
      subject.action,
      proposal.proposedBy.role,
      subject.fields,
      [],
      t.rules,
    );
    if (!check.ok) return `The approved decision can no longer be taken: ${check.reason}`;
    return takeAction(
      t,
      {
        action: subject.action,
        fields: subject.fields,
        actor: proposal.proposedBy,
        at: command.at,
      },
      check.to,
      approvedBy,
    );
  }
  const clock = t.clocks.openClock(subject.taskId);
  if (typeof clock === 'string') return clock;
  clock.extensions.push(subject.by);
  const record = t.clocks.recompute(clock);
  t.audit(command.actor, 'DEADLINE_EXTENDED', command.at, {
    ...(proposal.reason ? { reason: proposal.reason } : {}),
    data: {
      taskId: clock.taskId,
      by: subject.by.length,
      unit: subject.by.unit,
      dueAt: record.dueAt,
      ...(subject.ground
        ? { ground: subject.ground, groundLabel: ARREST_EXTENSION_GROUNDS[subject.ground] }
        : {}),
      ...approvedBy,
    },
  });
  return undefined;
}

/**
 * A proposal whose subject is gone lapses: an action no longer allowed in the case's stage, an
 * extension of a deadline that has ended.
 */
function lapseProposals(t: Transition, at: number) {
  for (const proposal of t.proposals.pending()) {
    const subject = proposal.subject;
    const gone =
      subject.type === 'ACTION'
        ? !actionRule(subject.action, t.rules).from.includes(t.state.stage)
        : !t.state.clocks.some((c) => c.taskId === subject.taskId);
    if (gone) t.proposals.end(proposal, 'APPROVAL_LAPSED', { actor: SYSTEM_ACTOR, at });
  }
}

/** Whether coercive measures may still be recorded on a case in this stage. */
const measuresAllowed = (stage: CaseStage) => stage !== 'CLOSED' && stage !== 'ARCHIVED';

function applyMeasure(t: Transition, command: Extract<CaseCommand, { type: 'MEASURE' }>) {
  if (!measuresAllowed(t.state.stage)) return 'The case is closed.';
  const corrected = isCorrected(t.rules);
  const criminalClocks = rulesInclude(t.rules, 'CRIMINAL_CLOCKS');
  if (rulesInclude(t.rules, 'PUBLIC_ORDER') && isPublicOrderRecord(command.event))
    return applyPublicOrderRecord(t, command, command.event);
  if (criminalClocks && isMeasureRecord(command.event))
    return applyMeasureRecord(t, command, command.event);
  const refusal = corrected ? measureRefusal(t.state.kind, command.event, command) : undefined;
  if (refusal) return refusal;
  const check = checkMeasure(t.state.measure, command.event, command.actor.role);
  if (!check.ok) return check.reason;
  t.state.measure = check.to;
  // From the request for arrest on, the procuratorate named sees the case (and decides on it).
  const names =
    corrected && command.event === 'REQUEST_ARREST' ? command.prosecutionOrg : undefined;
  if (names) t.state.prosecutionOrg = names;
  const inCustody = IN_CUSTODY.includes(check.to);
  t.clocks.close(
    (c) =>
      c.scope === 'MEASURE' && (!criminalClocks || endsWithMeasureChange(c.policyCode, inCustody)),
    command.at,
  );
  t.audit(command.actor, `MEASURE_${command.event}`, command.at, {
    reason: command.reason,
    data: { to: check.to, ...(names ? { prosecutionOrg: names } : {}) },
  });
  const opens = corrected ? measureClock(check.opens, t.state.stage) : check.opens;
  if (opens) t.clocks.open(opens, 'MEASURE', command.at);
  if (criminalClocks)
    for (const spec of CLOCKS_OPENED_BY_MEASURE[command.event] ?? [])
      t.clocks.open(spec, 'MEASURE', command.at);
  return undefined;
}

/** The fast procedure's clock over a public-order case. */
const FAST_PROCEDURE_STEP = { step: 'FAST_PROCEDURE', policy: FAST_PROCEDURE_POLICY } as const;

/**
 * A person summoned arrives (传唤到案): the questioning runs from that exact instant, 8 hours or
 * longer on a recorded ground; it ends when the person leaves or is released.
 */
function applyPublicOrderRecord(
  t: Transition,
  command: Extract<CaseCommand, { type: 'MEASURE' }>,
  event: PublicOrderRecord,
) {
  const s = t.state;
  const refusal = publicOrderRecordRefusal(event, {
    kind: s.kind,
    role: command.actor.role,
    at: command.at,
    ...(command.arrivedAt !== undefined ? { arrivedAt: command.arrivedAt } : {}),
    ...(command.ground !== undefined ? { ground: command.ground } : {}),
    questioningOpen: s.clocks.some((c) => c.policyCode === QUESTIONING_POLICY),
  });
  if (refusal) return refusal;
  const rule = PUBLIC_ORDER_RECORDS[event];
  const ground = command.ground as QuestioningGround | undefined;
  if (event === 'SUMMONED') {
    s.arrivedAt ??= command.arrivedAt!;
    t.clocks.open(
      { step: 'QUESTIONING', policy: QUESTIONING_POLICY, ...(ground ? { variant: ground } : {}) },
      'MEASURE',
      command.arrivedAt!,
    );
  } else t.clocks.close((c) => c.policyCode === QUESTIONING_POLICY, command.at);
  t.audit(command.actor, `MEASURE_${event}`, command.at, {
    reason: command.reason,
    data: {
      label: rule.label,
      ...(command.arrivedAt !== undefined
        ? { arrivedAt: new Date(command.arrivedAt).toISOString() }
        : {}),
      ...(ground ? { ground, groundLabel: QUESTIONING_GROUNDS[ground] } : {}),
    },
  });
  return undefined;
}

/** A duty done or a decision taken on a suspect (送看守所, 通知家属, 讯问, 复议): its clock completes. */
function applyMeasureRecord(
  t: Transition,
  command: Extract<CaseCommand, { type: 'MEASURE' }>,
  event: MeasureRecord,
) {
  const rule = MEASURE_RECORDS[event];
  const refusal = measureRecordRefusal(
    event,
    command.actor.role,
    t.state.clocks.filter((c) => c.scope === 'MEASURE').map((c) => c.policyCode),
    command.ground,
    t.state.measure,
  );
  if (refusal) return refusal;
  const completes: readonly PolicyCode[] = rule.completes;
  t.clocks.close((c) => c.scope === 'MEASURE' && completes.includes(c.policyCode), command.at);
  const ground = command.ground as FamilyNoticeGround | undefined;
  t.audit(command.actor, `MEASURE_${event}`, command.at, {
    reason: command.reason,
    data: {
      label: rule.label,
      ...(ground ? { ground, groundLabel: FAMILY_NOTICE_GROUNDS[ground] } : {}),
    },
  });
  return undefined;
}

/** The case's row in the read model: its facts as of this version. */
export function caseRow(state: CaseModel) {
  return {
    caseId: state.caseId,
    kind: state.kind,
    stage: state.stage,
    unitId: state.unitId,
    handlerId: state.handlerId,
    queryCode: state.queryCode,
    title: state.title,
    alarmId: state.alarmId,
    acceptedAt: state.acceptedAt,
    closedAt: state.closedAt,
    route: state.route,
    prosecutionOrg: state.prosecutionOrg,
    courtOrg: state.courtOrg,
    prosecutionAccepted: state.prosecutionAccepted,
    courtAccepted: state.courtAccepted,
    supplementaryReturns: state.supplementaryReturns,
    reconsiderationWindowEnded: state.reconsiderationWindowEnded,
    measure: state.measure,
    sentenceVariant: state.sentenceVariant,
    procedure: state.procedure,
    arrivedAt: state.arrivedAt,
    suggestedRoute: state.suggestedRoute,
    pleaAgreement: state.pleaAgreement,
    proposals: state.proposals ?? [],
    version: state.version,
  };
}

export type CaseRow = ReturnType<typeof caseRow>;

/** What one step writes, in one transaction: the row at its new version and the effects. */
export interface CaseStep {
  row: CaseRow;
  effects: CaseEffect[];
  /** The case's first step: its row is created. */
  opening: boolean;
  /** The state the step makes, kept beside the row so that a lost workflow task's step is taken. */
  state: CaseModel;
}
