// POST /codec/decode: Temporal's Remote Codec Server protocol, decode only, so that the CLI
// (`temporal workflow show --codec-endpoint http://…/codec --codec-auth "Bearer …"`) and the Web UI
// can show a history's payloads in clear. /codec/encode is not offered: it would let a token holder
// forge payloads that the workflows accept as the API's.
import express, { Router, type RequestHandler } from 'express';
import { METADATA_ENCODING_KEY, ValueError, type Payload } from '@temporalio/common';
import { z } from 'zod';
import { HISTORY_READER_ROLES, historyReaderRole } from '../../domain/access';
import { ENCRYPTED_ENCODING } from '../../platform/payload-codec';
import type { ApiDeps } from '../deps';
import { operation } from '../operation';
import { HttpProblem, sendProblem } from '../problem';

/**
 * The CLI sends one event's payloads per request; Temporal accepts payloads of up to 2 MB, which
 * base64 makes 2.7 MB. The rest of the API keeps its 64 KB (app.ts).
 */
export const CODEC_BODY_LIMIT = '3mb';

/** The headers the CLI and the Web UI send: the token, the JSON body, and the namespace. */
const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Namespace';

/** Bytes in proto3 JSON: base64, standard or URL-safe alphabet, with or without padding. */
const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64 (proto3 JSON bytes)')
  .refine((text) => text.replace(/=+$/, '').length % 4 !== 1, 'must be base64: it is cut short');

/** A temporal.api.common.v1.Payload in proto3 JSON. */
const jsonPayload = z.strictObject({
  metadata: z.record(z.string(), base64).nullish(),
  data: base64.nullish(),
});
type JsonPayload = z.output<typeof jsonPayload>;

/** temporal.api.common.v1.Payloads in proto3 JSON; the Go SDK sends `{}` when there are none. */
export const decodeBody = z.strictObject({
  payloads: z.array(jsonPayload).nullish(),
});

const bytes = (text: string | null | undefined) => Buffer.from(text ?? '', 'base64');

const isEncrypted = (p: JsonPayload) =>
  bytes(p.metadata?.[METADATA_ENCODING_KEY]).toString('utf8') === ENCRYPTED_ENCODING;

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, bytes(v)])),
  data: bytes(p.data),
});

const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/**
 * CORS for the Web UI, whose pages call the codec from another origin: the preflight (OPTIONS,
 * no token) is answered here, and every answer, refusals included, names an admitted origin.
 */
export function codecCors(origins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    const admitted = origin !== undefined && origins.includes(origin);
    res.vary('Origin');
    if (admitted) res.setHeader('Access-Control-Allow-Origin', origin);
    if (req.method !== 'OPTIONS') return next();
    if (origin !== undefined && !admitted) {
      return sendProblem(
        res,
        new HttpProblem(
          403,
          'Origin not admitted',
          `Pages from ${origin} may not call the codec endpoint. Add the origin to CODEC_CORS_ORIGINS (now ${origins.join(', ') || 'none'}).`,
        ),
      );
    }
    res.setHeader('Allow', 'POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Methods', 'POST');
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}

/** The codec's own body parser, mounted before the API's 64 KB one (which then leaves it be). */
export const codecBodyParser = () => express.json({ limit: CODEC_BODY_LIMIT });

export function codecRoutes(deps: ApiDeps) {
  const router = Router();
  operation(
    router,
    deps,
    {
      id: 'codec.decode',
      method: 'post',
      path: '/codec/decode',
      summary:
        "Temporal's Remote Codec Server protocol, decode only: a history's payloads in clear, for `temporal workflow show --codec-endpoint http://HOST:PORT/codec` and the Web UI. For a bureau leader or the case centre of a unit at the root of the unit tree. Bodies up to 3 MB.",
      roles: HISTORY_READER_ROLES,
      body: decodeBody,
      readsOnly: true,
      success: {
        200: 'the payloads in the same order: encrypted ones decrypted, the others unchanged',
      },
    },
    async ({ principal, body, req, res }) => {
      const reader = historyReaderRole(principal);
      if (!reader.ok) throw new HttpProblem(403, 'Forbidden', reader.reason);
      res.locals.actingRole = reader.role;
      if (req.body === undefined && Number(req.get('content-length') ?? 0) > 0) {
        throw new HttpProblem(
          400,
          'Invalid request',
          `body: send the payloads as JSON with Content-Type: application/json, not ${req.get('content-type') ?? 'no Content-Type'}.`,
          [{ field: 'body', rule: 'must be JSON (Content-Type: application/json)' }],
        );
      }
      const payloads: JsonPayload[] = [];
      for (const [index, payload] of (body.payloads ?? []).entries()) {
        payloads.push(await decodeOne(deps, payload, index));
      }
      return { body: { payloads } };
    },
  );

  router.all('/codec/encode', (_req, res) =>
    sendProblem(
      res,
      new HttpProblem(
        404,
        'Not offered',
        'This codec endpoint decodes only (POST /codec/decode). Encoding is not offered: it would let anyone with a token make payloads that the workflows accept as the API’s. Send actions through the API’s operations.',
      ),
    ),
  );
  return router;
}

/** One payload decrypted, or returned as it came if it is not encrypted; 400 naming it if it cannot be. */
async function decodeOne(deps: ApiDeps, payload: JsonPayload, index: number) {
  if (!isEncrypted(payload)) return payload;
  try {
    const [decoded] = await deps.payloadCodec.decode([fromJson(payload)]);
    return toJson(decoded!);
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    const field = `body.payloads.${index}`;
    throw new HttpProblem(
      400,
      'Payload not decoded',
      `${field}: ${error.message} This API decrypts with the keys of TEMPORAL_PAYLOAD_KEYS (or DATA_DIR/temporal-payload-key): a payload written by another system, or under a key removed since, cannot be read here.`,
      [{ field, rule: error.message }],
    );
  }
}
