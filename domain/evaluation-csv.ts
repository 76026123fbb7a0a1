// 全案考评 as a CSV file a person opens in a spreadsheet: the unit's figures per step, then the
// figures of each unit below it. UTF-8 with a byte-order mark, so that Excel reads the Chinese.
import type { Evaluation } from './evaluation';

const cell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const row = (...values: Array<string | number | null>) => values.map(cell).join(',');

const percent = (rate: number | null) => (rate === null ? '' : `${(rate * 100).toFixed(1)}%`);

/** On time over completed, across every step of the evaluation; null when none was completed. */
export function overallRate(evaluation: Pick<Evaluation, 'steps'>): number | null {
  const completed = evaluation.steps.reduce((n, s) => n + s.completed, 0);
  const onTime = evaluation.steps.reduce((n, s) => n + s.onTime, 0);
  return completed === 0 ? null : onTime / completed;
}

/** The per-step rates (环节按期率), a header and a row a step. */
const stepRows = (steps: Evaluation['steps']) => [
  row('环节', '环节代码', '办理主体', '完成', '按期', '超期完成', '按期率', '超期'),
  ...steps.map((s) =>
    row(
      s.policy.label,
      s.policy.code,
      s.owner?.label ?? '',
      s.completed,
      s.onTime,
      s.late,
      percent(s.rate),
      s.overdue,
    ),
  ),
];

export function evaluationCsv(
  evaluation: Evaluation,
  unitName: string,
  subUnits: Array<{ id: string; name: string; evaluation: Evaluation }>,
): string {
  const period = `${new Date(evaluation.period.from).toISOString()} – ${new Date(evaluation.period.to).toISOString()}`;
  const lines = [
    row('全案考评', unitName, evaluation.unit, period),
    row(
      '受案',
      '结案',
      '超期环节',
      '其中未完成',
      '一级督办',
      '二级督办',
      '延长期限',
      '退回补充侦查',
    ),
    row(
      evaluation.cases.opened,
      evaluation.cases.closed,
      evaluation.overdueSteps.count,
      evaluation.overdueSteps.open,
      evaluation.escalations.FIRST_LEVEL,
      evaluation.escalations.SECOND_LEVEL,
      evaluation.extensions,
      evaluation.supplementaryReturns,
    ),
    '',
    ...stepRows(evaluation.steps),
  ];
  const info = evaluation.infoRequests;
  if (info && (info.received > 0 || info.answers.due > 0))
    lines.push(
      '',
      row('政府信息公开申请', '收到', '应答复', '按期答复', '超期答复', '未答复', '答复按期率'),
      row(
        '',
        info.received,
        info.answers.due,
        info.answers.onTime,
        info.answers.late,
        info.answers.unanswered,
        percent(info.answers.rate),
      ),
    );
  const lit = evaluation.litigation;
  if (lit && (lit.received.total > 0 || lit.answers.due > 0 || lit.outcomes.decided > 0))
    lines.push(
      '',
      row(
        '行政复议/行政诉讼',
        '收到行政复议',
        '收到行政诉讼',
        '应答复（答辩）',
        '按期',
        '答复（答辩）按期率',
        '开庭',
        '负责人出庭',
        '负责人出庭应诉率',
        '结案',
        '被撤销/变更/确认违法等',
        '已履行',
        '未履行',
      ),
      row(
        '',
        lit.received.RECONSIDERATION,
        lit.received.LAWSUIT,
        lit.answers.due,
        lit.answers.onTime,
        percent(lit.answers.rate),
        lit.hearings.held,
        lit.hearings.leaderAppeared,
        percent(lit.hearings.rate),
        lit.outcomes.decided,
        lit.outcomes.against,
        lit.outcomes.carriedOut,
        lit.outcomes.notCarriedOut,
      ),
      ...stepRows(lit.steps),
    );
  if (subUnits.length > 0) {
    lines.push(
      '',
      row('下级单位', '单位代码', '受案', '结案', '超期环节', '按期率'),
      ...subUnits.map((u) =>
        row(
          u.name,
          u.id,
          u.evaluation.cases.opened,
          u.evaluation.cases.closed,
          u.evaluation.overdueSteps.count,
          percent(overallRate(u.evaluation)),
        ),
      ),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
