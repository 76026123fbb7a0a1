// npm run worker: only the Temporal worker, against TEMPORAL_ADDRESS and DATABASE_URL.
import { run } from './run';

void run({ runWorker: true, runApi: false, startEmbedded: false });
