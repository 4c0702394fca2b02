import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { memoryIo } from '../../helpers/memory-io.js';
import { ConnectorStandIn } from './helpers/connector.js';
import { fixture } from './helpers/harness.js';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'guichet.js');

describe('guichet start with Teams', () => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  const connector = new ConnectorStandIn();
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
    await connector.stop();
    child = undefined;
    dir = undefined;
  });

  it('serves /api/messages with TEAMS_ANONYMOUS=true, saying in the banner it is for local testing only', async () => {
    await connector.start();
    dir = mkdtempSync(join(tmpdir(), 'guichet-teams-start-'));
    const env = { ...process.env, LOG_LEVEL: 'warn', PORT: '', TWILIO_AUTH_TOKEN: '', TEAMS_ANONYMOUS: 'true' };
    const started = spawn(
      process.execPath,
      [
        BIN,
        'start',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--db',
        join(dir, 'g.sqlite'),
        '--now',
        '2026-11-23T10:00:00+01:00',
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    let out = '';
    started.stdout?.on('data', (chunk) => {
      out += String(chunk);
    });
    started.stderr?.resume();
    const exited = new Promise<number | null>((resolve) => started.on('exit', (code) => resolve(code)));
    // A process of its own loads every module: on a busy machine that can take many seconds.
    await expect.poll(() => out, { timeout: 50_000 }).toMatch(/store: /);
    expect(out).toContain('channels: web, teams');
    expect(out).toContain(
      'teams:    /api/messages without authentication (TEAMS_ANONYMOUS=true): for local testing only',
    );
    const url = /web chat: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1] ?? '';

    const activity = { ...fixture('message'), serviceUrl: connector.serviceUrl };
    const response = await fetch(`${url}api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(200);
    expect(connector.messages().length).toBeGreaterThan(0);

    started.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);

  it('stops start-up naming the missing Teams setting', async () => {
    const io = memoryIo('', { MicrosoftAppId: '3f9a1c7e-5b2d-4a8f-9e6c-1d0b7a4c2e8f', MicrosoftAppPassword: 's' });
    expect(await main(['start', '--port', '0', '--host', '127.0.0.1', '--db', ':memory:'], io)).toBe(1);
    expect(io.err()).toContain('MicrosoftAppTenantId must be set for a SingleTenant bot');
  });
});
