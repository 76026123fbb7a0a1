// npm run token -- --role HANDLER --unit gaj.xc [--role UNIT_LEADER] [--org jcy] [--id p001]
//   [--name 张三] [--ttl 8h]: prints a development bearer token, signed with the same secret
// the API verifies with (JWT_SECRET, or DATA_DIR/jwt-secret). Only the token goes to stdout, so
// `TOKEN=$(npm run -s token -- --role HANDLER --unit gaj.xc)` works.
import { parseArgs } from 'node:util';
import type { Principal } from '../domain/access';
import { isRole, type Role } from '../domain/roles';
import { environmentWithDotEnv, loadConfig } from '../platform/config';
import { issueToken, loadIdentityConfig } from '../platform/identity';

const USAGE =
  'usage: npm run token -- --role ROLE [--role ROLE…] (--unit UNIT | --org ORG) [--id ID] [--name NAME] [--ttl 8h]';

/** 90s, 30m, 8h, 7d → seconds. */
function parseTtl(text: string): number | undefined {
  const match = /^(\d+)([smhd])$/.exec(text);
  if (!match) return undefined;
  const factor = { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * factor;
}

async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      unit: { type: 'string' },
      org: { type: 'string' },
      id: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
    },
    strict: true,
  });
  const roles = values.role ?? [];
  const unknown = roles.filter((r) => !isRole(r));
  if (roles.length === 0 || unknown.length > 0) {
    throw new Error(
      `${unknown.length ? `unknown role(s): ${unknown.join(', ')}` : '--role is required'}\n${USAGE}`,
    );
  }
  const ttl = parseTtl(values.ttl);
  if (!ttl) throw new Error(`--ttl must look like 90s, 30m, 8h or 7d, not ${values.ttl}\n${USAGE}`);
  const first = roles[0]!.toLowerCase();
  const principal: Principal = {
    id: values.id ?? `${first}-${values.unit ?? values.org ?? 'dev'}`,
    name: values.name ?? `${first} (dev)`,
    roles: roles as Role[],
    ...(values.unit ? { unit: values.unit } : {}),
    ...(values.org ? { org: values.org } : {}),
  };
  const config = loadConfig(environmentWithDotEnv(process.env));
  console.log(await issueToken(loadIdentityConfig(config), principal, ttl));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
