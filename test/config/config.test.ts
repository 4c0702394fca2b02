import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { configVariables, DEFAULT_DATABASE, readConfig } from '../../src/config/config.js';
import { DEFAULT_INTENTS_DIR } from '../../src/intents/load.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH } from '../../src/policy/load.js';
import { memoryIo } from '../helpers/memory-io.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The variables .env.example sets (uncommented `NAME=` lines). */
function exampleVariables(): string[] {
  const text = readFileSync(join(ROOT, '.env.example'), 'utf8');
  return [...text.matchAll(/^([A-Za-z][A-Za-z0-9_]*)=/gm)].map((m) => m[1] as string);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('the configuration', () => {
  it('reads every variable .env.example lists, and .env.example lists every variable it reads', () => {
    const listed = exampleVariables();
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...configVariables()].sort());
  });

  it('reads the whole of .env.example as it is shipped', () => {
    const env = Object.fromEntries(
      [...readFileSync(join(ROOT, '.env.example'), 'utf8').matchAll(/^([A-Za-z][A-Za-z0-9_]*)=(.*)$/gm)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    const config = readConfig(env);
    expect(config).toMatchObject({ port: 3978, host: '0.0.0.0', database: DEFAULT_DATABASE, logLevel: 'info' });
    expect(config.channels.twilio).toBeNull();
  });

  it('has a default for every setting an empty environment leaves out', () => {
    expect(readConfig({})).toEqual({
      port: 3978,
      host: '0.0.0.0',
      database: DEFAULT_DATABASE,
      policyPath: DEFAULT_POLICY_PATH,
      accountsPath: DEFAULT_ACCOUNTS_PATH,
      intentsDir: DEFAULT_INTENTS_DIR,
      logLevel: 'info',
      channels: { web: { trustUserId: false }, twilio: null, slack: null, teams: null },
      watchIntervalMs: 30_000,
    });
  });

  it('reads the values given, paths resolved from the working directory', () => {
    const config = readConfig({
      PORT: ' 8080 ',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://guichet@db:5432/guichet',
      GUICHET_POLICY: 'conf/policy.yaml',
      GUICHET_ACCOUNTS: '/etc/guichet/accounts.yaml',
      GUICHET_INTENTS: 'conf/intents',
      LOG_LEVEL: 'WARN',
      WEB_TRUST_USER_ID: 'yes',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      database: 'postgres://guichet@db:5432/guichet',
      policyPath: resolve('conf/policy.yaml'),
      accountsPath: '/etc/guichet/accounts.yaml',
      intentsDir: resolve('conf/intents'),
      logLevel: 'warn',
      channels: { web: { trustUserId: true } },
    });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['On', true],
    ['false', false],
    ['no', false],
    ['', false],
  ])('WEB_TRUST_USER_ID=%s trusts the page: %s', (value, trusted) => {
    expect(readConfig({ WEB_TRUST_USER_ID: value }).channels.web.trustUserId).toBe(trusted);
  });

  it.each([
    [{ PORT: 'http' }, 'PORT must be a port number from 0 to 65535, not "http"'],
    [{ PORT: '65536' }, 'PORT must be a port number from 0 to 65535, not "65536"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, not "loud"'],
    [{ WEB_TRUST_USER_ID: 'maybe' }, 'WEB_TRUST_USER_ID must be true or false, not "maybe"'],
    [{ TWILIO_AUTH_TOKEN: 'secret', TWILIO_ACCOUNT_SID: 'AC12' }, 'TWILIO_ACCOUNT_SID must be the account SID'],
    [{ TWILIO_AUTH_TOKEN: 'secret', PUBLIC_BASE_URL: 'guichet.example.fr' }, 'PUBLIC_BASE_URL must be an http(s) URL'],
  ])('refuses %o, saying %s', (env, says) => {
    expect(() => readConfig(env)).toThrow(says);
  });

  it('names every wrong variable at once, and never repeats a secret', () => {
    let message = '';
    try {
      readConfig({ PORT: '-1', LOG_LEVEL: 'loud', TWILIO_AUTH_TOKEN: 's3cr3t-token', TWILIO_ACCOUNT_SID: 'nope' });
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toContain('the environment is invalid (see .env.example)');
    expect(message).toContain('  - PORT must be');
    expect(message).toContain('  - LOG_LEVEL must be');
    expect(message).toContain('  - TWILIO_ACCOUNT_SID must be');
    expect(message).not.toContain('s3cr3t-token');
  });
});

describe('the environment, read once', () => {
  it('is read through process.env only by the CLI entry and the tests, nowhere else in src/', () => {
    const readers = sourceFiles(join(ROOT, 'src'))
      .filter((path) => readFileSync(path, 'utf8').includes('process.env'))
      .map((path) => relative(ROOT, path));
    expect(readers).toEqual(['src/cli/io.ts']);
  });

  it.each([
    ['start', ['--port', '0', '--host', '127.0.0.1']],
    ['chat', ['--jsonl']],
    ['classify', []],
  ])('guichet %s loads the intents of GUICHET_INTENTS', async (command, args) => {
    const io = memoryIo('', { GUICHET_INTENTS: '/nonexistent/intents', LOG_LEVEL: 'silent', DATABASE_URL: ':memory:' });
    expect(await main([command, ...args], io)).toBe(1);
    expect(io.err()).toContain('/nonexistent/intents: the intents folder cannot be read');
  });

  it('still shows the usage with --help when a variable is wrong', async () => {
    const io = memoryIo('', { LOG_LEVEL: 'chatty' });
    expect(await main(['tickets', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: guichet tickets');
  });

  it('stops any command with the wrong variable before it opens anything', async () => {
    const io = memoryIo('', { DATABASE_URL: ':memory:', LOG_LEVEL: 'chatty' });
    expect(await main(['tickets', 'list'], io)).toBe(1);
    expect(io.err()).toContain('guichet tickets: the environment is invalid');
    expect(io.err()).toContain('LOG_LEVEL must be one of');
  });
});
