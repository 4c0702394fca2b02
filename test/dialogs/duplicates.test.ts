import { afterEach, describe, expect, it } from 'vitest';
import type { Guichet } from '../../src/app.js';
import type { Turn } from '../../src/engine/turn.js';
import { play, testGuichet } from '../helpers/guichet.js';

/**
 * Duplicates caught, through the real engine, classifier, ticket service and SQLite store: the
 * same person's same problem while its ticket is open becomes a note of it (unless they insist),
 * and a colleague's report of the same company-wide outage is linked to the first ticket.
 */

const open: Guichet[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.close();
});

async function guichet() {
  const built = await testGuichet();
  open.push(built.app);
  return built;
}

const MARIE = 'marie.lefevre@transports-durand.fr';
const JEAN_PAUL = 'jp.durand@transports-durand.fr';
const web = (conversationId: string, userId: string): Omit<Turn, 'text'> => ({
  channel: 'web',
  conversationId,
  userId,
});

/** Marie's printer ticket, opened at 10 h: T20261123.0001. */
async function printerTicket(app: Guichet) {
  await play(app.engine, web('first', MARIE), [
    ["L'imprimante du 2e étage n'imprime plus", 'Je propose ce titre'],
    ['1', 'Je récapitule'],
    ['1', 'T20261123.0001'],
  ]);
}

const ASKED = "Vous avez déjà le ticket T20261123.0001 pour ce problème (ouvert à 10 h). J'y ajoute votre message ?";

describe('the same person describing the same problem', () => {
  it('adds the message to the open ticket as a note, and tells its technicians', async () => {
    const { app, clock, notifier } = await guichet();
    await printerTicket(app);
    clock.set('2026-11-23T11:20:00+01:00');
    const [, , asked, added] = await play(app.engine, web('later', MARIE), [
      ["L'imprimante du 2e étage n'imprime toujours pas", 'Je propose ce titre'],
      ['1', 'Je récapitule'],
      ['1', ASKED],
      ['oui', 'votre message est ajouté au ticket T20261123.0001'],
    ]);
    expect(asked?.replies[0]?.choices.map((c) => c.value)).toEqual(['add', 'new']);
    expect(added?.effects).toEqual([{ type: 'ticket_noted', ticketNumber: 'T20261123.0001' }]);
    expect(added?.ticket?.number).toBe('T20261123.0001');
    expect(await app.store.listTickets({})).toHaveLength(1);
    const note = (await app.store.listEvents('T20261123.0001')).find((e) => e.kind === 'note');
    expect(note).toMatchObject({
      by: 'Marie Lefèvre',
      data: { text: "L'imprimante du 2e étage n'imprime toujours pas", reason: 'duplicate', source: 'web' },
    });
    const told = notifier.notifications.at(-1);
    expect(told?.kind).toBe('ticket_note');
    expect(told?.ticket.number).toBe('T20261123.0001');
    expect(told?.text).toContain("Message de Marie Lefèvre : L'imprimante du 2e étage n'imprime toujours pas");
    expect(told?.recipients.length).toBeGreaterThan(0);
  });

  it("says the day the ticket was opened when it was not today in the helpdesk's zone, midnight included", async () => {
    const { app, clock } = await guichet();
    clock.set('2026-11-23T23:30:00+01:00');
    await printerTicket(app);
    // 23:10 UTC: still the 23rd in UTC, already the 24th in Paris.
    clock.set('2026-11-24T00:10:00+01:00');
    const [, , asked] = await play(app.engine, web('after-midnight', MARIE), [
      ["L'imprimante du 2e étage n'imprime toujours pas", 'Je propose ce titre'],
      ['1', 'Je récapitule'],
      ['1', '(ouvert le lundi 23 novembre à 23 h 30)'],
    ]);
    expect(asked?.replies[0]?.choices.map((c) => c.value)).toEqual(['add', 'new']);
    clock.set('2026-11-23T23:50:00+01:00');
    await play(app.engine, web('before-midnight', MARIE), [
      ["L'imprimante du 2e étage n'imprime toujours pas", 'Je propose ce titre'],
      ['1', 'Je récapitule'],
      ['1', '(ouvert à 23 h 30)'],
    ]);
  });

  it('opens a new ticket when the person insists it is another problem', async () => {
    const { app } = await guichet();
    await printerTicket(app);
    await play(app.engine, web('later', MARIE), [
      ["L'imprimante du 2e étage n'imprime toujours pas", 'Je propose ce titre'],
      ['1', 'Je récapitule'],
      ['1', ASKED],
      ['2', "C'est enregistré : votre ticket est le T20261123.0002"],
    ]);
    expect(await app.store.listTickets({})).toHaveLength(2);
    expect((await app.store.listEvents('T20261123.0001')).some((e) => e.kind === 'note')).toBe(false);
  });

  it('asks again when the answer is neither yes nor no', async () => {
    const { app } = await guichet();
    await printerTicket(app);
    await play(app.engine, web('later', MARIE), [
      ["L'imprimante du 2e étage n'imprime toujours pas", 'Je propose ce titre'],
      ['1', 'Je récapitule'],
      ['1', ASKED],
      ['euh', ["Pardon, je n'ai pas bien compris.", ASKED]],
      ['non', 'T20261123.0002'],
    ]);
  });

  it('opens a new ticket for a different problem', async () => {
    const { app } = await guichet();
    await printerTicket(app);
    await play(app.engine, web('later', MARIE), [
      ["Je n'arrive plus à me connecter à ma messagerie Outlook", 'Je propose ce titre'],
      ['1', 'Je récapitule'],
      ['1', "C'est enregistré : votre ticket est le T20261123.0002"],
    ]);
  });

  it('opens a new ticket once the window of the policy has passed', async () => {
    const { app, clock } = await guichet();
    expect(app.policy.duplicates.windowHours).toBe(24);
    await printerTicket(app);
    clock.set('2026-11-24T10:30:00+01:00');
    await play(app.engine, web('later', MARIE), [
      ["L'imprimante du 2e étage n'imprime toujours pas", 'Je propose ce titre'],
      ['1', 'Je récapitule'],
      ['1', "C'est enregistré : votre ticket est le T20261124.0001"],
    ]);
  });

  it('opens a new ticket once the first one is resolved', async () => {
    const { app } = await guichet();
    await printerTicket(app);
    await app.tickets.changeStatus('T20261123.0001', 'resolved', 'philippe');
    await play(app.engine, web('later', MARIE), [
      ["L'imprimante du 2e étage n'imprime toujours pas", 'Je propose ce titre'],
      ['1', 'Je récapitule'],
      ['1', "C'est enregistré : votre ticket est le T20261123.0002"],
    ]);
  });
});

describe('another employee of the same company', () => {
  it('reporting the same company-wide outage is told it is known and linked to the first ticket', async () => {
    const { app, clock, notifier } = await guichet();
    await play(app.engine, web('marie', MARIE), [
      ["Plus personne ne peut travailler dans toute l'entreprise : le serveur de fichiers est en panne", 'titre'],
      ['1', 'Priorité : Critique'],
      ['1', 'T20261123.0001'],
    ]);
    clock.set('2026-11-23T10:12:00+01:00');
    const [, , linked] = await play(app.engine, web('jp', JEAN_PAUL), [
      ["Le serveur de fichiers est en panne, toute l'entreprise est bloquée", 'titre'],
      ['1', 'Priorité : Critique'],
      ['1', ['Ce problème est déjà connu', 'ticket T20261123.0001, ouvert à 10 h']],
    ]);
    expect(linked?.ticket?.number).toBe('T20261123.0001');
    expect(await app.store.listTickets({})).toHaveLength(1);
    const note = (await app.store.listEvents('T20261123.0001')).find((e) => e.kind === 'note');
    expect(note).toMatchObject({ by: 'Jean-Paul Durand', data: { reason: 'site_outage' } });
    expect(notifier.notifications.at(-1)?.kind).toBe('ticket_note');
    // The colleague may follow the ticket from their conversation.
    await play(app.engine, web('jp', JEAN_PAUL), [['où en est mon ticket ?', 'T20261123.0001']]);
  });

  it('reporting a problem of their own gets their own ticket', async () => {
    const { app } = await guichet();
    await printerTicket(app);
    await play(app.engine, web('jp', JEAN_PAUL), [
      ["L'imprimante du 2e étage n'imprime plus", 'Je propose ce titre'],
      ['1', 'Je récapitule'],
      ['1', "C'est enregistré : votre ticket est le T20261123.0002"],
    ]);
  });
});
