import { evaluationCsv, overallRate } from '../../../domain/evaluation-csv';
import type { Evaluation, StepFigures } from '../../../domain/evaluation';

const step = (code: string, label: string, completed: number, onTime: number): StepFigures => ({
  policy: { code, label },
  owner: { code: 'HANDLER', label: '办案民警' },
  completed,
  onTime,
  late: completed - onTime,
  rate: completed ? onTime / completed : null,
  overdue: completed - onTime,
});

const evaluation = (steps: StepFigures[], opened = 3): Evaluation =>
  ({
    unit: 'gaj.cg',
    period: {
      from: Date.parse('2026-11-01T00:00:00+08:00'),
      to: Date.parse('2026-12-01T00:00:00+08:00'),
    },
    cases: { opened, closed: 1 },
    steps,
    overdueSteps: { count: 1, open: 0, completedLate: 1 },
    escalations: { REMINDER: 2, FIRST_LEVEL: 1, SECOND_LEVEL: 0 },
    extensions: 1,
    supplementaryReturns: 0,
  }) as unknown as Evaluation;

it('writes the figures, one row per step and per unit below, readable by a spreadsheet', () => {
  const csv = evaluationCsv(
    evaluation([
      step('FILING_REVIEW', '刑事立案审查', 4, 3),
      step('LEGAL_REVIEW', '法制审核, 复核', 0, 0),
    ]),
    '城关派出所',
    [
      {
        id: 'gaj.cg.zaz',
        name: '城关派出所治安中队',
        evaluation: evaluation([step('ADMIN_CASE', '治安案件', 2, 2)], 2),
      },
    ],
  );
  expect(csv.startsWith('\ufeff')).toBe(true);
  expect(csv.split('\r\n')).toEqual([
    '\ufeff全案考评,城关派出所,gaj.cg,2026-10-31T16:00:00.000Z – 2026-11-30T16:00:00.000Z',
    '受案,结案,超期环节,其中未完成,一级督办,二级督办,延长期限,退回补充侦查',
    '3,1,1,0,1,0,1,0',
    '',
    '环节,环节代码,办理主体,完成,按期,超期完成,按期率,超期',
    '刑事立案审查,FILING_REVIEW,办案民警,4,3,1,75.0%,1',
    // A comma in a label is quoted; no step completed: no rate.
    '"法制审核, 复核",LEGAL_REVIEW,办案民警,0,0,0,,0',
    '',
    '下级单位,单位代码,受案,结案,超期环节,按期率',
    '城关派出所治安中队,gaj.cg.zaz,2,1,1,100.0%',
    '',
  ]);
});

it('rates a unit by all its steps together, and not at all with none completed', () => {
  expect(overallRate(evaluation([step('A', 'a', 4, 3), step('B', 'b', 6, 3)]))).toBe(0.6);
  expect(overallRate(evaluation([]))).toBeNull();
});
