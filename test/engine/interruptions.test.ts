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
    ['has anyone looked at my issue yet?', { kind: 'my_status' }],
    ["est-ce que quelqu'un s'occupe de ma demande ?", { kind: 'my_status' }],
    // A status word alone is not about a ticket, unless the conversation has just opened one (below).
    ['vous avez des nouvelles pour mon imprimante ?', null],
    ['merci beaucoup', { kind: 'thanks' }],
    ['thanks a lot', { kind: 'thanks' }],
    ['merci de regarder mon imprimante', null],
    ['Au revoir, bonne journée !', { kind: 'goodbye' }],
    ['merci et au revoir', { kind: 'goodbye' }],
    ['bye', { kind: 'goodbye' }],
    ['je voudrais annuler mon ticket', { kind: 'withdraw', number: null }],
    ['cancel ticket T20261122.0004 please', { kind: 'withdraw', number: 'T20261122.0004' }],
    ['please close my ticket T20261122.0004', { kind: 'withdraw', number: 'T20261122.0004' }],
    ['le T20261122.0004 est réglé, ça remarche', { kind: 'withdraw', number: 'T20261122.0004' }],
    // Without a ticket to speak of, "c'est réglé" is part of what the person says.
    ["c'est réglé", null],
    // Urgency alone is only about a ticket just opened.
    ["c'est urgent", null],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(detectInterruption(text, words)).toEqual(expected);
  });

  const afterTicket: [string, Interruption | null][] = [
    ['vous avez des nouvelles pour mon imprimante ?', { kind: 'my_status' }],
    ["c'est pour savoir où ça en est", { kind: 'my_status' }],
    ['any progress?', { kind: 'my_status' }],
    ["l'imprimante du 3e ne marche plus non plus", null],
    ['annuler', { kind: 'withdraw', number: null }],
    ["en fait c'est réglé", { kind: 'withdraw', number: null }],
    ['it works now', { kind: 'withdraw', number: null }],
    ['ça remarche pas', null],
    ["c'est urgent svp !", { kind: 'urgent' }],
    ['ASAP please', { kind: 'urgent' }],
    ["c'est urgent, le scanner aussi est en panne", null],
    ["c'est réglé mais maintenant le scanner ne marche plus", null],
  ];
  it.each(afterTicket)('right after a ticket: %s', (text, expected) => {
    expect(detectInterruption(text, words, { afterTicket: true })).toEqual(expected);
  });

  it('in the middle of a request, "ok merci" is a yes, "merci" alone a thank-you', () => {
    expect(detectInterruption('ok merci', words, { inIntake: true })).toBeNull();
    expect(detectInterruption('parfait, merci !', words, { inIntake: true })).toBeNull();
    expect(detectInterruption('merci', words, { inIntake: true })).toEqual({ kind: 'thanks' });
    expect(detectInterruption('ok merci', words, { afterTicket: true })).toEqual({ kind: 'thanks' });
  });

  it('in the middle of a request, the problem gone drops the request', () => {
    expect(detectInterruption("ah c'est bon, ça remarche", words, { inIntake: true })).toEqual({ kind: 'cancel' });
    expect(detectInterruption('annuler', words, { inIntake: true })).toEqual({ kind: 'cancel' });
  });
});
