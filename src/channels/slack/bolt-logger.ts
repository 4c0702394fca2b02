import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';

const text = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');

function boltLevel(log: Logger): LogLevel {
  if (log.isLevelEnabled('debug')) return LogLevel.DEBUG;
  if (log.isLevelEnabled('info')) return LogLevel.INFO;
  if (log.isLevelEnabled('warn')) return LogLevel.WARN;
  return LogLevel.ERROR;
}

/**
 * Bolt's and the WebClient's log lines on Guichet's pino logger, at their own level, so they land
 * in the same JSON lines as the rest (the level is pino's, set by LOG_LEVEL).
 */
export function boltLogger(log: Logger): BoltLogger {
  return {
    // Bolt and the WebClient write several debug lines per payload: formatted only when they are kept.
    debug: (...parts: unknown[]) => {
      if (log.isLevelEnabled('debug')) log.debug(text(parts));
    },
    info: (...parts: unknown[]) => log.info(text(parts)),
    warn: (...parts: unknown[]) => log.warn(text(parts)),
    error: (...parts: unknown[]) => log.error(text(parts)),
    // The level is LOG_LEVEL's; Bolt's own requests to change it are ignored. Telling the WebClient
    // the real level matters: at debug it copies and redacts every request for its log lines.
    setLevel: () => {},
    getLevel: () => boltLevel(log),
    setName: () => {},
  };
}
