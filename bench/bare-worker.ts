// The bare workflows' worker, run by npm run bench as a process of its own (like the app's
// `npm run worker`), so that its memory and CPU can be read from /proc.
//   TEMPORAL_PAYLOAD_KEYS=HEX node --import tsx bench/bare-worker.ts --temporal HOST:PORT \
//     --database URL --task-queue NAME
// The payload key is the bench's (bench/system.ts): the bare path encrypts as the app does.
import { parseArgs } from 'node:util';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { createLogger, temporalLogger } from '../platform/logging';
import { payloadKeys, PayloadEncryptionCodec } from '../platform/payload-codec';
import { createBenchActivities } from './activities';

async function main() {
  const { values } = parseArgs({
    options: {
      temporal: { type: 'string' },
      database: { type: 'string' },
      'task-queue': { type: 'string' },
    },
  });
  const { temporal, database } = values;
  const taskQueue = values['task-queue'];
  const payloadKey = process.env.TEMPORAL_PAYLOAD_KEYS;
  if (!temporal || !database || !taskQueue || !payloadKey) {
    console.error(
      'usage: TEMPORAL_PAYLOAD_KEYS=HEX bench/bare-worker.ts --temporal HOST:PORT --database URL --task-queue NAME',
    );
    process.exit(2);
  }
  Runtime.install({ logger: temporalLogger(createLogger('error')), shutdownSignals: [] });
  const pool = new Pool({ connectionString: database, max: 10 });
  pool.on('error', () => undefined);
  const connection = await NativeConnection.connect({ address: temporal });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue,
    dataConverter: {
      payloadCodecs: [
        new PayloadEncryptionCodec(payloadKeys([payloadKey]), { unauthentic: 'mark' }),
      ],
    },
    workflowsPath: require.resolve('./workflows'),
    activities: createBenchActivities(pool),
  });
  const stop = () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The native worker holds no event-loop handle while it drains.
  const keepAlive = setInterval(() => undefined, 1000);
  console.log(`[bare worker] polling task queue ${taskQueue}`);
  await worker.run();
  clearInterval(keepAlive);
  await connection.close();
  await pool.end();
}

main().catch((error: unknown) => {
  console.error(`[bare worker] ${(error as Error).message}`);
  process.exit(1);
});
