import { describe, expect, it } from 'vitest';
import { reasonFor } from '../../src/dialogs/intake.js';
import type { Language, Priority } from '../../src/domain.js';
import { loadPolicy } from '../../src/policy/load.js';

const policy = loadPolicy();
const FRENCH = 'Incident de priorité 1 (critique) : le central téléphonique est hors service.';

describe('reasonFor: why, from the French reason a ticket keeps', () => {
  const cases: [name: string, reason: string | null, priority: Priority, language: Language, expected: string][] = [
    ['French keeps the French sentence', FRENCH, 'critique', 'fr', FRENCH],
    [
      'English gets the policy definition of the priority',
      FRENCH,
      'critique',
      'en',
      policy.priorities.critique.definition.en,
    ],
    ['no reason at all gives the policy definition', null, 'basse', 'fr', policy.priorities.basse.definition.fr],
  ];
  it.each(cases)('%s', (_name, reason, priority, language, expected) => {
    expect(reasonFor(reason, priority, policy, language)).toBe(expected);
  });
});
