import { describe, expect, it } from 'vitest';
import { speechHints } from '../../../src/channels/twilio/speech-hints.js';
import { loadIntents } from '../../../src/intents/load.js';
import type { IntentSet } from '../../../src/intents/schema.js';

function conceptsOf(concepts: Record<string, { kind: 'object' | 'state'; fr: string[] }>): IntentSet {
  const full = Object.fromEntries(
    Object.entries(concepts).map(([name, c]) => [name, { ...c, weight: 1, en: [] }]),
  ) as IntentSet['concepts'];
  return { concepts: full } as IntentSet;
}

describe('speechHints', () => {
  it.each([
    {
      name: 'the curated phrases come first, then one word per thing in turn',
      curated: ['standard téléphonique'],
      intents: conceptsOf({
        server: { kind: 'object', fr: ['serveur', 'serveur de fichiers'] },
        phone: { kind: 'object', fr: ['pabx', 'standard'] },
        down: { kind: 'state', fr: ['en panne'] },
      }),
      expected: ['standard téléphonique', 'serveur', 'pabx', 'serveur de fichiers', 'standard'],
    },
    {
      name: 'marks, duplicates across accents, plurals and one-letter words are dropped',
      curated: ['réseau'],
      intents: conceptsOf({
        net: { kind: 'object', fr: ['reseau', '=switch', 'switchs', '!pc', 'x'] },
      }),
      expected: ['réseau', 'switch', 'pc'],
    },
    { name: 'without intents, the curated list', curated: ['VPN', 'wifi'], intents: null, expected: ['VPN', 'wifi'] },
  ])('$name', ({ curated, intents, expected }) => {
    expect(speechHints(curated, intents)).toEqual(expected);
  });

  it('stays within Twilio’s limits with the shipped intents and names the telephone words', () => {
    const hints = speechHints(['standard téléphonique'], loadIntents());
    expect(hints.length).toBeLessThanOrEqual(100);
    expect(hints.every((h) => h.length <= 100)).toBe(true);
    expect(hints).toEqual(expect.arrayContaining(['standard téléphonique', 'pabx', 'imprimante']));
  });
});
