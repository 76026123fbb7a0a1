// Structured logs: JSON lines through pino, one logger per process. The Temporal runtime's logger
// writes through it too, so workflow and activity log lines are JSON with the same fields, and
// carry the request id of the API call behind them (see common/request-id.ts).
import type {
  ActivityInterceptorsFactory,
  Logger as TemporalLogger,
  LogLevel,
} from '@temporalio/worker';
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { requestIdFrom } from '../common/request-id';

export type { Logger } from 'pino';

export function createLogger(level: LevelWithSilent, destination?: pino.DestinationStream) {
  return pino({ level, base: { pid: process.pid } }, destination);
}

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Components whose INFO lines we want: our workflows' and activities'. The SDK's own INFO lines
 * (the bundler's, worker state changes) would drown them; its warnings and errors pass. */
const OWN_COMPONENTS = new Set(['workflow', 'activity']);
const SDK_THRESHOLD = 40; // pino's warn

/** The Temporal runtime's logger, writing through pino. */
export function temporalLogger(logger: Logger): TemporalLogger {
  const write = (level: LogLevel, message: string, meta: Record<string | symbol, unknown> = {}) => {
    const pinoLevel = PINO_LEVEL[level];
    const own = OWN_COMPONENTS.has(String(meta.sdkComponent));
    if (!own && logger.levels.values[pinoLevel]! < SDK_THRESHOLD) return;
    logger[pinoLevel]({ ...meta }, message);
  };
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}

/**
 * Per activity execution: reads the request id the workflow passed in its headers, adds it to
 * the activity's log lines, and logs the activity's outcome and duration.
 */
export const activityLogging: ActivityInterceptorsFactory = (ctx) => {
  let requestId: string | undefined;
  return {
    inbound: {
      async execute(input, next) {
        requestId = requestIdFrom(input.headers);
        const started = Date.now();
        try {
          const result = await next(input);
          ctx.log.info(`activity ${ctx.info.activityType} done`, {
            durationMs: Date.now() - started,
          });
          return result;
        } catch (error) {
          ctx.log.warn(`activity ${ctx.info.activityType} failed: ${(error as Error).message}`, {
            durationMs: Date.now() - started,
          });
          throw error;
        }
      },
    },
    outbound: {
      getLogAttributes: (attributes, next) =>
        next(requestId === undefined ? attributes : { ...attributes, requestId }),
    },
  };
};
