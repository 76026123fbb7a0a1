// The deadline policy table as Markdown, for the README (a test keeps the two equal).
import { extensionRuleZh } from './approvals';
import { DEADLINE_POLICIES, type DeadlinePolicy } from './deadline-policies';
import { describePeriod } from './deadlines';
import { citeZh } from './legal-sources';

function row(p: DeadlinePolicy): string {
  const length = describePeriod(p.period).zh;
  const variants = Object.values(p.variants ?? {})
    .map((v) => `${v.label}：${describePeriod(v.period).zh}`)
    .join('；');
  const extensions =
    extensionRuleZh(p) ??
    (p.extensions.length
      ? p.extensions
          .map((e, i) => `第${i + 1}次≤${describePeriod(e.upTo).zh}（${e.approverRole}）`)
          .join('，')
      : '—');
  const flags = [
    p.custody ? '羁押，不顺延' : '',
    p.fromExactInstant ? `自${p.trigger.label}时起算` : '',
    p.pausesOn.length ? `${p.pausesOn.join('/')}期间不计` : '',
    p.restartsOn.length ? `${p.restartsOn.join('/')}时重新计算` : '',
  ]
    .filter(Boolean)
    .join('；');
  return `| \`${p.code}\` | ${p.label} | ${p.trigger.label} | ${length}${variants ? `（${variants}）` : ''} | ${flags || '—'} | ${extensions} | ${p.owner} → ${p.escalatesTo.join(' → ')} | ${citeZh(p.source)} |`;
}

export function deadlineTableMarkdown(): string {
  return [
    '| code | 期限 | 起算 | 长度 | 计算 | 延长（审批） | 负责 → 督办 | 依据 |',
    '|---|---|---|---|---|---|---|---|',
    ...Object.values(DEADLINE_POLICIES).map((p) => row(p)),
  ].join('\n');
}
