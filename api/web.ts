// The workbench (执法办案工作台), the web app built into `generated/web` (scripts/web-build.ts), served
// under / beside the JSON API. The app's pages have paths of their own (/cases/…, /inbox …) that
// may equal an API path: a browser navigating to one asks for HTML and gets the app, which then
// asks the API for JSON. Machines (curl, the app's own fetches) ask for JSON and get the API.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type RequestHandler } from 'express';

/** Paths the app never takes over, whatever the request accepts. */
const MACHINE_PATHS = ['/openapi.json', '/docs', '/healthz', '/readyz', '/metrics', '/codec'];

const wantsPage = (req: Request) =>
  (req.method === 'GET' || req.method === 'HEAD') &&
  !MACHINE_PATHS.some((p) => req.path === p || req.path.startsWith(`${p}/`)) &&
  // A browser's navigation names text/html; fetch() and curl send */* or application/json.
  (req.get('accept') ?? '').split(',').some((type) => type.trim().startsWith('text/html'));

/** The built app's files, and its page for every navigation; nothing when it was not built. */
export function webApp(root: string | undefined): RequestHandler[] {
  if (!root || !existsSync(path.join(root, 'index.html'))) return [];
  const index = path.join(root, 'index.html');
  return [
    // Built assets carry a content hash in their names: cache them for good.
    express.static(root, {
      index: false,
      setHeaders: (res, file) => {
        if (file.includes(`${path.sep}assets${path.sep}`))
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
    (req, res, next) => {
      if (!wantsPage(req)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    },
  ];
}
