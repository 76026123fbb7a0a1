// npm run api: only the HTTP API, against TEMPORAL_ADDRESS and DATABASE_URL.
import { run } from './run';

void run({ runWorker: false, runApi: true, startEmbedded: false });
