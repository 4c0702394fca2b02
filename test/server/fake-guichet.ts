import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Guichet } from '../../src/app.js';
import { fixedClock } from '../../src/domain.js';
import type { Reply, Turn, TurnResult } from '../../src/engine/turn.js';
import { PersonMessengers } from '../../src/messaging/person-messenger.js';

/** One JSON log line as pino wrote it. */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

/** A reply of the fake engine: what it says, with the choices and expectation given. */
export function reply(text: string, extra: Partial<Reply> = {}): Reply {
  return { text, speech: text, choices: [], expects: 'text', language: 'fr', ...extra };
}

/**
 * A Guichet with only what the HTTP server and the web channel touch: a scripted engine that
 * records every turn, a store whose health probe can be made to fail, and a logger whose lines
 * are kept in memory for the tests to read.
 */
export function fakeGuichet(options: { storeFails?: boolean; storeHangs?: boolean; engineFails?: boolean } = {}) {
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const begun: Omit<Turn, 'text'>[] = [];
  const turns: Turn[] = [];
  let closed = 0;
  const failIfAsked = () => {
    if (options.engineFails) throw new Error('database is locked');
  };
  const engine = {
    async begin(turn: Omit<Turn, 'text'>): Promise<TurnResult> {
      failIfAsked();
      begun.push(turn);
      return { replies: [reply('Bonjour, que se passe-t-il ?')], effects: [] };
    },
    async handleTurn(turn: Turn): Promise<TurnResult> {
      failIfAsked();
      turns.push(turn);
      if (turn.choice !== undefined) return { replies: [reply(`Choix reçu : ${turn.choice}`)], effects: [] };
      return {
        replies: [
          reply('Pour quelle société ?', {
            expects: 'choice',
            choices: [{ label: 'Transports Durand', digit: '1', value: 'Transports Durand' }],
          }),
        ],
        effects: [],
      };
    },
    async abandon(): Promise<null> {
      return null;
    },
  };
  const store = {
    async checkWritable(): Promise<void> {
      if (options.storeFails) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      if (options.storeHangs) return new Promise(() => {});
    },
  };
  const app = {
    clock: fixedClock('2026-11-23T10:00:00+01:00'),
    logger: pino({ level: 'debug' }, sink),
    engine,
    store,
    messengers: new PersonMessengers(),
    async close() {
      closed += 1;
    },
  } as unknown as Guichet;
  return { app, logs, begun, turns, closedCount: () => closed };
}
