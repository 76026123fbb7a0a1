// The development directory: a county bureau with two stations, a squad and two brigades, the
// county procuratorate and court. `npm start` loads it outside production (composition/system.ts);
// the README's walkthrough uses its people (officer-li, leader-zhao, jcg-chen …).
import type { Directory, DirectoryPerson } from './directory';
import type { Role } from './roles';

const police = (id: string, name: string, unitId: string, ...roles: Role[]): DirectoryPerson => ({
  id,
  name,
  unitId,
  roles,
  active: true,
});
const official = (id: string, name: string, orgId: string, role: Role): DirectoryPerson => ({
  id,
  name,
  orgId,
  roles: [role],
  active: true,
});

export const DEVELOPMENT_DIRECTORY: Directory = {
  units: [
    { id: 'gaj', name: '县公安局', kind: 'BUREAU' },
    { id: 'gaj.cg', name: '城关派出所', kind: 'STATION' },
    { id: 'gaj.cg.zaz', name: '城关派出所治安中队', kind: 'TEAM' },
    { id: 'gaj.xq', name: '新区派出所', kind: 'STATION' },
    { id: 'gaj.xjdd', name: '刑事侦查大队', kind: 'BRIGADE' },
    { id: 'gaj.zadd', name: '治安管理大队', kind: 'BRIGADE' },
  ],
  organisations: [
    { id: 'xjcy', name: '县人民检察院', kind: 'PROCURATORATE' },
    { id: 'xfy', name: '县人民法院', kind: 'COURT' },
  ],
  people: [
    // The bureau: its leaders, the duty leader, the legal officer and the case-management centre
    // sit at the root, so that they oversee every unit.
    police('bureau-lin', '林局长', 'gaj', 'BUREAU_LEADER'),
    police('bureau-guo', '郭副局长', 'gaj', 'BUREAU_LEADER'),
    police('duty-qian', '钱值班领导', 'gaj', 'DUTY_LEADER'),
    police('legal-wang', '王法制员', 'gaj', 'LEGAL_OFFICER'),
    police('center-zhou', '案管中心周', 'gaj', 'CASE_CENTER'),
    // 城关派出所
    police('leader-zhao', '赵所长', 'gaj.cg', 'UNIT_LEADER'),
    police('duty-feng', '冯副所长', 'gaj.cg', 'DUTY_LEADER'),
    police('legal-he', '何法制员', 'gaj.cg', 'LEGAL_OFFICER'),
    police('officer-li', '李警官', 'gaj.cg', 'HANDLER'),
    police('officer-zhang', '张警官', 'gaj.cg', 'HANDLER'),
    { ...police('officer-xu', '徐警官', 'gaj.cg', 'HANDLER'), active: false },
    police('leader-shen', '沈中队长', 'gaj.cg.zaz', 'UNIT_LEADER'),
    police('officer-liu', '刘警官', 'gaj.cg.zaz', 'HANDLER'),
    // 新区派出所
    police('leader-sun', '孙所长', 'gaj.xq', 'UNIT_LEADER'),
    police('officer-chen', '陈警官', 'gaj.xq', 'HANDLER'),
    police('officer-yang', '杨警官', 'gaj.xq', 'HANDLER'),
    // The brigades
    police('leader-ma', '马大队长', 'gaj.xjdd', 'UNIT_LEADER'),
    police('officer-huang', '黄警官', 'gaj.xjdd', 'HANDLER'),
    police('officer-zhou', '周警官', 'gaj.xjdd', 'HANDLER'),
    police('leader-hu', '胡大队长', 'gaj.zadd', 'UNIT_LEADER'),
    police('officer-wu', '吴警官', 'gaj.zadd', 'HANDLER'),
    // The county procuratorate and court
    official('jcg-chen', '陈检察官', 'xjcy', 'PROSECUTOR'),
    official('jcg-he', '何检察官', 'xjcy', 'PROSECUTOR'),
    official('judge-sun', '孙法官', 'xfy', 'JUDGE'),
    official('judge-lu', '卢法官', 'xfy', 'JUDGE'),
  ],
};
