// 待审批: how the case and alarm pages word a proposal waiting for its approvers (domain/approvals.ts), and
// what it tells the handler whose action became one. Pure, tested without a browser
// (test/unit/web/proposals.test.ts).
import { ARREST_EXTENSION_GROUNDS, type ArrestExtensionGround } from '../../domain/approvals';
import { describePeriod } from '../../domain/deadlines';
import { CASE_ACTIONS, type CaseActionCode } from '../../domain/lifecycle';
import { DISPOSITIONS } from '../../domain/alarm';
import type { AlarmView, CaseView, TimelineEvent } from '../../api/views';
import { FACT_LABELS, FIELD_LABELS, fieldValueText } from './labels';

/** A proposal on a case (an action, an extension) or on an alarm (its transfer). */
export type ProposalView = CaseView['proposals'][number] | AlarmView['proposals'][number];

export interface Line {
  label: string;
  text: string;
}

/**
 * The entries of `record` in the order of `known` (the forms' order), any others after them: the
 * database keeps a JSON object's keys in an order of its own.
 */
function inOrder(record: object, known: string[]): Array<[string, unknown]> {
  const rank = (key: string) => (known.includes(key) ? known.indexOf(key) : known.length);
  return Object.entries(record).sort(([a], [b]) => rank(a) - rank(b));
}

/** Facts (速裁, 快速办理) as a person reads them: the ones that hold, and the numbers. */
function factsText(facts: Record<string, unknown>, labels: Record<string, string>): string {
  return inOrder(facts, Object.keys(labels))
    .filter(([, value]) => value !== false)
    .map(([fact, value]) => {
      const label = labels[fact] ?? fact;
      return value === true ? label : `${label}：${String(value)}`;
    })
    .join('、');
}

/**
 * What a proposal asks for, line by line: the action with its fields, or the deadline's extension
 * (`deadlineLabel` names the deadline of a task id), then the proposer's reason.
 */
export function proposalLines(
  proposal: ProposalView,
  deadlineLabel: (taskId: string) => string | undefined,
): Line[] {
  const subject = proposal.subject;
  const lines: Line[] = [];
  if (subject.type === 'ACTION') {
    const action = CASE_ACTIONS[subject.action as CaseActionCode];
    lines.push({
      label: '呈请事项',
      text: `${action?.label ?? subject.action}（${subject.action}）`,
    });
    for (const [field, value] of inOrder(subject.fields, Object.keys(FIELD_LABELS))) {
      if (value === undefined) continue;
      lines.push({
        label: FIELD_LABELS[field] ?? field,
        text: FACT_LABELS[field]
          ? factsText(value as Record<string, unknown>, FACT_LABELS[field])
          : fieldValueText(field, value),
      });
    }
  } else if (subject.type === 'DISPOSE') {
    lines.push({
      label: '呈请事项',
      text: `${DISPOSITIONS[subject.disposition]}（${subject.disposition}）`,
    });
    lines.push({ label: '移交单位', text: subject.agency });
    if (subject.reason) lines.push({ label: '理由', text: subject.reason });
  } else {
    lines.push({
      label: '呈请事项',
      text: `延长“${deadlineLabel(subject.taskId) ?? subject.taskId}”期限`,
    });
    lines.push({ label: '延长', text: describePeriod(subject.by).zh });
    if (subject.ground)
      lines.push({
        label: '法定情形',
        text: ARREST_EXTENSION_GROUNDS[subject.ground as ArrestExtensionGround] ?? subject.ground,
      });
  }
  if (proposal.reason) lines.push({ label: '理由', text: proposal.reason });
  return lines;
}

/** Who the proposal waits for, in words. */
export const waitingText = (proposal: ProposalView) =>
  proposal.waitingFor ? `等待${proposal.waitingFor.label}审批` : '审批已完成';

/**
 * What the page tells a handler whose action (or extension) became a proposal instead of taking
 * effect: the proposal new in `after`, and whom it waits for; undefined when there is none.
 */
export function proposedNotice(before: ProposalView[], after: ProposalView[]): string | undefined {
  const known = new Set(before.map((p) => p.id));
  const added = after.find((p) => !known.has(p.id));
  return added ? `已呈请审批（${added.approval.label}），${waitingText(added)}` : undefined;
}

/** The audit events of approvals (domain/case-decider.ts). */
const PROPOSED = 'APPROVAL_PROPOSED';
const REFUSED = 'APPROVAL_REFUSED';

export interface Refusal {
  label: string;
  reason: string;
  actor: { id: string; role: string };
  at: string;
}

/**
 * The refusals still standing on a case, from its timeline (oldest first): an approver's refusal
 * with its reason, until the same decision is proposed again or the case moves to another stage.
 */
export function standingRefusals(events: TimelineEvent[]): Refusal[] {
  const standing = new Map<string, Refusal>();
  for (const e of events) {
    const approval = typeof e.data?.approval === 'string' ? e.data.approval : undefined;
    if (e.action === REFUSED && approval) {
      standing.set(approval, {
        label: typeof e.data?.label === 'string' ? e.data.label : approval,
        reason: e.reason ?? '',
        actor: e.actor,
        at: e.at,
      });
    } else if (e.action === PROPOSED && approval) standing.delete(approval);
    else if (e.data?.from !== undefined && e.data.from !== e.data.to) standing.clear();
  }
  return [...standing.values()];
}
