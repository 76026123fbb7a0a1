// TLS to the Temporal frontend (a secured cluster: mutual TLS with a client certificate), from
// TEMPORAL_TLS_*; the worker, the API's client and the start-up probe all connect with it.
import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import type { Config } from './config';

type TlsVariables = Pick<
  Config,
  'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_CA' | 'TEMPORAL_TLS_SERVER_NAME'
>;

/** The connections' `tls` option; undefined (plain gRPC) when no TEMPORAL_TLS_* is set. */
export function temporalTls(config: TlsVariables): TLSConfig | undefined {
  const { TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_CA: ca } = config;
  if (!cert && !ca && !config.TEMPORAL_TLS_SERVER_NAME) return undefined;
  return {
    ...(config.TEMPORAL_TLS_SERVER_NAME
      ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME }
      : {}),
    ...(ca ? { serverRootCACertificate: readFileSync(ca) } : {}),
    ...(cert && key ? { clientCertPair: { crt: readFileSync(cert), key: readFileSync(key) } } : {}),
  };
}
