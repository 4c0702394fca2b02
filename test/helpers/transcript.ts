import { expect } from 'vitest';
import type { Clock } from '../../src/domain.js';
import type { ConversationEngine, Turn, TurnResult } from '../../src/engine/turn.js';

/** A clock the test moves by hand. */
export interface SettableClock extends Clock {
  set(at: string | Date): void;
}

export function settableClock(at: string | Date): SettableClock {
  let current = new Date(at);
  return {
    now: () => new Date(current.getTime()),
    set: (next) => {
      current = new Date(next);
    },
  };
}

/** Monday 23 November 2026, 10:00 in Paris: inside business hours. */
export const MONDAY_10H = '2026-11-23T10:00:00+01:00';

/** One line of a transcript: what the person says, and what the bot's answer must contain. */
export type TranscriptStep = [says: string, botSays: string | string[]];

/** The text of every reply of a turn, joined. */
export function textOf(result: TurnResult): string {
  return result.replies.map((r) => r.text).join('\n');
}

/**
 * Plays a transcript through the engine: each message of the person, then a check that the
 * bot's replies contain every expected fragment. Returns the result of each turn.
 */
export async function play(
  engine: ConversationEngine,
  who: Omit<Turn, 'text'>,
  steps: TranscriptStep[],
): Promise<TurnResult[]> {
  const results: TurnResult[] = [];
  for (const [says, expected] of steps) {
    const result = await engine.handleTurn({ ...who, text: says });
    const text = textOf(result);
    for (const fragment of Array.isArray(expected) ? expected : [expected]) {
      expect(text, `after "${says.slice(0, 80)}"`).toContain(fragment);
    }
    results.push(result);
  }
  return results;
}
