// The web app's development sign-in (开发登录): the directory's people, and a token for any one of
// them, with no password. Only where DEV_SIGN_IN allows it (never in production, see
// platform/config.ts); elsewhere these paths answer 404 like any unknown one, and the app's token
// comes from the bureau's identity provider.
import { Router } from 'express';
import { z } from 'zod';
import type { Principal } from '../../domain/access';
import { issueToken } from '../../platform/identity';
import type { ApiDeps } from '../deps';
import { personView } from '../directory/read-model';
import { operation } from '../operation';
import { HttpProblem } from '../problem';
import { text } from '../schemas';

/** A working day: long enough for a demonstration, within the configured maximum. */
const SIGN_IN_HOURS = 8;

export const signInBody = z.strictObject({ personId: text(100) });

const PEOPLE = { include: { unit: true, organisation: true } } as const;

export function signInRoutes(deps: ApiDeps) {
  const router = Router();
  const refuseUnlessEnabled = () => {
    if (!deps.devSignIn) {
      throw new HttpProblem(
        404,
        'Not found',
        'Development sign-in is off here (DEV_SIGN_IN): sign in with a token from the identity provider.',
      );
    }
  };

  operation(
    router,
    deps,
    {
      id: 'sign-in.people',
      method: 'get',
      path: '/sign-in/people',
      summary:
        'Development sign-in: the active people of the directory, to sign in as (404 where it is off)',
      roles: 'PUBLIC',
      success: { 200: '{ items }' },
      errors: [404],
    },
    async () => {
      refuseUnlessEnabled();
      const rows = await deps.prisma.directoryPerson.findMany({
        where: { active: true },
        orderBy: [{ unitId: 'asc' }, { orgId: 'asc' }, { id: 'asc' }],
        ...PEOPLE,
      });
      return { body: { items: rows.map(personView) } };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'sign-in.token',
      method: 'post',
      path: '/sign-in',
      summary: 'Development sign-in: a bearer token for one active person of the directory',
      roles: 'PUBLIC',
      body: signInBody,
      readsOnly: true,
      success: { 200: '{ token, expiresAt, person }' },
      errors: [404, 422],
    },
    async ({ body }) => {
      refuseUnlessEnabled();
      const row = await deps.prisma.directoryPerson.findUnique({
        where: { id: body.personId },
        ...PEOPLE,
      });
      if (!row || !row.active) {
        throw new HttpProblem(
          422,
          'Sign-in refused',
          `body.personId: ${body.personId} is not an active person of the directory.`,
        );
      }
      const person = personView(row);
      const principal: Principal = {
        id: row.id,
        name: row.name,
        roles: person.roles.map((r) => r.code),
        ...(row.unitId ? { unit: row.unitId } : {}),
        ...(row.orgId ? { org: row.orgId } : {}),
      };
      const seconds = Math.min(SIGN_IN_HOURS * 3600, deps.identity.maxLifetimeSeconds);
      const token = await issueToken(deps.identity, principal, seconds);
      return {
        body: { token, expiresAt: new Date(Date.now() + seconds * 1000).toISOString(), person },
      };
    },
  );

  return router;
}
