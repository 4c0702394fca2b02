import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sla } from '../../src/cli/sla.js';
import { memoryIo } from '../helpers/memory-io.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function run(lines: string[], args: string[] = []) {
  const io = memoryIo(`${lines.join('\n')}\n`);
  const status = await sla(args, io);
  const answers = io
    .out()
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status, answers, stderr: io.err() };
}

const example = '{"openedAt":"2026-11-20T17:30:00+01:00","priority":"critique"}';
const exampleAnswer = {
  openedAt: '2026-11-20T17:30:00+01:00',
  priority: 'critique',
  firstResponseDue: '2026-11-23T09:30:00+01:00',
  resolutionDue: '2026-11-23T12:30:00+01:00',
  escalationAt: '2026-11-23T11:30:00+01:00',
};

describe('guichet sla', () => {
  it.each([
    ['the example of the issue', example, exampleAnswer],
    [
      'an input in UTC, with an id echoed back',
      '{"id":"T-1","openedAt":"2026-11-20T16:30:00Z","priority":"critique"}',
      { id: 'T-1', ...exampleAnswer },
    ],
    [
      'an input at +05:30',
      '{"openedAt":"2026-11-20T22:00:00+05:30","priority":"haute"}',
      {
        openedAt: '2026-11-20T17:30:00+01:00',
        priority: 'haute',
        firstResponseDue: '2026-11-23T10:30:00+01:00',
        resolutionDue: '2026-11-23T18:00:00+01:00',
        escalationAt: '2026-11-23T15:00:00+01:00',
      },
    ],
    [
      'an account without contract',
      '{"openedAt":"2026-11-20T17:30:00+01:00","priority":"basse","contract":false}',
      {
        openedAt: '2026-11-20T17:30:00+01:00',
        priority: 'basse',
        firstResponseDue: null,
        resolutionDue: null,
        escalationAt: null,
      },
    ],
  ])('%s', async (_name, line, expected) => {
    const { status, answers } = await run([line]);
    expect(status).toBe(0);
    expect(answers).toEqual([expected]);
  });

  it('answers every good line and names the line and the problem of each bad one', async () => {
    const { status, answers, stderr } = await run([
      '{"openedAt":"2026-11-20T17:30:00","priority":"critique"}',
      example,
      'not json',
      '',
      '{"openedAt":"2026-11-20T17:30:00+01:00","priority":"urgent"}',
      '{"openedAt":"2026-11-20T17:30:00+01:00","priority":"haute","contract":"yes"}',
      '{"priority":"haute"}',
      example,
    ]);
    expect(status).toBe(1);
    expect(answers).toHaveLength(7);
    expect(answers[0]).toEqual({
      line: 1,
      error: expect.stringMatching(/^openedAt: expected an ISO-8601 instant with its UTC offset/),
    });
    expect(answers[1]).toEqual(exampleAnswer);
    expect(answers[2]).toEqual({ line: 3, error: expect.stringMatching(/^not valid JSON/) });
    expect(answers[3]).toEqual({
      line: 5,
      error: 'priority: expected one of critique, haute, normale, basse, not "urgent"',
    });
    expect(answers[4]).toEqual({ line: 6, error: 'contract: expected true or false (default true)' });
    expect(answers[5]).toEqual({ line: 7, error: expect.stringMatching(/^openedAt: expected an ISO-8601 instant/) });
    expect(answers[6]).toEqual(exampleAnswer);
    expect(stderr).toMatch(/^line 1: openedAt/m);
  });

  it.each([
    ['a date without a time', '2026-11-20'],
    ['a month', '2026-11'],
    ['a time without its offset', '2026-11-20T17:30'],
    ['an extended year past the calendar', '+275760-09-13T00:00:00Z'],
  ])('refuses %s, which no machine would read the same way', async (_name, openedAt) => {
    const { status, answers } = await run([JSON.stringify({ openedAt, priority: 'critique' }), example]);
    expect(status).toBe(1);
    expect(answers).toEqual([
      {
        line: 1,
        error: `openedAt: expected an ISO-8601 instant with its UTC offset, such as "2026-11-20T17:30:00+01:00", not ${JSON.stringify(openedAt)}`,
      },
      exampleAnswer,
    ]);
  });

  it('reads the basic ISO-8601 form and a lower-case z', async () => {
    const { status, answers } = await run([
      '{"openedAt":"20261120T173000+0100","priority":"critique"}',
      '{"openedAt":"2026-11-20t16:30:00z","priority":"critique"}',
    ]);
    expect(status).toBe(0);
    expect(answers).toEqual([exampleAnswer, exampleAnswer]);
  });

  it('adds the trace of each deadline with --explain', async () => {
    const { status, answers } = await run([example], ['--explain']);
    expect(status).toBe(0);
    const explain = answers[0]?.explain as Record<string, Record<string, unknown>>;
    expect(Object.keys(explain)).toEqual(['firstResponse', 'resolution', 'escalation']);
    expect(explain.resolution).toMatchObject({
      businessHours: 4,
      due: '2026-11-23T12:30:00+01:00',
      windows: [
        { date: '2026-11-20', from: '2026-11-20T17:30:00+01:00', to: '2026-11-20T18:00:00+01:00', seconds: 1800 },
        { date: '2026-11-23', from: '2026-11-23T09:00:00+01:00', to: '2026-11-23T12:30:00+01:00', seconds: 12600 },
      ],
      skipped: [
        { date: '2026-11-21', reason: 'weekend', name: 'samedi' },
        { date: '2026-11-22', reason: 'weekend', name: 'dimanche' },
      ],
    });
  });

  it('explains nothing without contract', async () => {
    const { answers } = await run(
      ['{"openedAt":"2026-11-20T17:30:00+01:00","priority":"basse","contract":false}'],
      ['--explain'],
    );
    expect(answers[0]?.explain).toBeNull();
  });

  it('refuses an unknown option', async () => {
    await expect(sla(['--explian'], memoryIo(''))).rejects.toThrow(/explian/);
  });

  it('answers through the real binary', async () => {
    const { stdout, code } = await new Promise<{ stdout: string; code: number | null }>((done, fail) => {
      const child = execFile('node', [resolve(root, 'bin/guichet.js'), 'sla'], { cwd: root }, (error, out) => {
        if (error && typeof error.code !== 'number') fail(error);
        else done({ stdout: out, code: error ? Number(error.code) : 0 });
      });
      child.stdin?.end(`${example}\n`);
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim())).toEqual(exampleAnswer);
  });
});
