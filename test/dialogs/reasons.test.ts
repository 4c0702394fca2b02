import { describe, expect, it } from 'vitest';
import { reasonFor } from '../../src/dialogs/intake.js';
import { rememberReasons } from '../../src/dialogs/reasons.js';
import type { Language, Priority } from '../../src/domain.js';
import { loadPolicy } from '../../src/policy/load.js';

const policy = loadPolicy();
const KNOWN = {
  fr: 'Incident de priorité 1 (critique) : le central téléphonique est hors service.',
  en: 'Incident, priority 1 (critical): the phone system (PBX) is down.',
};
const UNKNOWN = 'Incident de priorité 3 (normale) : une phrase que le dialogue n’a jamais classée.';

describe('reasonFor: why, in the conversation language, from the French reason a ticket keeps', () => {
  rememberReasons(KNOWN);
  const cases: [name: string, reason: string | null, priority: Priority, language: Language, expected: string][] = [
    ['French keeps the French sentence', KNOWN.fr, 'critique', 'fr', KNOWN.fr],
    ['English gets the twin of a classified sentence', KNOWN.fr, 'critique', 'en', KNOWN.en],
    [
      'English falls back to the policy definition for a sentence never classified',
      UNKNOWN,
      'normale',
      'en',
      policy.priorities.normale.definition.en,
    ],
    ['no reason at all gives the policy definition', null, 'basse', 'fr', policy.priorities.basse.definition.fr],
  ];
  it.each(cases)('%s', (_name, reason, priority, language, expected) => {
    expect(reasonFor(reason, priority, policy, language)).toBe(expected);
  });
});
