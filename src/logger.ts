import { type DestinationStream, type Logger, pino } from 'pino';
import { z } from 'zod';
import { ErrorCode, GuichetError } from './errors.js';

/** The levels LOG_LEVEL accepts, from the most to the least verbose, and `silent`. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

const logLevelSchema = z.enum(LOG_LEVELS);

/**
 * Creates Guichet's logger: pino writing one JSON line per event (to stdout unless a destination
 * is given), at the level of `LOG_LEVEL` (`info` by default). A wrong level stops start-up with a
 * GuichetError that lists the accepted ones, rather than logging nothing without a word.
 */
export function createLogger(env: NodeJS.ProcessEnv, destination?: DestinationStream): Logger {
  const raw = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  const level = logLevelSchema.safeParse(raw);
  if (!level.success) {
    throw new GuichetError(
      ErrorCode.InvalidInput,
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${env.LOG_LEVEL ?? ''}"`,
    );
  }
  const options = { name: 'guichet', level: level.data };
  return destination ? pino(options, destination) : pino(options);
}
