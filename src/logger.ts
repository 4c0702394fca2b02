import { type DestinationStream, type Logger, pino } from 'pino';

/** The levels LOG_LEVEL accepts, from the most to the least verbose, and `silent`. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Creates Guichet's logger: pino writing one JSON line per event (to stdout unless a destination
 * is given), at `level` (the configuration's LOG_LEVEL, `info` by default).
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { name: 'guichet', level };
  return destination ? pino(options, destination) : pino(options);
}
