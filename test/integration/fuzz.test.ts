// Issue 9's fuzz test: 10,000 requests generated with fast-check from the app's own OpenAPI
// document (so a new endpoint is fuzzed without editing this file), sent to the running API with
// its worker, Temporal and PostgreSQL. No answer may be a 5xx, none may take longer than the
// timeout, and afterwards every case and alarm of the test still takes its next valid action.
// FUZZ_SEED varies the requests; a failure prints the request so that it can be sent again.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { DEADLINE_POLICIES } from '../../domain/deadline-policies';
import type { Role } from '../../domain/roles';
import { AUDIENCE, issueToken } from '../../platform/identity';
import { approveProposals, caller, okBody, person, testWorld } from '../support/api';
import { eventually, startTestApp, type TestApp } from '../support/app';
import type { Json } from '../support/http';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_260_009;
const REQUESTS = 10_000;
const CONCURRENCY = 8;
const REQUEST_TIMEOUT_MS = 15_000;

const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });
const world = testWorld();
let app: TestApp;
let call: ReturnType<typeof caller>;

// ---------------------------------------------------------------------------------------------
// The operations, as the OpenAPI document describes them.

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  id: string;
  method: string;
  /** OpenAPI style: /cases/{id}. */
  path: string;
  /** The roles its description admits; undefined when it names none (public, or unparsed). */
  roles?: string[];
  params: Parameter[];
  query: Parameter[];
  body?: JsonSchema;
}

/** A stream stays open until the client closes it: notifications.test.ts tests it. */
const streams = (op: Json) => Boolean(op.responses?.[200]?.content?.['text/event-stream']);

function operationsOf(document: Json): Operation[] {
  return Object.entries(document.paths as Record<string, Record<string, Json>>).flatMap(
    ([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => !streams(op))
        .map(([method, op]) => {
          const parameters = (op.parameters ?? []) as Parameter[];
          return {
            id: (op.operationId as string | undefined) ?? `${method} ${path}`,
            method: method.toUpperCase(),
            path,
            roles: /^Roles: ([A-Z_]+(?:, [A-Z_]+)*) \(bearer token\)/
              .exec((op.description as string | undefined) ?? '')?.[1]
              ?.split(', '),
            params: parameters.filter((p) => p.in === 'path'),
            query: parameters.filter((p) => p.in === 'query'),
            body: op.requestBody?.content?.['application/json']?.schema as JsonSchema | undefined,
          };
        }),
  );
}

// ---------------------------------------------------------------------------------------------
// Values: valid ones derived from the schemas (with realistic values for fields whose schema says
// little, such as a unit id), and the odd ones a careless client or an attacker sends.

/** A JSON text spliced in as it is (malformed or too deep to build as an object here). */
class RawJson {
  constructor(readonly text: string) {}
}

const serialize = (value: unknown): string => {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(serialize).join(',')}]`;
  if (value && typeof value === 'object') {
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

const TEXTS = [
  '车棚电动车被盗',
  '经审查，符合立案条件',
  '原承办人休假',
  '邻里纠纷\n已调解',
  '有期徒刑一年六个月',
  // Words other fields take: a pause's reason in a what-if.
  'APPRAISAL',
  'HEARING',
  'x',
  '  padded  ',
];

const ODD_STRINGS = [
  '',
  ' ',
  '\t',
  '\u0000',
  'case\u0000',
  '\u001b[31mred',
  '\u007f',
  '\r\n',
  '\ud800',
  '\udfff\ud800',
  '\ufeff',
  '\u202eevil',
  '😀👮‍♀️',
  '..',
  '../../etc/passwd',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  "' OR '1'='1",
  '"; DROP TABLE cases; --',
  '\\',
  '%_\\',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '0x10',
  '9007199254740993',
  'true',
];

const ODD_DATES = [
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59+08:00',
  '9999-12-31T23:59:59.999999999Z',
  '1969-12-31T23:59:59Z',
  '1970-01-01T00:00:00+14:00',
  '2199-12-31T23:59:59Z',
  '2200-01-01T00:00:00Z',
  '2026-02-29T09:00:00+08:00',
  '2028-02-29T09:00:00+08:00',
  '2026-11-25T24:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-11-25T09:00:00',
  '2026-11-25',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-11-25T09:00:00-23:59',
];

/** `arbitrary` in `percent` % of the values, `otherwise` in the rest. */
const sometimes = <T, U>(percent: number, arbitrary: fc.Arbitrary<T>, otherwise: U) =>
  fc.oneof(
    { weight: percent, arbitrary },
    { weight: 100 - percent, arbitrary: fc.constant(otherwise) },
  );

const oddString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    // Long, within the body limit (3 bytes a character) or past it.
    arbitrary: fc
      .oneof(fc.integer({ min: 90, max: 5000 }), fc.integer({ min: 5000, max: 25_000 }))
      .map((n) => '长'.repeat(n)),
  },
);

/** ISO instants of every year from 0000 to 9999, with an offset or none. */
const anyInstant = fc
  .tuple(
    fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') }),
    fc.constantFrom('Z', '+08:00', '-05:00', '+14:00', ''),
  )
  .map(([d, offset]) =>
    (Number.isNaN(d.getTime()) ? 'Invalid' : d.toISOString()).replace('Z', offset),
  );

const plausibleInstant = fc
  .tuple(
    fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z') }),
    fc.constantFrom('Z', '+08:00'),
  )
  .map(([d, offset]) =>
    (Number.isNaN(d.getTime()) ? '2026-01-01T00:00:00Z' : d.toISOString()).replace('Z', offset),
  );

const instantArb = fc.oneof(
  { weight: 5, arbitrary: plausibleInstant },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_DATES) },
  { weight: 2, arbitrary: anyInstant },
);

const oddNumber = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 1e21, Number.MIN_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value, including deep nesting. */
const oddJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: oddString },
  { weight: 1, arbitrary: oddNumber },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 50, max: 12_000 }), fc.boolean())
      .map(([depth, arrays]) =>
        arrays
          ? new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`)
          : new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
      ),
  },
);

/** The values this test's world makes real, by the name of the field or parameter. */
interface Pools {
  /** Ids of real cases, alarms and escalations and the cases' query codes. */
  ids: string[];
  taskIds: string[];
}

function hintsFor(name: string, pools: Pools): fc.Arbitrary<unknown> | undefined {
  switch (name) {
    case 'unitId':
    case 'unit':
      return fc.constantFrom(world.unitA, world.root, world.unitB, `${world.unitA}.zaz`, 'gaj.xc');
    case 'handlerId':
    case 'handler':
      return fc.constantFrom(`officer-${world.unitA}`, 'officer-zhang', 'handler-x');
    case 'prosecutionOrg':
      return fc.constantFrom(world.procuratorate, world.otherProcuratorate);
    case 'courtOrg':
      return fc.constantFrom(world.court, world.otherCourt);
    case 'taskId':
      return fc.constantFrom(...pools.taskIds, 'task-1');
    case 'policy':
      return fc.constantFrom(...Object.keys(DEADLINE_POLICIES));
    case 'variant':
      return fc.constantFrom(
        ...new Set(Object.values(DEADLINE_POLICIES).flatMap((p) => Object.keys(p.variants ?? {}))),
        'none',
      );
    default:
      return undefined;
  }
}

/** Strings matching a schema's pattern, or plain text if fast-check cannot generate from it. */
function matching(pattern: string): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return fc.constantFrom(...TEXTS);
  }
}

/** A value the schema accepts (mostly: a hint or a generated pattern may still be refused). */
function validValue(schema: JsonSchema, name: string, pools: Pools): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => validValue(s, name, pools)));
  const hint = hintsFor(name, pools);
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const record = Object.fromEntries(
        Object.entries(properties).map(([key, s]) => [key, validValue(s, key, pools)]),
      );
      return fc.record(record, { requiredKeys: schema.required ?? [] });
    }
    case 'array':
      return fc.array(validValue(schema.items ?? {}, name, pools), {
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0;
      return fc.integer({ min, max: Math.min(schema.maximum ?? min + 1000, min + 1000) });
    }
    case 'boolean':
      return fc.boolean();
    case 'string': {
      // Mostly plausible: a body has several instants, and one odd one refuses it all.
      if (schema.format === 'date-time')
        return fc.oneof({ weight: 20, arbitrary: plausibleInstant }, instantArb);
      if (hint) return hint;
      if (schema.pattern) return matching(schema.pattern);
      const max = schema.maxLength ?? 200;
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...TEXTS) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }) },
        { weight: 1, arbitrary: fc.constant('长'.repeat(max)) },
      );
    }
    default:
      return hint ?? fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value the schema should refuse, or one at its edges. */
function oddValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const typed =
    schema.type === 'string'
      ? schema.format === 'date-time'
        ? fc.oneof(fc.constantFrom(...ODD_DATES), anyInstant, oddString)
        : oddString
      : schema.type === 'integer' || schema.type === 'number'
        ? oddNumber
        : oddJson;
  return fc.oneof({ weight: 3, arbitrary: typed }, { weight: 1, arbitrary: oddJson });
}

/** One change to a valid object: a field dropped, added, of the wrong type, or odd. */
function mutate(value: unknown, schema: JsonSchema): fc.Arbitrary<unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return oddJson;
  const object = value as Record<string, unknown>;
  const branch =
    (schema.oneOf ?? schema.anyOf)?.find((s) =>
      Object.keys(object).every((k) => k in (s.properties ?? {})),
    ) ?? schema;
  const properties = branch.properties ?? {};
  const keys = Object.keys(properties);
  const present = Object.keys(object);
  const options: Array<fc.Arbitrary<unknown>> = [
    fc
      .tuple(fc.constantFrom('bogus', '__proto__', 'constructor', 'Action', ''), oddJson)
      .map(([k, v]) => ({ ...object, [k]: v })),
  ];
  if (present.length) {
    options.push(
      fc.constantFrom(...present).map((k) => {
        const copy = { ...object };
        delete copy[k];
        return copy;
      }),
    );
  }
  if (keys.length) {
    options.push(
      fc
        .constantFrom(...keys)
        .chain((k) => oddValue(properties[k]!).map((v) => ({ ...object, [k]: v }))),
    );
    const nested = keys.filter((k) => properties[k]!.type === 'object' && object[k]);
    if (nested.length) {
      options.push(
        fc
          .constantFrom(...nested)
          .chain((k) => mutate(object[k], properties[k]!).map((v) => ({ ...object, [k]: v }))),
      );
    }
  }
  return fc.oneof(...options);
}

const MALFORMED_BODIES = [
  '',
  '{',
  '{"action": ',
  '{"a":1,}',
  "{'a': 1}",
  '{"a": NaN}',
  '{"a": undefined}',
  '\ufeff{}',
  'null',
  'true',
  '"text"',
  '42',
  '[]',
  '[{}]',
  '{"a":"\u0000"}',
  '{"a":"\\u0000"}',
  '{"a":"\\ud800"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  'a=1&b=2',
  '<xml/>',
];

/** A body: valid for the schema, one mutation away, any JSON, or not JSON. */
function bodyArb(op: Operation, pools: Pools): fc.Arbitrary<string | undefined> {
  const schema: JsonSchema = op.body ?? { type: 'object', properties: {} };
  const valid = validValue(schema, 'body', pools);
  const json = fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: 3, arbitrary: valid.chain((v) => mutate(v, schema)) },
    { weight: 1, arbitrary: oddJson },
  );
  const text = fc.oneof(
    { weight: 9, arbitrary: json.map(serialize) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_BODIES) },
    // Valid JSON cut short.
    { weight: 1, arbitrary: json.map(serialize).map((s) => s.slice(0, Math.floor(s.length / 2))) },
  );
  if (op.method === 'POST') return sometimes(92, text, undefined);
  // GET with a body now and then: the JSON parser reads it all the same.
  return sometimes(5, text, undefined);
}

// ---------------------------------------------------------------------------------------------
// Requests.

interface Credential {
  label: string;
  authorization?: string;
  /** The role of a valid token in the test's scope. */
  role?: Role;
}

interface FuzzRequest {
  operation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  credential: string;
  body?: string;
}

/** Header values as a client would put text on the wire: UTF-8 bytes read as Latin-1. */
const headerSafe = (text: string) =>
  Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, '');

/** Every UTF-8 byte of the text percent-encoded (a lone surrogate becomes U+FFFD). */
const percentEncoded = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');

/** A path segment: percent-encoded, sent raw where Node lets it, double-encoded or cut. */
function encodeSegment(value: string, how: number): string {
  switch (how) {
    case 0: // as a client library would, with / and the rest escaped
      return value.replace(/[^A-Za-z0-9\-_.~]/g, percentEncoded);
    case 1: // raw, only what Node refuses escaped (so /, ?, # and % go as they are)
      return value.replace(/[^\x21-\x7e]/g, percentEncoded);
    case 2: // double-encoded
      return percentEncoded(value).replace(/%/g, '%25');
    default: // every byte escaped, the last escape cut short
      return percentEncoded(value).slice(0, -1);
  }
}

const IDEMPOTENCY_KEYS = fc.oneof(
  { weight: 3, arbitrary: fc.uuid() },
  { weight: 2, arbitrary: fc.constantFrom('fuzz-reused-1', 'fuzz-reused-2') },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.constantFrom('', ' ', 'a b', 'x'.repeat(200), 'x'.repeat(201), 'ключ', '\t', 'k\u00ff'),
      fc.string({ unit: 'binary', maxLength: 30 }),
    ),
  },
);

const CONTENT_TYPES = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/merge-patch+json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      ';;;',
      '',
    ),
  },
);

const QUERY_NAMES_ELSEWHERE = ['bogus', 'limit', 'cursor', '__proto__', 'stage[]', 'a[b]', ''];

function queryArb(op: Operation, pools: Pools): fc.Arbitrary<string> {
  const pairs = op.query.map((p) =>
    sometimes(
      50,
      fc
        .tuple(
          fc.oneof(
            { weight: 4, arbitrary: validValue(p.schema, p.name, pools).map(String) },
            { weight: 2, arbitrary: oddValue(p.schema).map(String) },
            { weight: 1, arbitrary: instantArb },
          ),
          // Now and then twice: the parser makes an array of it.
          fc.nat(6),
        )
        .map(([v, n]) =>
          n === 0
            ? [
                [p.name, v],
                [p.name, v],
              ]
            : [[p.name, v]],
        ),
      [] as string[][],
    ),
  );
  const extra = sometimes(
    8,
    fc.tuple(fc.constantFrom(...QUERY_NAMES_ELSEWHERE), oddString).map(([k, v]) => [[k, v]]),
    [] as string[][],
  );
  return fc.tuple(fc.tuple(...pairs, extra), fc.nat(5)).map(([lists, how]) =>
    lists
      .flat()
      .map(
        ([k, v]) =>
          `${encodeSegment(k!, how === 0 ? 1 : 0)}=${encodeSegment(v!, how === 0 ? 1 : 0)}`,
      )
      .join('&'),
  );
}

function pathArb(op: Operation, pools: Pools): fc.Arbitrary<string> {
  const segments = op.params.map((p) => {
    const pattern = p.schema.pattern ? new RegExp(p.schema.pattern) : undefined;
    const fitting = pools.ids.filter((id) => !pattern || pattern.test(id));
    const other = pools.ids.filter((id) => pattern && !pattern.test(id));
    const value = fc.oneof(
      ...(fitting.length ? [{ weight: 20, arbitrary: fc.constantFrom(...fitting) }] : []),
      ...(other.length ? [{ weight: 1, arbitrary: fc.constantFrom(...other) }] : []),
      ...(p.schema.pattern ? [{ weight: 2, arbitrary: matching(p.schema.pattern) }] : []),
      { weight: 3, arbitrary: oddString },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(...(fitting.length ? fitting : ['x']))
          .chain((id) => oddString.map((odd) => `${id}${odd}`)),
      },
    );
    return fc
      .tuple(
        value,
        fc.oneof({ weight: 12, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 3 })),
      )
      .map(([v, how]) => [p.name, encodeSegment(v, how)] as const);
  });
  return fc
    .tuple(...segments)
    .map((filled) =>
      filled.reduce((path, [name, segment]) => path.replace(`{${name}}`, segment), op.path),
    );
}

function requestArb(
  operations: Operation[],
  credentials: { inScope: Credential[]; outOfScope: Credential[]; invalid: Credential[] },
  pools: Pools,
): fc.Arbitrary<FuzzRequest> {
  // One arbitrary per operation, built once (chain would build them again for every request).
  const perOperation = operations.map((op) => {
    // Mostly a role the operation admits, so that requests get past the role check.
    const named = credentials.inScope.filter((c) => op.roles?.includes(c.role!));
    const admitted = named.length ? named : credentials.inScope;
    const others = credentials.inScope.filter((c) => !admitted.includes(c));
    const credential = fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom(...admitted) },
      ...(others.length ? [{ weight: 2, arbitrary: fc.constantFrom(...others) }] : []),
      { weight: 3, arbitrary: fc.constantFrom(...credentials.outOfScope) },
      { weight: 5, arbitrary: fc.constantFrom(...credentials.invalid) },
    );
    return fc
      .record({
        method: fc.oneof(
          { weight: 30, arbitrary: fc.constant(op.method) },
          {
            weight: 1,
            arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'),
          },
        ),
        path: pathArb(op, pools),
        query: sometimes(60, queryArb(op, pools), ''),
        credential,
        idempotencyKey: sometimes(40, IDEMPOTENCY_KEYS, undefined),
        contentType: CONTENT_TYPES,
        body: bodyArb(op, pools),
      })
      .map((r): FuzzRequest => {
        const headers: Record<string, string> = {};
        if (r.credential.authorization !== undefined)
          headers.authorization = headerSafe(r.credential.authorization);
        if (r.idempotencyKey !== undefined && r.method === 'POST')
          headers['idempotency-key'] = headerSafe(r.idempotencyKey);
        if (r.body !== undefined) {
          headers['content-type'] = r.contentType;
          // Node sends a GET's or a DELETE's body without a length unless told: the server would
          // take the body for the next request on the connection.
          headers['content-length'] = String(Buffer.byteLength(r.body));
        }
        return {
          operation: op.id,
          method: r.method,
          path: r.query ? `${r.path}?${r.query}` : r.path,
          headers,
          credential: r.credential.label,
          ...(r.body !== undefined ? { body: r.body } : {}),
        };
      });
  });
  return fc.oneof(...perOperation);
}

// ---------------------------------------------------------------------------------------------
// Sending.

interface Answer {
  status: number;
  body: string;
  ms: number;
}

function send(agent: http.Agent, base: URL, request: FuzzRequest): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: request.method,
        path: request.path,
        headers: request.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          });
        });
        res.on('error', reject);
      },
    );
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)),
      REQUEST_TIMEOUT_MS,
    );
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(request.body);
  });
}

/** How to send the request again. */
const describeRequest = (r: FuzzRequest) =>
  JSON.stringify(
    {
      operation: r.operation,
      method: r.method,
      path: r.path,
      credential: r.credential,
      headers: { ...r.headers, ...(r.headers.authorization ? { authorization: '…' } : {}) },
      body:
        r.body && r.body.length > 1000
          ? `${r.body.slice(0, 1000)}… (${r.body.length} chars)`
          : r.body,
    },
    null,
    2,
  );

// ---------------------------------------------------------------------------------------------
// The test's world: cases and alarms at several stages, escalations, tokens of every kind.

const handlerId = `officer-${world.unitA}`;
let handler: string;
const alarmIds: string[] = [];
const caseIds: string[] = [];

async function newAlarm(tier: 1 | 2 | 3, category = 'CRIME') {
  const created = await okBody(
    call('POST', '/alarms', {
      token: handler,
      body: {
        source: 'CALL_110',
        category,
        responseTier: tier,
        unitId: world.unitA,
        summary: '入室盗窃',
      },
    }),
    'register an alarm',
  );
  await eventually(
    () => call('GET', `/alarms/${created.id}`, { token: handler }),
    (r) => r.status === 200,
  );
  alarmIds.push(created.id);
  return created.id as string;
}

async function newCase(kind: 'CRIMINAL' | 'ADMINISTRATIVE') {
  const alarmId = await newAlarm(2, kind === 'CRIMINAL' ? 'CRIME' : 'VIOLATION');
  const disposed = await okBody(
    call('POST', `/alarms/${alarmId}/disposition`, {
      token: handler,
      body: { disposition: 'CONVERTED_TO_CASE', newCase: { kind, title: '盗窃案', handlerId } },
    }),
    'convert the alarm',
  );
  const caseId = disposed.state.disposition.caseId as string;
  await eventually(
    () => call('GET', `/cases/${caseId}`, { token: handler }),
    (r) => r.status === 200,
  );
  caseIds.push(caseId);
  return caseId;
}

/** Reasons and the like for the next valid action of every case action that requires them. */
const ACTION_FIELDS: Record<string, Json> = {
  DECLINE_FILING: { reason: '不构成犯罪', hasComplainant: true },
  APPLY_FOR_RECONSIDERATION: { reason: '申请复议' },
  UPHOLD_NON_FILING: { reason: '维持原决定' },
  OVERTURN_NON_FILING: { reason: '应当立案' },
  RETURN_FOR_CORRECTION: { reason: '证据不足' },
  SERVE_PENALTY_DECISION: { penalty: '罚款五百元', penaltyKind: 'FINE', fineYuan: 500 },
  TRANSFER_FOR_PROSECUTION: { suggestedRoute: 'ORDINARY', prosecutionOrg: world.procuratorate },
  PROSECUTION_ACCEPT: { route: 'ORDINARY' },
  RETURN_FOR_SUPPLEMENTARY_INVESTIGATION: { reason: '补充证据' },
  INDICT: { sentencingProposal: '有期徒刑一年', courtOrg: world.court },
  DECLINE_PROSECUTION: { reason: '证据不足' },
  CONVERT_PROCEDURE: { procedure: 'ORDINARY', reason: '案情复杂' },
  PRONOUNCE_JUDGMENT: { judgment: '判处有期徒刑一年' },
  APPLY_FOR_REVIEW: { reason: '上级公安机关收到复核申请' },
  REVIEW_UPHOLDS_NON_FILING: { reason: '复核维持' },
  REVIEW_ORDERS_FILING: { reason: '责令立案' },
  REQUEST_NON_PROSECUTION_RECONSIDERATION: { reason: '要求复议' },
  UPHOLD_NON_PROSECUTION: { reason: '维持不起诉' },
  REVOKE_NON_PROSECUTION: { reason: '撤销不起诉' },
};

/** Takes the action and, where the leaders approve it (审批), has them approve it. */
async function actOn(token: string, caseId: string, action: string) {
  await okBody(
    call('POST', `/cases/${caseId}/actions`, {
      token,
      body: { action, fields: ACTION_FIELDS[action] ?? {} },
    }),
    `${action} on ${caseId}`,
  );
  return approveProposals(call, caseId, approvers);
}
let approvers: Partial<Record<Role, string>>;

beforeAll(async () => {
  app = await startTestApp({
    withWorker: true,
    // Escalations to fuzz soon after set-up: a case's filing review and a tier-1 alarm's arrival
    // fall due within seconds; their second level is an hour away.
    policyOverrides: {
      FILING_REVIEW: { period: seconds(2), grace: seconds(3600) },
      ALARM_ARRIVAL_TIER_1: { period: seconds(1), grace: seconds(3600) },
    },
    // The per-address limits are tested elsewhere: a 429 here would hide the answers behind it.
    publicLookupsPerMinute: 1_000_000,
    unauthenticatedPerMinute: 1_000_000,
  });
  call = caller(app);
  handler = await app.token(person('HANDLER', { unit: world.unitA }, handlerId));
  const prosecutor = await app.token(person('PROSECUTOR', { org: world.procuratorate }));
  const judge = await app.token(person('JUDGE', { org: world.court }));
  const legal = await app.token(person('LEGAL_OFFICER', { unit: world.unitA }));
  const bureau = await app.token(person('BUREAU_LEADER', { unit: world.root }));
  approvers = { HANDLER: handler, LEGAL_OFFICER: legal, BUREAU_LEADER: bureau };

  await newAlarm(1);
  await newAlarm(2);
  const onScene = await newAlarm(3, 'DISPUTE');
  await okBody(call('POST', `/alarms/${onScene}/arrival`, { token: handler }), 'arrive');

  await newCase('CRIMINAL'); // filing review, soon overdue
  const investigated = await newCase('CRIMINAL');
  await actOn(handler, investigated, 'FILE');
  await newCase('ADMINISTRATIVE');
  const reviewed = await newCase('CRIMINAL');
  await actOn(handler, reviewed, 'FILE');
  await actOn(handler, reviewed, 'SUBMIT_FOR_LEGAL_REVIEW');
  const atProsecutor = await newCase('CRIMINAL');
  const inCourt = await newCase('CRIMINAL');
  for (const caseId of [atProsecutor, inCourt]) {
    await actOn(handler, caseId, 'FILE');
    await actOn(handler, caseId, 'SUBMIT_FOR_LEGAL_REVIEW');
    await actOn(legal, caseId, 'APPROVE_LEGAL_REVIEW');
    await actOn(handler, caseId, 'TRANSFER_FOR_PROSECUTION');
    await actOn(prosecutor, caseId, 'PROSECUTION_ACCEPT');
  }
  await actOn(prosecutor, inCourt, 'INDICT');
  await actOn(judge, inCourt, 'COURT_ACCEPT');

  // The filing reviews and the tier-1 arrival have gone overdue: their escalations exist.
  await eventually(
    () => app.prisma.escalation.count({ where: { level: 'FIRST_LEVEL', task: inWorld } }),
    (n) => n >= 2,
  );
});

afterAll(async () => {
  await app?.close();
});

/** The rows of this test's units. */
const inWorld = { unitId: { startsWith: world.root } };

async function credentials() {
  const token = (role: Role, where: { unit?: string; org?: string }, id?: string) =>
    app.token(person(role, where, id));
  const bearer = (label: string, t: string) => ({ label, authorization: `Bearer ${t}` });
  const holder = (role: Role, t: string) => ({ ...bearer(role, t), role });
  const inScope = [
    holder('HANDLER', handler),
    holder('LEGAL_OFFICER', await token('LEGAL_OFFICER', { unit: world.unitA })),
    holder('DUTY_LEADER', await token('DUTY_LEADER', { unit: world.unitA })),
    holder('UNIT_LEADER', await token('UNIT_LEADER', { unit: world.unitA })),
    holder('BUREAU_LEADER', await token('BUREAU_LEADER', { unit: world.root })),
    holder('CASE_CENTER', await token('CASE_CENTER', { unit: world.root })),
    holder('PROSECUTOR', await token('PROSECUTOR', { org: world.procuratorate })),
    holder('JUDGE', await token('JUDGE', { org: world.court })),
  ];
  const outOfScope = [
    bearer('HANDLER of another unit', await token('HANDLER', { unit: world.unitB })),
    bearer('UNIT_LEADER of another unit', await token('UNIT_LEADER', { unit: world.unitB })),
    bearer('PROSECUTOR elsewhere', await token('PROSECUTOR', { org: world.otherProcuratorate })),
    bearer('JUDGE elsewhere', await token('JUDGE', { org: world.otherCourt })),
  ];
  const [header, payload, signature] = handler.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const reencode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const other = { ...app.identity, secret: new TextEncoder().encode(randomUUID()) };
  const now = Math.floor(Date.now() / 1000);
  const signed = (
    { sub = 'officer-x', ...extra }: Record<string, unknown>,
    iat: number,
    exp: number,
  ) =>
    new SignJWT({ name: 'x', roles: ['HANDLER'], unit: world.unitA, ...extra })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub as string)
      .setIssuer(app.identity.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(app.identity.secret);
  const invalid: Credential[] = [
    { label: 'no token' },
    bearer('expired', await signed({}, now - 7200, now - 3600)),
    bearer('lives longer than allowed', await signed({}, now, now + 13 * 3600)),
    bearer('PARTY role', await signed({ roles: ['PARTY'] }, now, now + 600)),
    bearer(
      'police and prosecutor',
      await signed({ roles: ['HANDLER', 'PROSECUTOR'] }, now, now + 600),
    ),
    bearer('unit with a NUL', await signed({ unit: 'a\u0000b' }, now, now + 600)),
    // Signed, so only the issuer could mint them; their names still reach PostgreSQL.
    bearer('sub with a NUL', await signed({ sub: `${handlerId}\u0000` }, now, now + 600)),
    bearer('sub with ESC', await signed({ sub: `${handlerId}\u001b` }, now, now + 600)),
    bearer(
      'org with a NUL',
      await signed(
        { roles: ['PROSECUTOR'], unit: undefined, org: `${world.procuratorate}\u0000` },
        now,
        now + 600,
      ),
    ),
    bearer('name with DEL', await signed({ name: 'x\u007f' }, now, now + 600)),
    bearer('other secret', await issueToken(other, person('HANDLER', { unit: world.unitA }), 600)),
    bearer(
      'tampered claims',
      `${header}.${reencode({ ...claims, roles: ['BUREAU_LEADER'], unit: world.root })}.${signature}`,
    ),
    bearer('tampered signature', `${header}.${payload}.${signature.slice(0, -2)}AA`),
    bearer('alg none', `${reencode({ alg: 'none', typ: 'JWT' })}.${payload}.`),
    bearer('not a JWT', 'not.a.token'),
    bearer('empty', ''),
    { label: 'lowercase scheme', authorization: `bearer ${handler}` },
    { label: 'Basic', authorization: 'Basic dXNlcjpwYXNz' },
    { label: 'two spaces', authorization: `Bearer  ${handler}` },
    { label: 'token twice', authorization: `Bearer ${handler}, Bearer ${handler}` },
    { label: 'huge', authorization: `Bearer ${'a'.repeat(8000)}` },
  ];
  return { inScope, outOfScope, invalid };
}

// ---------------------------------------------------------------------------------------------
// After the fuzz: every case and alarm takes its next valid action.

/** Takes the next action a case's rules allow someone, and says which; fails if none answers. */
async function nextCaseAction(caseId: string): Promise<string> {
  const row = await app.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  const people: Array<[Role, { unit?: string; org?: string }, string?]> = [
    ['HANDLER', { unit: row.unitId }, row.handlerId ?? undefined],
    ['LEGAL_OFFICER', { unit: row.unitId }],
    ['CASE_CENTER', { unit: row.unitId }],
    ...(row.prosecutionOrg
      ? [['PROSECUTOR', { org: row.prosecutionOrg }] as [Role, { org: string }]]
      : []),
    ...(row.courtOrg ? [['JUDGE', { org: row.courtOrg }] as [Role, { org: string }]] : []),
  ];
  for (const [role, where, id] of people) {
    const token = await app.token(person(role, where, id));
    const seen = await okBody(call('GET', `/cases/${caseId}`, { token }), `read ${caseId}`);
    const action = (seen.availableActions as string[])[0];
    if (!action) continue;
    const after = await timed(actOn(token, caseId, action), `${action} on ${caseId}`);
    expect(after.version).toBeGreaterThan(seen.version);
    return `${row.stage} → ${action} by ${role}`;
  }
  if (row.stage === 'ARCHIVED') {
    // Nothing more can be done; the refusal still comes at once.
    const token = await app.token(person('CASE_CENTER', { unit: row.unitId }));
    const refused = await timed(
      call('POST', `/cases/${caseId}/actions`, { token, body: { action: 'ARCHIVE' } }),
      `ARCHIVE again on ${caseId}`,
    );
    expect([caseId, refused.status]).toEqual([caseId, 422]);
    return 'ARCHIVED: refused at once';
  }
  throw new Error(`case ${caseId} in ${row.stage} offers nobody a next action`);
}

async function nextAlarmAction(alarmId: string): Promise<string> {
  const row = await app.prisma.alarm.findUniqueOrThrow({ where: { id: alarmId } });
  const token = await app.token(person('HANDLER', { unit: row.unitId }));
  const post = (path: string, body?: Json) =>
    timed(call('POST', `/alarms/${alarmId}/${path}`, { token, body }), `${path} on ${alarmId}`);
  if (row.stage === 'ALARM_RECEIVED') {
    expect([alarmId, (await post('arrival')).status]).toEqual([alarmId, 200]);
    return 'ALARM_RECEIVED → arrival';
  }
  if (row.stage === 'ON_SCENE') {
    const disposed = await post('disposition', {
      disposition: 'RESOLVED_ON_SCENE',
      reason: '现场调解完毕',
    });
    expect([alarmId, disposed.status]).toEqual([alarmId, 200]);
    return 'ON_SCENE → disposition';
  }
  // Disposed: its workflow has ended; a further disposition is refused at once.
  const again = await post('disposition', { disposition: 'RESOLVED_ON_SCENE', reason: '再次' });
  expect([alarmId, again.status]).toEqual([alarmId, 422]);
  return 'DISPOSED: refused at once';
}

/** The answer, or a failure once it took longer than a request may. */
async function timed<T>(answer: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer within ${REQUEST_TIMEOUT_MS} ms (wedged?)`)),
      REQUEST_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

it(`answers ${REQUESTS} generated requests across every operation without a 5xx or a hang, and leaves no workflow wedged`, async () => {
  const document = await okBody(call('GET', '/openapi.json'), 'read the OpenAPI document');
  const operations = operationsOf(document);
  expect(operations.length).toBeGreaterThan(15);

  const [escalations, tasks, cases] = await Promise.all([
    app.prisma.escalation.findMany({ where: { task: inWorld }, select: { id: true } }),
    app.prisma.task.findMany({ where: inWorld, select: { id: true } }),
    app.prisma.case.findMany({ where: { id: { in: caseIds } }, select: { queryCode: true } }),
  ]);
  const pools: Pools = {
    ids: [
      ...caseIds,
      ...alarmIds,
      ...escalations.map((e) => e.id),
      ...cases.map((c) => c.queryCode),
      ...cases.map((c) => c.queryCode.toLowerCase()),
    ],
    taskIds: tasks.map((t) => t.id),
  };
  const requests = fc.sample(requestArb(operations, await credentials(), pools), {
    seed: SEED,
    numRuns: REQUESTS,
  });
  console.log(
    `[fuzz] FUZZ_SEED=${SEED}: ${requests.length} requests over ${operations.length} operations (${operations.filter((o) => o.roles).length} name their roles)`,
  );

  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const base = new URL(app.baseUrl);
  const failures: string[] = [];
  const statuses = new Map<string, Map<number, number>>();
  let answered = 0;
  let slowest = 0;
  const started = Date.now();
  await pool(requests, CONCURRENCY, async (request, index) => {
    let answer: Answer;
    try {
      answer = await send(agent, base, request);
    } catch (error) {
      failures.push(
        `#${index} (FUZZ_SEED=${SEED}) ${(error as Error).message}:\n${describeRequest(request)}`,
      );
      return;
    }
    answered += 1;
    slowest = Math.max(slowest, answer.ms);
    const byStatus = statuses.get(request.operation) ?? new Map<number, number>();
    byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
    statuses.set(request.operation, byStatus);
    if (answer.status >= 500) {
      failures.push(
        `#${index} (FUZZ_SEED=${SEED}) answered ${answer.status} in ${Math.round(answer.ms)} ms: ${answer.body.slice(0, 500)}\n${describeRequest(request)}`,
      );
    }
  });
  agent.destroy();
  const elapsed = (Date.now() - started) / 1000;
  console.log(
    `[fuzz] ${answered} answered in ${elapsed.toFixed(1)} s (slowest ${Math.round(slowest)} ms); statuses per operation:\n` +
      [...statuses]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
          ([op, byStatus]) =>
            `  ${op}: ${[...byStatus]
              .sort(([a], [b]) => a - b)
              .map(([s, n]) => `${s}×${n}`)
              .join(' ')}`,
        )
        .join('\n'),
  );
  if (failures.length) {
    throw new Error(
      `${failures.length} of ${REQUESTS} requests failed (FUZZ_SEED=${SEED}); the first:\n\n${failures.slice(0, 10).join('\n\n')}`,
    );
  }
  expect(answered).toBe(REQUESTS);
  // Every operation of the document was reached.
  expect([...statuses.keys()].sort()).toEqual(operations.map((o) => o.id).sort());

  // No workflow wedged: every case and alarm of the test's units takes its next valid action.
  const [worldCases, worldAlarms] = await Promise.all([
    app.prisma.case.findMany({ where: inWorld, select: { id: true } }),
    app.prisma.alarm.findMany({ where: inWorld, select: { id: true } }),
  ]);
  expect(worldCases.map((c) => c.id)).toEqual(expect.arrayContaining(caseIds));
  expect(worldAlarms.map((a) => a.id)).toEqual(expect.arrayContaining(alarmIds));
  const steps: string[] = [];
  await pool(
    [
      ...worldCases.map((c) => () => nextCaseAction(c.id)),
      ...worldAlarms.map((a) => () => nextAlarmAction(a.id)),
    ],
    4,
    async (step) => {
      steps.push(await step());
    },
  );
  const tally = new Map<string, number>();
  for (const step of steps) tally.set(step, (tally.get(step) ?? 0) + 1);
  console.log(
    `[fuzz] next actions of ${worldCases.length} cases and ${worldAlarms.length} alarms:\n` +
      [...tally]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([step, n]) => `  ${n}× ${step}`)
        .join('\n'),
  );
  expect(steps).toHaveLength(worldCases.length + worldAlarms.length);
  expect((await call('GET', '/readyz')).status).toBe(200);
}, 480_000);
