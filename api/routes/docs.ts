// GET /openapi.json (OpenAPI 3.1 built from the same zod schemas that validate requests) and
// GET /docs (a plain page listing the operations; no CDN assets, so it works offline).
import { Router } from 'express';
import { z } from 'zod';
import { alarmIdParams, createAlarmBody } from './alarms';
import { explainDeadlineBody } from './deadlines';

const problem = {
  description: 'RFC 9457 problem details',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'case-orchestrator',
      version: '0.1.0',
      description: 'Police cases from alarm to archive, on durable Temporal workflows.',
    },
    paths: {
      '/healthz': {
        get: { summary: 'The process is alive', responses: { 200: { description: 'alive' } } },
      },
      '/readyz': {
        get: {
          summary: 'Every dependency is ready (Temporal, PostgreSQL, migrations, worker)',
          responses: {
            200: { description: 'ready' },
            503: { description: 'not ready; the body names the dependency' },
          },
        },
      },
      '/alarms': {
        post: {
          summary: 'Register an alarm (接警) and start its workflow',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: z.toJSONSchema(createAlarmBody) } },
          },
          responses: {
            201: { description: 'created; Location names the alarm' },
            400: problem,
            413: problem,
          },
        },
      },
      '/alarms/{id}': {
        get: {
          summary: "An alarm's workflow state and its database record",
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              schema: z.toJSONSchema(alarmIdParams.shape.id),
            },
          ],
          responses: {
            200: { description: 'the alarm' },
            400: problem,
            404: problem,
            503: problem,
          },
        },
      },
      '/deadlines/explain': {
        post: {
          summary: 'When a deadline would fall due for given inputs, and why (a what-if, no case)',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: z.toJSONSchema(explainDeadlineBody) } },
          },
          responses: {
            200: { description: 'the due time and its explanation in Chinese and English' },
            400: problem,
          },
        },
      },
    },
    components: {
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
  const document = openApiDocument();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    const rows = Object.entries(document.paths).flatMap(([route, operations]) =>
      Object.entries(operations).map(
        ([method, operation]) =>
          `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(route)}</code></td><td>${escapeHtml((operation as { summary: string }).summary)}</td></tr>`,
      ),
    );
    res.type('html').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>case-orchestrator API</title>
<style>body{font-family:sans-serif;margin:2rem}td{padding:.3rem .8rem;border-bottom:1px solid #ddd}</style></head>
<body><h1>case-orchestrator API</h1>
<p>The machine-readable description is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<table>${rows.join('')}</table></body></html>`);
  });
  return router;
}
