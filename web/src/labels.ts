// The Chinese words for the codes a person reads on the case page: the fields of an action and
// their values, wherever they are shown (a form, a proposal waiting for approval). The domain's own
// tables are used where it has them.
import { ARREST_EXTENSION_GROUNDS, PENALTY_KINDS } from '../../domain/approvals';
import { PLEA_AGREEMENT_LAWYERS } from '../../domain/criminal-clocks';
import { FAST_TRACK_FACT_LABELS } from '../../domain/fast-track';
import { FAST_PROCEDURE_FACT_LABELS } from '../../domain/public-order';

/** Labels of the fields a person fills in; an unknown one shows its code. */
export const FIELD_LABELS: Record<string, string> = {
  reason: '理由',
  sentencingProposal: '量刑建议',
  judgment: '判决内容',
  penalty: '处罚内容',
  penaltyKind: '处罚种类',
  fineYuan: '罚款金额（元）',
  procedure: '程序',
  route: '决定适用的程序',
  suggestedRoute: '建议适用的程序',
  hasComplainant: '有无控告人',
  prosecutionOrg: '检察机关',
  courtOrg: '审判机关',
  pleaAgreementLawyer: '认罪认罚具结书签署时在场律师',
  pleaAgreementLawyerName: '在场律师姓名',
  fastTrackFacts: '速裁适用情形',
  fastProcedureFacts: '快速办理适用情形',
};

/** The facts of a facts field (速裁, 快速办理), each as its rules' table names it. */
export const FACT_LABELS: Record<string, Record<string, string>> = {
  fastTrackFacts: FAST_TRACK_FACT_LABELS,
  fastProcedureFacts: FAST_PROCEDURE_FACT_LABELS,
};

export const VALUE_LABELS: Record<string, string> = {
  SIMPLIFIED: '简易程序',
  ORDINARY: '普通程序',
  FAST_TRACK: '速裁程序',
  ...PLEA_AGREEMENT_LAWYERS,
  ...PENALTY_KINDS,
  ...ARREST_EXTENSION_GROUNDS,
};

/** The answers of a yes-or-no field, yes first. */
export const YES_NO_LABELS: Record<string, [string, string]> = {
  hasComplainant: ['有控告人（应送达不予立案通知书）', '无控告人'],
};

/** A choice as a person reads it: its label, with the code beside it. */
export const valueLabel = (value: string) =>
  VALUE_LABELS[value] ? `${VALUE_LABELS[value]}（${value}）` : value;

/** A field's value as the case page shows it (not for facts fields: FACT_LABELS). */
export function fieldValueText(field: string, value: unknown): string {
  if (typeof value === 'boolean') {
    const [yes, no] = YES_NO_LABELS[field] ?? ['是', '否'];
    return value ? yes : no;
  }
  if (typeof value === 'string') return valueLabel(value);
  return String(value);
}
