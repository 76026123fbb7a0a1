import { excessPowers, type RolePowers } from '../../../platform/database-roles';

const app: RolePowers = {
  role: 'case_app',
  superuser: false,
  bypassRls: false,
  createRole: false,
  ownedAuditTables: [],
  rewritableAuditTables: [],
};

describe('excessPowers: what lets a role rewrite the audit unnoticed', () => {
  it.each<[string, Partial<RolePowers>, string[]]>([
    ['the application role as provisioned', {}, []],
    [
      'a superuser',
      { superuser: true, rewritableAuditTables: ['request_audit'] },
      ['is a superuser'],
    ],
    [
      'a role that may create roles',
      { createRole: true },
      ['may create roles (and so grant itself anything)'],
    ],
    [
      'the owner of the audit tables',
      {
        ownedAuditTables: ['request_audit', 'audit_events'],
        rewritableAuditTables: ['request_audit', 'audit_events'],
      },
      [
        'owns request_audit, audit_events (an owner can disable the triggers that keep them append-only)',
      ],
    ],
    [
      'a role granted UPDATE on one audit table',
      { rewritableAuditTables: ['audit_events'] },
      ['may UPDATE, DELETE or TRUNCATE audit_events'],
    ],
  ])('%s', (_, powers, expected) => {
    expect(excessPowers({ ...app, ...powers })).toEqual(expected);
  });
});
