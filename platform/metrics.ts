// The process's metrics in Prometheus's text format (prom-client), served at GET /metrics. They
// hold counts only: no names, ids or addresses.
import { Counter, Registry } from 'prom-client';

export const metricsRegistry = new Registry();

/** Requests refused before anyone was identified: counted here and logged, not put in the audit. */
export const unauthenticatedRequests = new Counter({
  name: 'case_orchestrator_unauthenticated_requests_total',
  help: 'Requests refused because they carried no valid bearer token (401), or too many of them came from one address (429).',
  labelNames: ['status'] as const,
  registers: [metricsRegistry],
});
