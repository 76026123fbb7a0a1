// 待审批: how the case page words a proposal waiting for its approvers (domain/approvals.ts), and
// what it tells the handler whose action became one. Pure, tested without a browser
// (test/unit/web/proposals.test.ts).
import { ARREST_EXTENSION_GROUNDS, type ArrestExtensionGround } from '../../domain/approvals';
import { describePeriod } from '../../domain/deadlines';
import { FAST_TRACK_FACT_LABELS } from '../../domain/fast-track';
import { CASE_ACTIONS, type CaseActionCode } from '../../domain/lifecycle';
import type { CaseView } from '../../api/views';
import { FIELD_LABELS, fieldValueText } from './labels';

export type ProposalView = CaseView['proposals'][number];

export interface Line {
  label: string;
  text: string;
}

/** The fast-track facts as a person reads them: the ones that hold, and the numbers. */
function factsText(facts: Record<string, unknown>): string {
  return Object.entries(facts)
    .filter(([, value]) => value !== false)
    .map(([fact, value]) => {
      const label = FAST_TRACK_FACT_LABELS[fact as keyof typeof FAST_TRACK_FACT_LABELS] ?? fact;
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
    for (const [field, value] of Object.entries(subject.fields)) {
      if (value === undefined) continue;
      lines.push({
        label: FIELD_LABELS[field] ?? field,
        text:
          field === 'fastTrackFacts'
            ? factsText(value as Record<string, unknown>)
            : fieldValueText(field, value),
      });
    }
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
