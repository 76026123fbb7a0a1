// npm start: the whole system, with embedded Temporal and PostgreSQL when no address is given.
import { run } from './run';

void run({ runWorker: true, runApi: true, startEmbedded: true });
