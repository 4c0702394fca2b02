import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = resolve(import.meta.dirname, '..', '..', 'bin', 'guichet.js');
const dir = mkdtempSync(join(tmpdir(), 'guichet-chat-'));
const db = join(dir, 'guichet.sqlite');
const NOW = '2026-11-23T10:00:00+01:00';

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function guichet(args: string[], input = '') {
  const run = spawnSync(process.execPath, [bin, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface Line {
  replies: { text: string; choices: { label: string; digit: string }[]; expects: string }[];
  ticket?: Record<string, unknown>;
}

describe('guichet chat --jsonl', () => {
  it('takes a printer incident from a scripted stdin to a ticket that guichet tickets list shows', () => {
    // The person answers every question with the first choice (a digit alone picks it), as a
    // script that does not know in advance how many questions there will be.
    const script = ["l'imprimante du 2e étage n'imprime plus", 'Transports Durand', 'Marie Lefèvre'];
    const input = `${[...script, '1', '1', '1', '1', '1', '1'].join('\n')}\n`;
    const chat = guichet(['chat', '--jsonl', '--db', db, '--now', NOW], input);
    expect(chat.stderr).toBe('');
    expect(chat.status).toBe(0);
    const lines = chat.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    // The greeting, then exactly one line per input line.
    expect(lines).toHaveLength(1 + script.length + 6);
    expect(lines[0]?.replies[0]?.text).toContain('Bonjour');
    const opened = lines.find((l) => l.ticket);
    expect(opened?.ticket).toMatchObject({
      number: 'T20261123.0001',
      type: 'incident',
      priority: 'normale',
      domain: 'informatique',
      queue: 'OPS-01-INFORMATIQUE',
      account: 'Transports Durand',
      contract: true,
      firstResponseDue: '2026-11-23T15:30:00+01:00',
      resolutionDue: '2026-11-24T16:00:00+01:00',
    });
    const announced = opened?.replies.map((r) => r.text).join('\n') ?? '';
    expect(announced).toContain('lundi 23 novembre à 15 h 30');
    expect(announced).toContain('escalade@itcomservices.fr');
    for (const line of lines) {
      for (const reply of line.replies) {
        expect(Object.keys(reply).sort()).toEqual(['choices', 'expects', 'text']);
        expect(reply.choices.map((c) => c.digit)).toEqual(reply.choices.map((_c, i) => String(i + 1)));
      }
    }

    const list = guichet(['tickets', 'list', '--json', '--db', db]);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('T20261123.0001');
  });

  it('knows the person from --user and resumes a conversation with --conversation', () => {
    const first = guichet(
      [
        'chat',
        '--jsonl',
        '--db',
        db,
        '--now',
        NOW,
        '--user',
        'jp.durand@transports-durand.fr',
        '--conversation',
        'c-42',
      ],
      'Mon ordinateur ne démarre plus\n',
    );
    expect(first.status).toBe(0);
    const [greeting, answer] = first.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(greeting?.replies[0]?.text).toContain('Jean-Paul Durand');
    // Company and contact come from the identity: the next question is not "which company?".
    expect(answer?.replies[0]?.text).not.toContain('entreprise');

    const again = guichet(['chat', '--jsonl', '--db', db, '--now', NOW, '--conversation', 'c-42'], '');
    const [resumed] = again.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(resumed?.replies[0]?.text).toContain('Reprenons');
  });
});
