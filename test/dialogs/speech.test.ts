import { describe, expect, it } from 'vitest';
import { toSpeech } from '../../src/dialogs/speech.js';

describe('toSpeech', () => {
  const cases: [string, 'fr' | 'en', string][] = [
    ['le lundi 23 novembre à 9 h 30.', 'fr', 'le lundi 23 novembre à 9 heures 30.'],
    ['à 14 h, ou à 1 h', 'fr', 'à 14 heures, ou à 1 heure'],
    ['Votre ticket : T20261122.0004.', 'fr', 'Votre ticket, T 2 0 2 6 1 1 2 2 point 0 0 0 4.'],
    ['écrivez à escalade@itcomservices.fr', 'fr', 'écrivez à escalade arobase itcomservices point fr'],
    ['« PRODUCTION ARRETEE »', 'fr', 'PRODUCTION ARRETEE'],
    ['file OPS-01-INFORMATIQUE', 'fr', 'file OPS 01 INFORMATIQUE'],
    ['choix n°2', 'fr', 'choix numéro 2'],
    ['by Monday 23 November at 9:30 am', 'en', 'by Monday 23 November at 9 30 AM'],
    ['Je récapitule :\n• Type : incident', 'fr', 'Je récapitule. Type, incident'],
    ['le mardi 1er décembre à 9 h', 'fr', 'le mardi premier décembre à 9 heures'],
    [
      '• Entreprise : Transports Durand (sous contrat)\n• Contact : Marie Lefèvre',
      'fr',
      'Entreprise, Transports Durand, sous contrat. Contact, Marie Lefèvre',
    ],
    [
      'votre ticket est le T20261123.0001 (incident).\nPourquoi',
      'fr',
      'votre ticket est le T 2 0 2 6 1 1 2 3 point 0 0 0 1, incident. Pourquoi',
    ],
  ];
  it.each(cases)('%s', (text, lang, spoken) => {
    expect(toSpeech(text, lang)).toBe(spoken);
  });
});
