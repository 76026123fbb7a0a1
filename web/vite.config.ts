// The workbench's build (npm install and npm start run it through composition/web-build.ts) and
// its dev server with hot reload (npm run web:dev), which sends API requests to the running API.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = import.meta.dirname;
const api = process.env.WORKBENCH_API ?? 'http://127.0.0.1:3000';
// The API's paths; the app's own pages use other ones (/case/…, /inbox …, /info-request/…, /matter/…).
const API_PREFIXES = [
  '/alarms',
  '/cases',
  '/me',
  '/escalations',
  '/fast-track',
  '/public',
  '/evaluation',
  '/deadlines',
  '/directory',
  '/info-requests',
  '/litigation',
  '/sign-in',
  '/openapi.json',
  '/healthz',
  '/readyz',
];

export default defineConfig({
  root: here,
  plugins: [react()],
  build: {
    outDir: path.join(here, '..', 'generated', 'web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(API_PREFIXES.map((prefix) => [prefix, { target: api }])),
  },
});
