// GET /openapi.json (OpenAPI 3.1 built from the operations' own zod schemas, the ones that
// validate requests) and GET /docs (a page listing the operations, their roles and schemas; no
// CDN assets, so it works offline).
import { Router } from 'express';
import { z } from 'zod';
import { operations, type OperationSpec } from '../operation';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const ERROR_MEANINGS: Record<number, string> = {
  400: 'invalid input: the problem names each field and rule',
  401: 'no token, or a bad or expired one',
  403: 'your role may not do this, or it is outside your scope',
  404: 'no such case, alarm or escalation',
  409: 'conflicts with the current state (or the same Idempotency-Key is in flight)',
  413: 'the body is larger than 64 KB (3 MB for /codec/decode)',
  422: "the workflow's rules refused the action; detail has the rule's message",
  429: 'too many requests; see Retry-After',
  503: 'Temporal or the audit trail is unavailable; retry',
};

/** OpenAPI wants {id}, Express writes :id. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

function parameters(spec: OperationSpec) {
  const list: unknown[] = [];
  for (const [where, schema] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!schema) continue;
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      list.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  return list;
}

function describe(spec: OperationSpec) {
  const errors = new Set([
    400,
    ...(spec.roles === 'PUBLIC' ? [] : [401, 403]),
    ...(spec.errors ?? []),
  ]);
  if (spec.method === 'post') errors.add(413);
  const idempotent = spec.method === 'post' && !spec.readsOnly;
  return {
    operationId: spec.id,
    summary: spec.summary,
    description:
      spec.roles === 'PUBLIC'
        ? 'No token needed.'
        : `Roles: ${spec.roles.join(', ')} (bearer token), within their scope.${idempotent ? ' Accepts an Idempotency-Key header: a retry returns the first response and acts once.' : ''}`,
    ...(spec.roles === 'PUBLIC' ? { security: [] } : {}),
    ...spec.extensions,
    parameters: [
      ...parameters(spec),
      ...(idempotent
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', maxLength: 200 },
            },
          ]
        : []),
    ],
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: z.toJSONSchema(spec.body, { io: 'input', unrepresentable: 'any' }),
              },
            },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(
        Object.entries(spec.success).map(([status, description]) => [
          status,
          // JSON whose shape the description gives (a schema per answer is still to come).
          { description, content: { 'application/json': { schema: {} } } },
        ]),
      ),
      ...Object.fromEntries(
        [...errors].sort().map((status) => [status, problem(ERROR_MEANINGS[status] ?? 'error')]),
      ),
    },
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {
    '/healthz': {
      get: {
        summary: 'The process is alive',
        security: [],
        responses: { 200: { description: 'alive' } },
      },
    },
    '/readyz': {
      get: {
        summary: 'Every dependency is ready (Temporal, PostgreSQL, migrations, worker)',
        security: [],
        responses: {
          200: { description: 'ready' },
          503: { description: 'not ready; the body names the dependency' },
        },
      },
    },
    '/metrics': {
      get: {
        summary: 'Counters in Prometheus text format (counts only, nothing personal)',
        security: [],
        responses: { 200: { description: 'text/plain; version=0.0.4' } },
      },
    },
  };
  paths['/me/events'] = {
    get: {
      summary:
        'Your notifications as they happen (Server-Sent Events): a new task, an escalation, an answer to one',
      description:
        'Roles: any staff role (bearer token in the Authorization header, never in the URL). Each event is `event: notification`, `id: <notification id>`, `data: <the notification as GET /me/notifications shows it>`. Send Last-Event-ID to get what was missed since that event; without it the stream starts with what happens next.',
      parameters: [
        { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } },
      ],
      responses: {
        200: {
          description: 'the stream (text/event-stream), open until either side closes it',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
        400: problem(ERROR_MEANINGS[400]!),
        401: problem(ERROR_MEANINGS[401]!),
        403: problem(ERROR_MEANINGS[403]!),
      },
    },
  };
  for (const spec of operations()) {
    (paths[openApiPath(spec.path)] ??= {})[spec.method] = describe(spec);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'case-orchestrator',
      version: '0.2.0',
      description:
        'Police cases from alarm to archive, on durable Temporal workflows. Every request that reads or changes a case or alarm is recorded in a hash-chained audit trail.',
    },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { field: { type: 'string' }, rule: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function docsRoutes() {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  router.get('/docs', (_req, res) => {
    const document = openApiDocument();
    const sections = Object.entries(document.paths).flatMap(([route, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const o = op as {
          summary: string;
          description?: string;
          requestBody?: { content: Record<string, { schema: unknown }> };
          parameters?: Array<{ name: string; in: string; required: boolean }>;
        };
        const params = (o.parameters ?? [])
          .map(
            (p) => `<code>${escapeHtml(p.name)}</code> (${p.in}${p.required ? ', required' : ''})`,
          )
          .join(', ');
        const body = o.requestBody
          ? `<details><summary>body schema</summary><pre>${escapeHtml(JSON.stringify(o.requestBody.content['application/json']!.schema, null, 2))}</pre></details>`
          : '';
        return `<section><h2><code>${method.toUpperCase()} ${escapeHtml(route)}</code></h2><p>${escapeHtml(o.summary)}</p>${o.description ? `<p><em>${escapeHtml(o.description)}</em></p>` : ''}${params ? `<p>Parameters: ${params}</p>` : ''}${body}</section>`;
      }),
    );
    res.type('html').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>case-orchestrator API</title>
<style>body{font-family:sans-serif;margin:2rem;max-width:60rem}h2{font-size:1rem;margin-top:1.5rem}pre{background:#f4f4f4;padding:.5rem;overflow:auto}</style></head>
<body><h1>case-orchestrator API</h1>
<p>The machine-readable description is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Send <code>Authorization: Bearer &lt;token&gt;</code>; <code>npm run token</code> issues development tokens. Errors are RFC 9457 <code>application/problem+json</code>.</p>
${sections.join('\n')}</body></html>`);
  });
  return router;
}
