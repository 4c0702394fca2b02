import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Guichet } from '../../../src/app.js';
import type { createRecordingSmsSender } from '../../../src/channels/twilio/index.js';
import { NO_CONTRACT_CALLER } from './helpers/fake-engine.js';
import { callAndConfirm, type PhoneNetwork, pressOneUntil, SimulatedCall } from './helpers/phone.js';
import { startRealPhoneLine } from './helpers/real-line.js';
import { secondsOfSpeech } from './helpers/speech-time.js';

/** The phone line with the real engine, dialog, classifier, ticket service and SQLite store. */
describe('the phone line end to end, with the real engine', () => {
  let app: Guichet;
  let network: PhoneNetwork;
  let sms: ReturnType<typeof createRecordingSmsSender>;
  let stop: () => Promise<void>;

  beforeEach(async () => {
    ({ app, network, sms, stop } = await startRealPhoneLine());
  });
  afterEach(async () => {
    await stop();
  });

  it('takes "le standard téléphonique ne répond plus" to a critique ticket, reads it out and offers the on-call technician', async () => {
    const call = new SimulatedCall(network, { from: '+33491000001' });
    await call.ring();
    const greeting = await call.press('2');
    expect(greeting.said[0]).toMatch(/^Bonjour Marie Lefèvre/);
    expect(greeting.gather?.attributes).toMatchObject({ input: 'dtmf speech', language: 'fr-FR' });

    let twiml = await call.speak('le standard téléphonique ne répond plus', 0.93);
    // Keys answer every question the dialog asks with choices, until it opens the ticket.
    twiml = await pressOneUntil(call, twiml, 'Votre ticket :', (t) => expect(t.gather?.attributes.numDigits).toBe('1'));
    // Issue item "the phone call puts the urgent first": the number twice, then at once the on-call
    // technician, then the priority and the first-response deadline, the rest by SMS.
    expect(twiml.said).toEqual([
      'Votre ticket : T 2 0 2 6 1 1 2 3 point 0 0 0 1.',
      'Je répète : T 2 0 2 6 1 1 2 3 point 0 0 0 1.',
      "Tapez 1 pour être mis en relation maintenant avec le technicien d'astreinte.",
      'Priorité critique, première réponse avant 11 heures.',
      'Les détails vous sont envoyés par SMS.',
    ]);
    // Read inside the <Gather>: 1 pressed while the deadline is read already puts the call through.
    expect(twiml.gather?.children).toHaveLength(5);
    expect(secondsOfSpeech(twiml.said)).toBeLessThan(25);
    const [ticket] = await app.store.listTickets();
    expect(ticket).toMatchObject({ number: 'T20261123.0001', priority: 'critique', source: 'phone' });
    expect(sms.sent).toEqual([{ to: '+33491000001', body: expect.stringContaining('T20261123.0001') }]);

    const transfer = await call.press('1');
    expect(transfer.dial).toBe('+33600000000');
    await call.hangUp('completed');
    expect(await app.store.listTickets()).toHaveLength(1);
  });

  it('offers a caller without a contract the no-contract line for a critique ticket, still under 25 seconds', async () => {
    // Boulangerie Marcel, an account without a maintenance contract (policy/accounts.yaml).
    const call = new SimulatedCall(network, { from: NO_CONTRACT_CALLER });
    const opened = await callAndConfirm(call, 'le standard téléphonique est en panne, plus personne ne peut appeler');
    expect(opened.said).toEqual([
      'Votre ticket : T 2 0 2 6 1 1 2 3 point 0 0 0 1.',
      'Je répète : T 2 0 2 6 1 1 2 3 point 0 0 0 1.',
      'Tapez 1 pour être mis en relation maintenant avec notre ligne hors contrat.',
      'Priorité critique, sans délai garanti, faute de contrat.',
      'Les détails vous sont envoyés par SMS.',
    ]);
    expect(secondsOfSpeech(opened.said)).toBeLessThan(25);
    expect((await call.press('1')).dial).toBe('+33899198643');
  });

  it('says the summary as one sentence a caller can follow, not the written form', async () => {
    const call = new SimulatedCall(network, { from: '+33491000001' });
    await call.ring();
    await call.press('2');
    await call.speak("l'imprimante du deuxième étage n'imprime plus", 0.93);
    const summary = await call.press('1');
    expect(summary.said).toEqual([
      "Je récapitule, incident de priorité normale, en informatique, pour Marie Lefèvre chez Transports Durand, L'imprimante du deuxième étage n'imprime plus. J'ouvre le ticket?",
      'Tapez 1 pour oui, ouvrir le ticket.',
      'Tapez 2 pour modifier une information.',
      'Tapez 3 pour annuler.',
    ]);
    expect(secondsOfSpeech(summary.said.slice(0, 1))).toBeLessThan(15);
  });

  it('never opens a second ticket when Twilio retries the confirming key', async () => {
    const call = new SimulatedCall(network);
    const twiml = await callAndConfirm(
      call,
      "l'imprimante du deuxième étage n'imprime plus, personne ne peut imprimer",
    );
    const retried = await call.retryLast();
    expect(retried.xml).toBe(twiml.xml);
    expect(await app.store.listTickets()).toHaveLength(1);
  });

  it('keeps a draft ticket technicians can see when the caller hangs up mid-intake', async () => {
    const call = new SimulatedCall(network);
    await call.ring();
    await call.press('2');
    await call.speak('le serveur de fichiers est en panne, toute la société est bloquée', 0.9);
    expect(await app.store.listTickets()).toEqual([]);
    await call.hangUp('completed');
    const drafts = await app.store.listTickets({ status: ['draft'] });
    expect(drafts).toEqual([
      expect.objectContaining({ source: 'phone', status: 'draft', account: 'Transports Durand' }),
    ]);
    await call.hangUp('completed');
    expect(await app.store.listTickets()).toHaveLength(1);
  });

  it('never keeps "je ne sais pas" as the company, and puts a caller it cannot understand through to the helpdesk', async () => {
    const call = new SimulatedCall(network, { from: '+33612345678' });
    await call.ring();
    await call.press('2');
    let twiml = await call.speak("l'imprimante du deuxième étage n'imprime plus", 0.9);
    expect(twiml.said.join(' ')).toContain('Pour quelle entreprise travaillez-vous');
    twiml = await call.speak('je ne sais pas', 0.9);
    expect(twiml.said.join(' ')).toContain("Pardon, je n'ai pas bien compris. Pour quelle entreprise");
    twiml = await call.speak('aucune idée', 0.9);
    expect(twiml.said.join(' ')).toContain("je n'ai toujours pas compris votre réponse");
    twiml = await call.speak('euh', 0.9);
    expect(twiml.said.join(' ')).toContain('je vous mets en relation avec un conseiller du helpdesk');
    expect(twiml.said.join(' ')).toContain('T 2 0 2 6 1 1 2 3 point 0 0 0 1');
    expect(twiml.dial).toBe('+33484268310');
    const [draft] = await app.store.listTickets({ status: ['draft'] });
    expect(draft).toMatchObject({
      source: 'phone',
      account: null,
      description: "l'imprimante du deuxième étage n'imprime plus",
    });
    await call.hangUp('completed');
    expect(await app.store.listTickets()).toHaveLength(1);
  });

  it('after a ticket asks for another request on the keypad: the caller repeating the problem opens no second one', async () => {
    const call = new SimulatedCall(network, { from: '+33491000001' });
    const twiml = await callAndConfirm(call, "l'imprimante du deuxième étage n'imprime plus");
    expect(twiml.said.at(-1)).toBe('Pour une autre demande, tapez 1 ; sinon, vous pouvez raccrocher.');
    expect(twiml.gather?.attributes).toMatchObject({ input: 'dtmf', numDigits: '1' });
    // Not critique: no on-call offer; the number twice, the priority and its deadline, under 25 s.
    const announcement = twiml.said.slice(0, -1);
    expect(announcement).toEqual([
      'Votre ticket : T 2 0 2 6 1 1 2 3 point 0 0 0 1.',
      'Je répète : T 2 0 2 6 1 1 2 3 point 0 0 0 1.',
      expect.stringMatching(/^Priorité (haute|normale), première réponse avant \d+ heures( \d+)?\.$/),
      'Les détails vous sont envoyés par SMS.',
    ]);
    expect(secondsOfSpeech(announcement)).toBeLessThan(25);
    const repeated = await call.speak("l'imprimante du deuxième étage n'imprime toujours pas", 0.9);
    expect(repeated.said.at(-1)).toBe('Merci de votre appel. Au revoir.');
    expect(repeated.hangsUp).toBe(true);
    expect(await app.store.listTickets()).toHaveLength(1);
  });

  it('after a critique ticket, the caller repeating the problem during the on-call offer opens no second one', async () => {
    const call = new SimulatedCall(network, { from: '+33491000001' });
    const twiml = await callAndConfirm(call, 'le standard téléphonique ne répond plus', { confidence: 0.93 });
    // The offer listens for words too ("oui"): the problem said again is not a yes, nor a new intake.
    expect(twiml.gather?.attributes.input).toBe('dtmf speech');
    const repeated = await call.speak('le standard ne répond toujours pas, personne ne peut appeler', 0.9);
    expect(repeated.said).toEqual(['Merci de votre appel. Au revoir.']);
    expect(repeated.dial).toBeUndefined();
    expect(await app.store.listTickets()).toHaveLength(1);
  });

  it('adds the same problem told again as a new request to the open ticket, then asks on the keypad again', async () => {
    const call = new SimulatedCall(network, { from: '+33491000001' });
    let twiml = await callAndConfirm(call, "l'imprimante du deuxième étage n'imprime plus");
    await call.press('1');
    twiml = await call.speak("l'imprimante du deuxième étage n'imprime toujours pas", 0.9);
    twiml = await pressOneUntil(call, twiml, 'Vous avez déjà le ticket');
    expect(twiml.said[0]).toBe(
      "Vous avez déjà le ticket T 2 0 2 6 1 1 2 3 point 0 0 0 1 pour ce problème, ouvert à 10 heures. J'y ajoute votre message?",
    );
    const added = await call.press('1');
    expect(added.said).toEqual([
      "C'est fait, votre message est ajouté au ticket T 2 0 2 6 1 1 2 3 point 0 0 0 1, et son technicien en est prévenu.",
      'Pour une autre demande, tapez 1 ; sinon, vous pouvez raccrocher.',
    ]);
    expect(added.gather?.attributes).toMatchObject({ input: 'dtmf', numDigits: '1' });
    const [ticket, ...others] = await app.store.listTickets();
    expect(others).toEqual([]);
    const notes = (await app.store.listEvents(ticket?.number ?? '')).filter((e) => e.kind === 'note');
    expect(notes).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ text: "l'imprimante du deuxième étage n'imprime toujours pas" }),
      }),
    ]);
    expect((await call.silence()).said).toEqual(['Merci de votre appel. Au revoir.']);
  });

  it('tells a caller who calls back about the same problem that the ticket exists, without opening another', async () => {
    const first = new SimulatedCall(network, { from: '+33491000001' });
    let twiml = await callAndConfirm(first, "l'imprimante du deuxième étage n'imprime plus");
    await first.hangUp('completed');

    const again = new SimulatedCall(network, { from: '+33491000001' });
    twiml = await callAndConfirm(again, "l'imprimante du deuxième étage ne marche toujours pas", {
      heard: 'Vous avez déjà le ticket',
    });
    expect(twiml.said[0]).toMatch(/^Vous avez déjà le ticket T 2 0 2 6 1 1 2 3 point 0 0 0 1 pour ce problème/);
    const added = await again.press('1');
    expect(added.said[0]).toMatch(/^C'est fait, votre message est ajouté au ticket T 2 0 2 6 1 1 2 3 point 0 0 0 1/);
    expect(await app.store.listTickets()).toHaveLength(1);
  });

  it('takes another request after the ticket when the caller presses 1', async () => {
    const call = new SimulatedCall(network, { from: '+33491000001' });
    await callAndConfirm(call, "l'imprimante du deuxième étage n'imprime plus");
    const listening = await call.press('1');
    expect(listening.said).toEqual(['Je vous écoute : décrivez votre nouvelle demande en quelques mots.']);
    const next = await call.speak("j'ai besoin d'un accès au dossier Compta", 0.9);
    expect(next.said.join(' ')).toContain('Je propose ce titre');
  });
});
