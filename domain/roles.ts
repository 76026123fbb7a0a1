// 角色: who works on a case. A person acts only within their unit (leaders: their unit and below;
// prosecutors and judges: cases handed to their organisation; parties: their own receipt's case).
import type { Labelled } from './labels';

export const ROLES = {
  HANDLER: '办案民警',
  LEGAL_OFFICER: '法制员',
  DUTY_LEADER: '值班领导',
  UNIT_LEADER: '所队领导',
  BUREAU_LEADER: '分局领导',
  CASE_CENTER: '案管中心',
  PROSECUTOR: '检察官',
  JUDGE: '法官',
  PARTY: '当事人',
} as const;
export type Role = keyof typeof ROLES;

export const isRole = (value: string): value is Role => Object.hasOwn(ROLES, value);

export function role(code: Role): Labelled<Role> {
  return { code, label: ROLES[code] };
}
