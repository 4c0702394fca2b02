import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';

function sink() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

describe("createLogger at the configuration's LOG_LEVEL", () => {
  it.each([
    { LOG_LEVEL: undefined, level: 'info', debugWritten: false, infoWritten: true },
    { LOG_LEVEL: '', level: 'info', debugWritten: false, infoWritten: true },
    { LOG_LEVEL: 'debug', level: 'debug', debugWritten: true, infoWritten: true },
    { LOG_LEVEL: ' WARN ', level: 'warn', debugWritten: false, infoWritten: false },
    { LOG_LEVEL: 'silent', level: 'silent', debugWritten: false, infoWritten: false },
  ])('LOG_LEVEL=$LOG_LEVEL logs at $level', async ({ LOG_LEVEL, level, debugWritten, infoWritten }) => {
    const { lines, stream } = sink();
    const env = LOG_LEVEL === undefined ? {} : { LOG_LEVEL };
    const logger = createLogger(readConfig(env).logLevel, stream);
    expect(logger.level).toBe(level);
    logger.debug('a debug line');
    logger.info('an info line');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.some((l) => l.msg === 'a debug line')).toBe(debugWritten);
    expect(lines.some((l) => l.msg === 'an info line')).toBe(infoWritten);
    if (infoWritten) expect(lines.find((l) => l.msg === 'an info line')?.name).toBe('guichet');
  });

  it('refuses an unknown level, naming the accepted ones', () => {
    expect(() => readConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL must be one of trace, debug, info/);
  });
});
