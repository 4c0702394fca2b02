import { describe, expect, it } from 'vitest';
import { shippedAnswerWords } from '../../src/dialogs/answer-words.js';
import { detectInterruption, type Interruption } from '../../src/engine/interruptions.js';

const words = shippedAnswerWords();

describe('detectInterruption', () => {
  const cases: [string, Interruption | null][] = [
    ['aide', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['Annuler', { kind: 'cancel' }],
    ['stop', { kind: 'cancel' }],
    ['recommencer', { kind: 'restart' }],
    ['où en est T20261122.0004 ?', { kind: 'status', number: 'T20261122.0004' }],
    ['t20261122.0004', { kind: 'status', number: 'T20261122.0004' }],
    ['mes tickets', { kind: 'my_tickets' }],
    ['je veux escalader le ticket T20261122.0004', { kind: 'escalate', number: 'T20261122.0004' }],
    ['I want to escalate', { kind: 'escalate', number: null }],
    ['je voudrais parler à un technicien', { kind: 'technician', number: null }],
    ['talk to a human please', { kind: 'technician', number: null }],
    ["l'écran s'arrête tout seul", null],
    ["suite au ticket T20261122.0004 l'imprimante ne marche toujours pas", null],
    ['le technicien est passé hier mais ça remarche pas', null],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(detectInterruption(text, words)).toEqual(expected);
  });
});
