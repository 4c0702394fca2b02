import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { memoryIo } from '../helpers/memory-io.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'guichet.js');

describe('guichet start, refused settings', () => {
  it.each([
    { args: ['--port', 'abc'], env: {}, says: '--port (or PORT) expects a port number from 0 to 65535, not "abc"' },
    { args: [], env: { PORT: '70000' }, says: 'not "70000"' },
    { args: ['--colour'], env: {}, says: "Unknown option '--colour'" },
    { args: ['--port', '0'], env: { LOG_LEVEL: 'loud' }, says: 'LOG_LEVEL must be one of' },
  ])('$args $env stops with a message', async ({ args, env, says }) => {
    const io = memoryIo('', env);
    expect(await main(['start', ...args], io)).toBe(1);
    expect(io.err()).toContain(says);
  });

  it.each([
    { name: 'a port already in use', host: '127.0.0.1', says: /cannot listen on 127\.0\.0\.1:\d+ \(listen EADDRINUSE/ },
    // 192.0.2.1 (TEST-NET-1) belongs to no interface of any machine.
    {
      name: 'an address of no interface',
      host: '192.0.2.1',
      says: /cannot listen on 192\.0\.2\.1:\d+ \(listen EADDRNOTAVAIL/,
    },
  ])('stops on $name with the message saying what to pass, not a stack', async ({ host, says }) => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const io = memoryIo('', {});
      expect(await main(['start', '--port', String(port), '--host', host, '--db', ':memory:'], io)).toBe(1);
      expect(io.err()).toMatch(says);
      expect(io.err()).toContain('pass another --port or --host');
      expect(io.err()).not.toContain('Unhandled');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('explains itself with --help', async () => {
    const io = memoryIo();
    expect(await main(['start', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: guichet start [--port N]');
  });
});

describe('guichet start, as a process', () => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
    child = undefined;
    dir = undefined;
  });

  it('serves the web chat and health, then stops gracefully on SIGTERM', async () => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-start-'));
    const env = { ...process.env, LOG_LEVEL: 'info', PORT: '', TWILIO_AUTH_TOKEN: '' };
    const db = join(dir, 'guichet.sqlite');
    const started = spawn(
      process.execPath,
      [BIN, 'start', '--port', '0', '--host', '127.0.0.1', '--db', db, '--now', '2026-11-23T10:00:00+01:00'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    let out = '';
    let log = '';
    started.stdout?.on('data', (chunk) => {
      out += String(chunk);
    });
    started.stderr?.on('data', (chunk) => {
      log += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => started.on('exit', (code) => resolve(code)));
    await expect.poll(() => out, { timeout: 45_000 }).toMatch(/web chat: http:\/\/127\.0\.0\.1:\d+\//);
    const url = /web chat: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1] ?? '';
    expect(out).toContain('channels: web (off: twilio');
    expect(out).toContain(`store:    ${db}`);

    const health = await fetch(`${url}healthz`);
    expect(health.status).toBe(200);
    const page = await fetch(url);
    expect(await page.text()).toContain('<html lang="fr">');

    started.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).not.toContain('"msg"');
    const lines = log
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['server started', 'server stopped']));
  });
});
