// Bearer tokens: JWTs signed with HS256 (jose). The secret is JWT_SECRET, or a random one kept in
// DATA_DIR/jwt-secret so that `npm start` and `npm run token` agree on a fresh machine.
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { principalRefusal, STAFF_ROLES, type Principal } from '../domain/access';
import type { Role } from '../domain/roles';
import { isUnitId } from '../domain/units';
import { readOrCreateSecret } from './secret-file';

export const AUDIENCE = 'case-orchestrator-api';
const ALGORITHM = 'HS256';

export interface IdentityConfig {
  secret: Uint8Array;
  issuer: string;
  /** The longest a token may live, from its issue to its expiry. */
  maxLifetimeSeconds: number;
}

/** JWT_SECRET, else DATA_DIR/jwt-secret (created with 32 random bytes, readable by its owner only). */
export function loadIdentityConfig(config: {
  JWT_SECRET?: string;
  JWT_ISSUER: string;
  JWT_MAX_LIFETIME_HOURS: number;
  DATA_DIR: string;
}): IdentityConfig {
  const maxLifetimeSeconds = config.JWT_MAX_LIFETIME_HOURS * 3600;
  if (config.JWT_SECRET) {
    return {
      secret: new TextEncoder().encode(config.JWT_SECRET),
      issuer: config.JWT_ISSUER,
      maxLifetimeSeconds,
    };
  }
  return {
    secret: new TextEncoder().encode(readOrCreateSecret(config.DATA_DIR, 'jwt-secret')),
    issuer: config.JWT_ISSUER,
    maxLifetimeSeconds,
  };
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  roles: z.array(z.enum(STAFF_ROLES as [Role, ...Role[]])).min(1),
  unit: z
    .string()
    .refine(isUnitId, 'must be a unit id such as gaj.xc (dot-separated segments)')
    .optional(),
  org: z.string().min(1).max(100).optional(),
});

export class IdentityError extends Error {}

/** The person a bearer token names; throws IdentityError saying what is wrong with it. */
export async function verifyToken(identity: IdentityConfig, token: string): Promise<Principal> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, identity.secret, {
      issuer: identity.issuer,
      audience: AUDIENCE,
      algorithms: [ALGORITHM],
      requiredClaims: ['exp', 'iat', 'sub'],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new IdentityError('The token has expired.');
    if (error instanceof errors.JWSSignatureVerificationFailed)
      throw new IdentityError('The token’s signature does not verify.');
    if (error instanceof errors.JWTClaimValidationFailed)
      throw new IdentityError(`The token's "${error.claim}" claim is not acceptable.`);
    throw new IdentityError('The token is not a valid JWT for this API.');
  }
  const { exp, iat } = payload as { exp: number; iat: number };
  const lifetime = lifetimeRefusal(exp - iat, identity);
  if (lifetime) throw new IdentityError(`The token ${lifetime}`);
  return principalOf(payload);
}

/** The person the claims describe; throws IdentityError naming the claim that is wrong. */
function principalOf(payload: unknown): Principal {
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) {
    const issue = claims.error.issues[0]!;
    throw new IdentityError(`The token's "${issue.path.join('.')}" claim ${issue.message}.`);
  }
  const principal: Principal = {
    id: claims.data.sub,
    name: claims.data.name,
    roles: [...new Set(claims.data.roles)],
    ...(claims.data.unit ? { unit: claims.data.unit } : {}),
    ...(claims.data.org ? { org: claims.data.org } : {}),
  };
  const refusal = principalRefusal(principal);
  if (refusal) throw new IdentityError(`The token does not describe a person: ${refusal}`);
  return principal;
}

const lifetimeRefusal = (seconds: number, identity: IdentityConfig) =>
  seconds > identity.maxLifetimeSeconds
    ? `lives ${seconds} s, longer than the ${identity.maxLifetimeSeconds} s allowed (JWT_MAX_LIFETIME_HOURS).`
    : undefined;

/** A signed token for a person, valid for `ttlSeconds`. */
export async function issueToken(
  identity: IdentityConfig,
  principal: Principal,
  ttlSeconds: number,
): Promise<string> {
  // What the API would refuse is not issued: the same checks, before signing.
  principalOf({ sub: principal.id, ...principal });
  const lifetime = lifetimeRefusal(ttlSeconds, identity);
  if (lifetime) throw new IdentityError(`A token that ${lifetime}`);
  return new SignJWT({
    name: principal.name,
    roles: principal.roles,
    ...(principal.unit ? { unit: principal.unit } : {}),
    ...(principal.org ? { org: principal.org } : {}),
  })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(principal.id)
    .setIssuer(identity.issuer)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(identity.secret);
}
