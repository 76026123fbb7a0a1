// A decision waiting for its approvers (审批) as the API shows it, on a case or an alarm: what was
// proposed, who decided so far, who is next, and where to decide or withdraw it.
import { APPROVALS, isApprovalCode } from '../../domain/approvals';
import type { Proposal } from '../../domain/proposals';
import { ROLES, role } from '../../domain/roles';
import { iso } from './tasks';

/** `subjectPath` is the case's or the alarm's own path, such as /cases/case-…. */
export function proposalView<Subject>(subjectPath: string, p: Proposal<Subject>) {
  const next = p.chain[p.decided.length];
  return {
    id: p.proposalId,
    approval: {
      code: p.approval,
      label: isApprovalCode(p.approval) ? APPROVALS[p.approval].label : p.approval,
    },
    subject: p.subject,
    ...(p.reason ? { reason: p.reason } : {}),
    proposedBy: p.proposedBy,
    proposedAt: iso(new Date(p.proposedAt)),
    chain: p.chain.map((r) => ({ code: r, label: ROLES[r] ?? r })),
    decided: p.decided.map((d) => ({ ...d, at: iso(new Date(d.at)) })),
    waitingFor: next ? role(next) : null,
    taskId: p.taskId,
    links: {
      decide: `${subjectPath}/proposals/${p.proposalId}/decision`,
      withdraw: `${subjectPath}/proposals/${p.proposalId}/withdrawal`,
    },
  };
}
