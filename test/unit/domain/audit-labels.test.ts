import { auditActionLabel } from '../../../domain/audit-labels';

it.each([
  ['FILE', '立案'],
  ['PRONOUNCE_JUDGMENT', '宣判'],
  ['CASE_ACCEPTED', '受案'],
  ['DEADLINE_EXTENDED', '延长期限'],
  ['ESCALATION_FIRST_LEVEL', '超期督办（一级）'],
  ['ESCALATION_REMINDER', '到期提醒'],
  ['MEASURE_DETAIN', '刑事拘留'],
  ['MEASURE_NOTIFY_FAMILY', '通知家属'],
  ['MEASURE_FAMILY_NOT_NOTIFIED', '不通知家属（法定情形）'],
  ['CONVERTED_TO_CASE', '转为案件'],
  ['APPROVAL_PROPOSED', '呈请审批'],
  ['APPROVAL_REFUSED', '审批不同意'],
  ['MEASURE_SUMMONED', '传唤到案'],
  ['DECIDE_PENALTY', '作出处罚决定'],
  // Not one of ours: shown as it is, never dropped.
  ['ESCALATION_THIRD_LEVEL', 'ESCALATION_THIRD_LEVEL'],
  ['SOMETHING_NEW', 'SOMETHING_NEW'],
])('%s reads %s', (code, label) => {
  expect(auditActionLabel(code)).toBe(label);
});
