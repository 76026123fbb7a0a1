// Who may read Temporal histories in clear (the codec endpoint).
import { historyReaderRole, type Principal } from '../../../domain/access';
import type { Role } from '../../../domain/roles';

const someone = (roles: Role[], where: { unit?: string; org?: string }): Principal => ({
  id: 'p1',
  name: 'p1',
  roles,
  ...where,
});

describe('historyReaderRole', () => {
  it.each<[string, Principal, Role]>([
    ['the case centre of the bureau', someone(['CASE_CENTER'], { unit: 'gaj' }), 'CASE_CENTER'],
    ['a bureau leader', someone(['BUREAU_LEADER'], { unit: 'gaj' }), 'BUREAU_LEADER'],
    [
      'a bureau leader who is also on duty',
      someone(['DUTY_LEADER', 'BUREAU_LEADER'], { unit: 'gaj' }),
      'BUREAU_LEADER',
    ],
  ])('lets %s read', (_, person, role) => {
    expect(historyReaderRole(person)).toEqual({ ok: true, role });
  });

  it.each<[string, Principal, RegExp]>([
    ['a handler of the bureau', someone(['HANDLER'], { unit: 'gaj' }), /your roles are HANDLER/],
    [
      'a duty leader of the bureau',
      someone(['DUTY_LEADER'], { unit: 'gaj' }),
      /BUREAU_LEADER or CASE_CENTER/,
    ],
    ['a unit leader of the bureau', someone(['UNIT_LEADER'], { unit: 'gaj' }), /UNIT_LEADER/],
    ['a legal officer of the bureau', someone(['LEGAL_OFFICER'], { unit: 'gaj' }), /LEGAL_OFFICER/],
    [
      'the case centre of a station',
      someone(['CASE_CENTER'], { unit: 'gaj.cg' }),
      /gaj\.cg covers only part/,
    ],
    [
      'a bureau leader placed in a squad',
      someone(['BUREAU_LEADER'], { unit: 'gaj.cg.zaz' }),
      /root of the unit tree/,
    ],
    ['a prosecutor', someone(['PROSECUTOR'], { org: 'xjcy' }), /your roles are PROSECUTOR/],
    ['a judge', someone(['JUDGE'], { org: 'xfy' }), /your roles are JUDGE/],
  ])('refuses %s, saying why', (_, person, why) => {
    const answer = historyReaderRole(person);
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.reason).toMatch(why);
  });
});
