// Request validation with zod: a failure becomes a 400 problem naming each field and rule.
import type { z } from 'zod';
import { validationProblem } from './problem';

export function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'path' | 'query',
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationProblem(result.error, where);
  return result.data;
}
