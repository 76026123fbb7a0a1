// Zod building blocks shared by the routes' schemas.
import { z } from 'zod';
import { isUnitId } from '../domain/units';
import type { Role } from '../domain/roles';

/**
 * Where the first control character is (C0 and DEL, except tab, newline and carriage return), or
 * -1. PostgreSQL refuses NUL in text; the others have no place in a record a person reads.
 */
function firstControlCharacter(value: string): number {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return i;
  }
  return -1;
}

/** Refuses text with a control character, naming the first one and where it is. */
const withoutControlCharacters = (value: string, ctx: z.RefinementCtx) => {
  const at = firstControlCharacter(value);
  if (at >= 0) {
    const code = value.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
    ctx.addIssue({
      code: 'custom',
      message: `must not contain control characters (U+${code} at position ${at + 1})`,
    });
  }
};

/** Trimmed, non-empty text of at most `max` characters, without control characters. */
export const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max).superRefine(withoutControlCharacters);

/** The instants a record may hold: years the legal calendar and the database both handle. */
const EARLIEST = Date.UTC(1970, 0, 1);
const BEFORE = Date.UTC(2200, 0, 1);

/** One of a table's keys (the domain's tables of stages, actions, kinds …). */
export const enumOf = <T extends Record<string, unknown>>(table: T) =>
  z.enum(Object.keys(table) as [keyof T & string, ...(keyof T & string)[]]);

/** An ISO 8601 instant with an offset, such as 2026-11-25T09:00:00+08:00, from 1970 to 2199. */
export const instant = z.iso.datetime({ offset: true }).refine((value) => {
  const at = Date.parse(value);
  return at >= EARLIEST && at < BEFORE;
}, 'must be between 1970-01-01 and 2199-12-31');

/** Path parameters naming one workflow: `case-<uuid>`, `alarm-<uuid>` or `lit-<uuid>`. */
export const idParams = (prefix: 'case' | 'alarm' | 'lit') =>
  z.strictObject({
    id: z
      .string()
      .regex(
        new RegExp(`^${prefix}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`),
        `must be a ${prefix} id such as ${prefix}-<uuid>`,
      ),
  });

/** A unit id: dot-separated segments of letters, digits, `_` and `-` (see domain/units.ts). */
export const unitId = z
  .string()
  .refine(isUnitId, 'must be a unit id such as gaj.xc (dot-separated letters, digits, _ and -)');

/** A proposal's path parameters: its case or alarm, and the proposal (`case-<uuid>:PROPOSAL:1`). */
export const proposalParams = (prefix: 'case' | 'alarm') =>
  idParams(prefix).extend({
    proposalId: z
      .string()
      .regex(
        new RegExp(
          `^${prefix}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:PROPOSAL:\\d{1,6}$`,
        ),
        `must be a proposal id such as ${prefix}-<uuid>:PROPOSAL:1`,
      ),
  });

/** An approver's decision on the step of a proposal that waits on them (审批). */
export const proposalDecisionBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('APPROVE'), note: text(2000).optional() }),
  z.strictObject({ decision: z.literal('REFUSE'), reason: text(2000) }),
]);

/** The proposer withdraws a proposal still waiting for a decision. */
export const withdrawalBody = z.strictObject({ reason: text(2000).optional() });

/** The command an approver's decision or a withdrawal sends, to a case or an alarm alike. */
export function proposalCommand(
  body:
    | z.infer<typeof proposalDecisionBody>
    | (z.infer<typeof withdrawalBody> & { decision: 'WITHDRAW' }),
  proposalId: string,
  actor: { id: string; role: Role },
  at: number,
) {
  const step = { actor, at, proposalId };
  switch (body.decision) {
    case 'APPROVE':
      return { type: 'APPROVE' as const, ...step, ...(body.note ? { note: body.note } : {}) };
    case 'REFUSE':
      return { type: 'REFUSE' as const, ...step, reason: body.reason };
    case 'WITHDRAW':
      return {
        type: 'WITHDRAW' as const,
        ...step,
        ...(body.reason ? { reason: body.reason } : {}),
      };
  }
}
