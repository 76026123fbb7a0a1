// Zod building blocks shared by the routes' schemas.
import { z } from 'zod';
import { isUnitId } from '../domain/units';

/** Trimmed, non-empty text of at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** One of a table's keys (the domain's tables of stages, actions, kinds …). */
export const enumOf = <T extends Record<string, unknown>>(table: T) =>
  z.enum(Object.keys(table) as [keyof T & string, ...(keyof T & string)[]]);

/** An ISO 8601 instant with an offset, such as 2026-11-25T09:00:00+08:00. */
export const instant = z.iso.datetime({ offset: true });

/** Path parameters naming one workflow: `case-<uuid>` or `alarm-<uuid>`. */
export const idParams = (prefix: 'case' | 'alarm') =>
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
