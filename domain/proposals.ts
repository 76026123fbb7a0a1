// 呈请审批 as the engine keeps it, for a case or an alarm alike: a proposal waits on one approver at
// a time, each step a clock of its own (owned by the approver, escalated like any step); an
// approver approves or refuses with a reason, the proposer may withdraw, and what the proposal is
// about (its subject) is the decider's: it puts the decision into effect at the last approval.
import type { Actor } from './alarm';
import {
  APPROVALS,
  approvalChain,
  approvalLadder,
  approverRefusal,
  type ApprovalCode,
} from './approvals';
import type { AuditData, ClockBook, ClockKeeper } from './clocks';
import { ROLES, type Role } from './roles';

export interface Proposal<Subject> {
  proposalId: string;
  approval: ApprovalCode;
  subject: Subject;
  reason?: string;
  proposedBy: Actor;
  proposedAt: number;
  /** Who decides, in order; `decided` holds the steps taken so far. */
  chain: Role[];
  decided: Array<{ actorId: string; role: Role; at: number; note?: string }>;
  /** The clock of the step that waits on its approver. */
  taskId: string;
}

/** What a case or an alarm keeps of its proposals: those still waiting for a decision. */
export interface ProposalBook<Subject> extends ClockBook {
  proposals?: Array<Proposal<Subject>>;
}

type Audit = (
  actor: { id: string; role: string },
  action: string,
  at: number,
  extra?: { reason?: string; data?: AuditData },
) => void;

interface Step {
  actor: Actor;
  at: number;
}

/** What an approval leads to: the next approver's step, or the decision to put into effect. */
export type Approval<Subject> =
  { refusal: string } | { next: Role } | { approved: Proposal<Subject> };

/** The proposals of one subject through one transition (its clocks and audit). */
export class Proposals<Subject> {
  constructor(
    private readonly book: ProposalBook<Subject>,
    private readonly subjectId: string,
    private readonly clocks: ClockKeeper,
    private readonly audit: Audit,
  ) {}

  /** Opens the clock of a step: it waits on the step's approver. */
  private openStep(approver: Role, at: number) {
    return this.clocks.open(
      {
        step: 'APPROVAL',
        policy: 'APPROVAL',
        owner: approver,
        escalatesTo: approvalLadder(approver),
      },
      'APPROVAL',
      at,
    ).taskId;
  }

  /**
   * A decision the law reserves to the leaders is proposed (呈请): its first approver's step opens.
   * Refused while a proposal `conflicts` with it (one about the same thing waits).
   */
  propose(
    command: Step,
    approval: ApprovalCode,
    subject: Subject,
    options: {
      reason?: string;
      data: AuditData;
      conflicts: (pending: Proposal<Subject>) => boolean;
    },
  ): string | undefined {
    const proposals = (this.book.proposals ??= []);
    const pending = proposals.find(options.conflicts);
    if (pending)
      return `${APPROVALS[pending.approval].label} (${pending.proposalId}) is waiting for ${pending.chain[pending.decided.length]}: wait for its answer, or withdraw it first.`;
    const n = (this.book.stepInstances.PROPOSAL ?? 0) + 1;
    this.book.stepInstances.PROPOSAL = n;
    const chain = approvalChain(approval);
    const proposal: Proposal<Subject> = {
      proposalId: `${this.subjectId}:PROPOSAL:${n}`,
      approval,
      subject,
      ...(options.reason ? { reason: options.reason } : {}),
      proposedBy: command.actor,
      proposedAt: command.at,
      chain,
      decided: [],
      taskId: this.openStep(chain[0]!, command.at),
    };
    proposals.push(proposal);
    this.audit(command.actor, 'APPROVAL_PROPOSED', command.at, {
      ...(options.reason ? { reason: options.reason } : {}),
      data: {
        proposalId: proposal.proposalId,
        approval,
        label: APPROVALS[approval].label,
        approver: chain[0]!,
        ...options.data,
      },
    });
    return undefined;
  }

  /** The pending proposal a command names, or why there is none. */
  find(proposalId: string): Proposal<Subject> | string {
    return (
      this.book.proposals?.find((p) => p.proposalId === proposalId) ??
      `No proposal ${proposalId} is waiting for a decision on this ${this.subjectId.split('-')[0]}.`
    );
  }

  /**
   * One approver approves: the next approver's step opens, or the proposal is approved (and
   * removed), for the decider to put into effect. `beforeNext` may refuse passing it on.
   */
  approve(
    command: Step & { proposalId: string; note?: string },
    beforeNext: (proposal: Proposal<Subject>, next: Role) => string | undefined = () => undefined,
  ): Approval<Subject> {
    const proposal = this.find(command.proposalId);
    if (typeof proposal === 'string') return { refusal: proposal };
    const step = proposal.decided.length;
    const refusal = approverRefusal(proposal.approval, proposal.chain, step, command.actor.role);
    if (refusal) return { refusal };
    const next = proposal.chain[step + 1];
    const held = next ? beforeNext(proposal, next) : undefined;
    if (held) return { refusal: held };
    this.clocks.close((c) => c.taskId === proposal.taskId, command.at);
    proposal.decided.push({
      actorId: command.actor.id,
      role: command.actor.role,
      at: command.at,
      ...(command.note ? { note: command.note } : {}),
    });
    this.audit(command.actor, 'APPROVAL_GRANTED', command.at, {
      ...(command.note ? { reason: command.note } : {}),
      data: {
        proposalId: proposal.proposalId,
        approval: proposal.approval,
        label: APPROVALS[proposal.approval].label,
        step: step + 1,
        of: proposal.chain.length,
        ...(next ? { next } : {}),
      },
    });
    if (next) {
      proposal.taskId = this.openStep(next, command.at);
      return { next };
    }
    this.book.proposals = this.book.proposals!.filter((p) => p !== proposal);
    return { approved: proposal };
  }

  /** An approver refuses with a reason, or the proposer withdraws: the proposal ends, nothing else. */
  close(command: Step & { type: 'REFUSE' | 'WITHDRAW'; proposalId: string; reason?: string }) {
    const proposal = this.find(command.proposalId);
    if (typeof proposal === 'string') return proposal;
    if (command.type === 'REFUSE') {
      const refusal = approverRefusal(
        proposal.approval,
        proposal.chain,
        proposal.decided.length,
        command.actor.role,
      );
      if (refusal) return refusal;
      if (!command.reason?.trim()) return 'A refusal requires a reason.';
    } else if (command.actor.role !== proposal.proposedBy.role)
      return `A proposal is withdrawn by ${proposal.proposedBy.role} (${ROLES[proposal.proposedBy.role]}), not ${command.actor.role}.`;
    this.end(
      proposal,
      command.type === 'REFUSE' ? 'APPROVAL_REFUSED' : 'APPROVAL_WITHDRAWN',
      command,
      command.reason,
    );
    return undefined;
  }

  /** Ends a proposal with its audit event: refused, withdrawn, or lapsed. */
  end(
    proposal: Proposal<Subject>,
    action: string,
    command: { actor: { id: string; role: string }; at: number },
    reason?: string,
  ) {
    this.clocks.close((c) => c.taskId === proposal.taskId, command.at);
    this.book.proposals = this.book.proposals!.filter((p) => p !== proposal);
    this.audit(command.actor, action, command.at, {
      ...(reason ? { reason } : {}),
      data: {
        proposalId: proposal.proposalId,
        approval: proposal.approval,
        label: APPROVALS[proposal.approval].label,
        step: proposal.decided.length + 1,
      },
    });
  }

  /** The proposals still waiting (a copy: ending one while looping is safe). */
  pending(): Array<Proposal<Subject>> {
    return [...(this.book.proposals ?? [])];
  }
}
