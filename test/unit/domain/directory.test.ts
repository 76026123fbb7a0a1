// The directory's rules: whom a case may be reassigned to, and what makes a directory loadable.
import {
  directoryProblems,
  reassignmentTargetRefusal,
  type Directory,
  type DirectoryPerson,
} from '../../../domain/directory';
import { DEVELOPMENT_DIRECTORY } from '../../../domain/development-directory';

const person = (over: Partial<DirectoryPerson> & { id: string }): DirectoryPerson => ({
  name: over.id,
  unitId: 'gaj.cg',
  roles: ['HANDLER'],
  active: true,
  ...over,
});

describe('reassignmentTargetRefusal', () => {
  const CASE_UNIT = 'gaj.cg';
  const loaded = (handlerId: string, found?: DirectoryPerson) => ({
    handlerId,
    person: found,
    directoryHoldsPeople: true,
  });

  it.each<[string, ReturnType<typeof loaded>]>([
    ['an active handler of the case unit', loaded('officer-li', person({ id: 'officer-li' }))],
    [
      'a handler who is also the unit leader',
      loaded('leader-zhao', person({ id: 'leader-zhao', roles: ['UNIT_LEADER', 'HANDLER'] })),
    ],
  ])('accepts %s', (_, target) => {
    expect(reassignmentTargetRefusal(target, CASE_UNIT)).toBeUndefined();
  });

  it.each<[string, ReturnType<typeof loaded>, RegExp]>([
    ['somebody the directory does not know', loaded('officer-x'), /officer-x is nobody in the/],
    [
      'a handler who has left',
      loaded('officer-xu', person({ id: 'officer-xu', name: '徐警官', active: false })),
      /officer-xu \(徐警官\) is no longer active/,
    ],
    [
      'the unit leader',
      loaded('leader-zhao', person({ id: 'leader-zhao', roles: ['UNIT_LEADER'] })),
      /is not a HANDLER \(办案民警\) but UNIT_LEADER/,
    ],
    [
      'a handler of another station',
      loaded('officer-chen', person({ id: 'officer-chen', unitId: 'gaj.xq' })),
      /is a handler of gaj\.xq, not of the case's unit gaj\.cg/,
    ],
    [
      'a handler of a squad below the case unit',
      loaded('officer-liu', person({ id: 'officer-liu', unitId: 'gaj.cg.zaz' })),
      /is a handler of gaj\.cg\.zaz, not of the case's unit gaj\.cg/,
    ],
    [
      'a handler of the bureau above it',
      loaded('officer-gaj', person({ id: 'officer-gaj', unitId: 'gaj' })),
      /is a handler of gaj, not of the case's unit/,
    ],
    [
      'a prosecutor',
      loaded(
        'jcg-chen',
        person({ id: 'jcg-chen', unitId: null, orgId: 'xjcy', roles: ['PROSECUTOR'] }),
      ),
      /is not a HANDLER/,
    ],
  ])('refuses %s, naming handlerId and where to pick from', (_, target, why) => {
    const refusal = reassignmentTargetRefusal(target, CASE_UNIT);
    expect(refusal).toMatch(why);
    expect(refusal).toMatch(/^handlerId /);
    expect(refusal).toContain('GET /directory/people?unit=gaj.cg&role=HANDLER');
  });

  it('accepts anyone when no directory has been loaded: there is nothing to check against', () => {
    expect(
      reassignmentTargetRefusal(
        { handlerId: 'officer-x', person: undefined, directoryHoldsPeople: false },
        CASE_UNIT,
      ),
    ).toBeUndefined();
  });
});

describe('directoryProblems', () => {
  it('finds none in the development directory', () => {
    expect(directoryProblems(DEVELOPMENT_DIRECTORY)).toEqual([]);
  });

  it('gives the development directory a handler and a leader in every station, and every role', () => {
    const stations = DEVELOPMENT_DIRECTORY.units.filter((u) => u.kind === 'STATION');
    expect(stations.length).toBeGreaterThanOrEqual(2);
    for (const station of stations) {
      const roles = DEVELOPMENT_DIRECTORY.people
        .filter((p) => p.unitId === station.id && p.active)
        .flatMap((p) => p.roles);
      expect([station.id, roles]).toEqual([station.id, expect.arrayContaining(['HANDLER'])]);
      expect(roles).toContain('UNIT_LEADER');
    }
    const everyRole = new Set(DEVELOPMENT_DIRECTORY.people.flatMap((p) => p.roles));
    expect([...everyRole].sort()).toEqual(
      [
        'BUREAU_LEADER',
        'CASE_CENTER',
        'DUTY_LEADER',
        'HANDLER',
        'JUDGE',
        'LEGAL_OFFICER',
        'PROSECUTOR',
        'UNIT_LEADER',
      ].sort(),
    );
  });

  const base: Directory = {
    units: [
      { id: 'gaj', name: '县公安局', kind: 'BUREAU' },
      { id: 'gaj.cg', name: '城关派出所', kind: 'STATION' },
    ],
    organisations: [
      { id: 'xjcy', name: '县人民检察院', kind: 'PROCURATORATE' },
      { id: 'xfy', name: '县人民法院', kind: 'COURT' },
    ],
    people: [],
  };

  it.each<[string, Partial<Directory>, RegExp]>([
    [
      'a unit whose parent is missing',
      { units: [{ id: 'gaj.xq.zaz', name: '治安中队', kind: 'TEAM' }] },
      /unit gaj\.xq\.zaz: its parent gaj\.xq is not in the directory/,
    ],
    [
      'a unit id out of the format',
      { units: [{ id: 'gaj..cg', name: '?', kind: 'STATION' }] },
      /unit gaj\.\.cg: is not a unit id/,
    ],
    [
      'a person of an unknown unit',
      { people: [person({ id: 'p1', unitId: 'gaj.xq' })] },
      /person p1: unit gaj\.xq is not in the directory/,
    ],
    [
      'a police role without a unit',
      { people: [person({ id: 'p1', unitId: null })] },
      /person p1: unit is required for police roles/,
    ],
    [
      'a prosecutor placed in a court',
      { people: [person({ id: 'p1', unitId: null, orgId: 'xfy', roles: ['PROSECUTOR'] })] },
      /person p1: xfy is a COURT, not a PROCURATORATE/,
    ],
    [
      'a prosecutor who is also a judge',
      {
        people: [person({ id: 'p1', unitId: null, orgId: 'xjcy', roles: ['PROSECUTOR', 'JUDGE'] })],
      },
      /person p1: roles must belong to one office/,
    ],
    [
      'one person twice',
      { people: [person({ id: 'p1' }), person({ id: 'p1' })] },
      /person p1: listed twice/,
    ],
  ])('finds %s', (_, change, why) => {
    const directory: Directory = {
      units: [...base.units, ...(change.units ?? [])],
      organisations: base.organisations,
      people: change.people ?? [],
    };
    expect(directoryProblems(directory)).toContainEqual(expect.stringMatching(why));
  });
});
