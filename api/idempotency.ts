// Idempotency-Key on mutating requests: the first response is stored under the caller's id and
// key, and a retry gets it back without acting again. The key also derives the id of the Temporal
// action (update id, workflow id), so that even a retry after a crash mid-request acts once.
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Principal } from '../domain/access';
import type { Prisma } from '../platform/database';
import { HttpProblem, problemBody, toProblem } from './problem';
import type { OperationResult } from './operation';

const KEY = /^[\x21-\x7e]{1,200}$/;
/** A request that started this long ago and never finished (its process died) may be re-run. */
const ABANDONED_AFTER_MS = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Stored {
  status: number;
  body: unknown;
  location?: string;
}

export async function withIdempotency(
  prisma: Prisma,
  principal: Principal,
  req: Request,
  run: (actionId: string) => Promise<OperationResult>,
): Promise<OperationResult> {
  const key = req.get('idempotency-key') ?? '';
  if (!KEY.test(key)) {
    throw new HttpProblem(
      400,
      'Invalid Idempotency-Key',
      'Idempotency-Key must be 1 to 200 visible ASCII characters, for example a UUID.',
      [{ field: 'header.Idempotency-Key', rule: 'must be 1 to 200 visible ASCII characters' }],
    );
  }
  const id = `${principal.id}:${key}`;
  const requestHash = sha256(JSON.stringify([req.method, req.path, req.body ?? null]));
  const actionId = sha256(id).slice(0, 32);

  const created = await prisma.idempotencyKey.createMany({
    data: { id, method: req.method, path: req.path, requestHash },
    skipDuplicates: true,
  });
  if (created.count === 0) {
    const row = await prisma.idempotencyKey.findUniqueOrThrow({ where: { id } });
    if (row.requestHash !== requestHash) {
      throw new HttpProblem(
        422,
        'Idempotency-Key reused',
        `This Idempotency-Key was used for a different request (${row.method} ${row.path}); use a new key for a new request.`,
      );
    }
    if (row.status !== null) {
      const stored = row.response as unknown as Stored;
      return {
        status: stored.status,
        body: stored.body,
        ...(stored.location ? { location: stored.location } : {}),
        headers: { 'Idempotent-Replayed': 'true' },
      };
    }
    if (Date.now() - row.createdAt.getTime() < ABANDONED_AFTER_MS) {
      throw new HttpProblem(
        409,
        'Request in progress',
        'A request with this Idempotency-Key is still being handled; retry in a few seconds.',
      );
    }
    // Abandoned by a process that died: run again; the Temporal ids keep the action single.
  }

  let result: OperationResult;
  try {
    result = await run(actionId);
  } catch (error) {
    // A refusal is the answer to this request, and a retry gets it again; anything else
    // (Temporal or the database away) may succeed on a retry, so the key is freed.
    const problem = toProblem(error);
    if (problem.status < 500) {
      await store(prisma, id, { status: problem.status, body: problemBody(problem) });
    } else {
      await prisma.idempotencyKey.deleteMany({ where: { id, status: null } });
    }
    throw problem;
  }
  const status = result.status ?? 200;
  if (status < 500) {
    await store(prisma, id, {
      status,
      body: result.body,
      ...(result.location ? { location: result.location } : {}),
    });
  } else {
    await prisma.idempotencyKey.deleteMany({ where: { id, status: null } });
  }
  return result;
}

async function store(prisma: Prisma, id: string, stored: Stored) {
  await prisma.idempotencyKey.update({
    where: { id },
    data: {
      status: stored.status,
      response: stored as object,
      completedAt: new Date(),
    },
  });
}
