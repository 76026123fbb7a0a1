// Tokens as an attacker would mint them with the signing secret's help or without it: roles of
// several agencies in one token, a lifetime of years. The API refuses them, and `npm run token`
// (issueToken) does not issue what the API would refuse.
import { SignJWT } from 'jose';
import type { Principal } from '../../../domain/access';
import { AUDIENCE, issueToken, verifyToken, type IdentityConfig } from '../../../platform/identity';

const identity: IdentityConfig = {
  secret: new TextEncoder().encode('s'.repeat(64)),
  issuer: 'case-orchestrator',
  maxLifetimeSeconds: 12 * 3600,
};

/** A token signed with the real secret, whatever its claims: what a leaked secret could mint. */
function forged(claims: Record<string, unknown>, lifetimeSeconds: number) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('person-1')
    .setIssuer(identity.issuer)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + lifetimeSeconds)
    .sign(identity.secret);
}

const police: Principal = { id: 'p1', name: '李警官', roles: ['HANDLER'], unit: 'gaj.cg' };

describe('a token names one person of one agency, for a shift', () => {
  it.each<[string, Principal, RegExp]>([
    [
      'police and prosecutor together',
      { id: 'p1', name: '某', roles: ['HANDLER', 'PROSECUTOR'], unit: 'gaj.cg', org: 'xjcy' },
      /one office, not police and procuratorate together/,
    ],
    [
      'prosecutor and judge together',
      { id: 'p1', name: '某', roles: ['PROSECUTOR', 'JUDGE'], org: 'xjcy' },
      /one office, not procuratorate and court together/,
    ],
    [
      'a judge with a police unit',
      { id: 'p1', name: '某', roles: ['JUDGE'], org: 'xfy', unit: 'gaj.cg' },
      /unit is for police roles/,
    ],
  ])('refuses %s, at the API and at issue', async (_, principal, message) => {
    const { id, ...claims } = principal;
    const token = await forged({ ...claims, sub: id }, 3600);
    await expect(verifyToken(identity, token)).rejects.toThrow(message);
    await expect(issueToken(identity, principal, 3600)).rejects.toThrow(message);
  });

  it('accepts several police roles of one unit', async () => {
    const leader: Principal = { ...police, roles: ['HANDLER', 'UNIT_LEADER'] };
    const token = await issueToken(identity, leader, 3600);
    await expect(verifyToken(identity, token)).resolves.toMatchObject({
      roles: ['HANDLER', 'UNIT_LEADER'],
    });
  });

  it('refuses a token that lives longer than the configured maximum, and does not issue one', async () => {
    const { id, ...claims } = police;
    const token = await forged({ ...claims, sub: id }, 99_999 * 86_400);
    await expect(verifyToken(identity, token)).rejects.toThrow(
      'longer than the 43200 s allowed (JWT_MAX_LIFETIME_HOURS)',
    );
    await expect(issueToken(identity, police, 12 * 3600 + 1)).rejects.toThrow(
      'longer than the 43200 s allowed',
    );
    await expect(
      verifyToken(identity, await issueToken(identity, police, 12 * 3600)),
    ).resolves.toMatchObject({ id: 'p1' });
  });

  it('refuses a token without its issue time, since its lifetime cannot be judged', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ name: '李警官', roles: ['HANDLER'], unit: 'gaj.cg' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('p1')
      .setIssuer(identity.issuer)
      .setAudience(AUDIENCE)
      .setExpirationTime(now + 60)
      .sign(identity.secret);
    await expect(verifyToken(identity, token)).rejects.toThrow('"iat" claim');
  });
});
