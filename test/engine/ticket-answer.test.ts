import { afterEach, describe, expect, it } from 'vitest';
import type { Guichet } from '../../src/app.js';
import type { Turn } from '../../src/engine/turn.js';
import type { RecordingNotifier } from '../../src/notifier/recording-notifier.js';
import { play, testGuichet, textOf } from '../helpers/guichet.js';

const apps: Guichet[] = [];
afterEach(async () => {
  while (apps.length > 0) await apps.pop()?.close();
});

const marie: Omit<Turn, 'text'> = {
  channel: 'web',
  conversationId: 'conv-answer',
  userId: 'marie.lefevre@transports-durand.fr',
};

/** Marie's printer ticket, taken by Philippe, then resolved or put waiting for her. */
async function ticketThen(
  status: 'resolved' | 'waiting_customer',
  who: Omit<Turn, 'text'> = marie,
  opening: [string, string][] = [
    ["L'imprimante du 2e étage n'imprime plus", 'titre'],
    ['1', 'Je récapitule'],
    ['1', 'T20261123.0001'],
  ],
): Promise<{ app: Guichet; notifier: RecordingNotifier; number: string; clock: { set(at: string): void } }> {
  const { app, notifier, clock } = await testGuichet();
  apps.push(app);
  await play(app.engine, who, opening);
  const number = 'T20261123.0001';
  expect((await app.technicianActions.run({ action: 'take', number, by: 'philippe' })).ok).toBe(true);
  const done =
    status === 'resolved'
      ? await app.technicianActions.run({ action: 'resolve', number, by: 'philippe', text: 'Pilote réinstallé.' })
      : await app.technicianActions.run({ action: 'wait', number, by: 'philippe', text: 'Quel est le modèle ?' });
  expect(done.ok).toBe(true);
  notifier.notifications.length = 0;
  return { app, notifier, number, clock };
}

describe('the person answering in the conversation of their ticket', () => {
  it.each([
    'ça ne marche toujours pas',
    'toujours le même problème',
    'le souci est revenu',
    "c'est revenu depuis ce matin",
    "l'imprimante refuse encore d'imprimer",
    'still not working',
  ])('"%s" reopens the resolved ticket, tells the person and the technician who had it', async (says) => {
    const { app, notifier, number } = await ticketThen('resolved');
    const result = await app.engine.handleTurn({ ...marie, text: says });
    expect(textOf(result)).toContain(`Je rouvre votre ticket ${number} : Philippe, qui s'en occupait, est prévenu`);
    expect(result.effects).toEqual([{ type: 'ticket_reopened', ticketNumber: number }]);
    const ticket = await app.store.getTicket(number);
    expect(ticket?.status).toBe('in_progress');
    expect(ticket?.resolvedAt).toBeNull();
    expect(ticket?.assignee).toBe('philippe');
    const events = await app.store.listEvents(number);
    expect(events.find((e) => e.kind === 'person_replied')?.data).toEqual({
      text: says,
      from: 'resolved',
      reopens: true,
    });
    const reopened = notifier.notifications.find((n) => n.kind === 'ticket_reopened');
    expect(reopened?.recipients.map((t) => t.id)).toEqual(['philippe']);
    expect(reopened?.notice?.facts[0]).toEqual({ label: 'Marie Lefèvre', value: says });
    expect(reopened?.notice?.actions.map((a) => a.action)).toContain('resolve');
    // Then every copy of the ticket's message shows it in progress again.
    expect(notifier.notifications.at(-1)?.kind).toBe('ticket_updated');
    expect(notifier.notifications.at(-1)?.ticket.status).toBe('in_progress');
  });

  it.each(['merci, ça marche', 'pas de souci, merci encore', 'ok merci', "c'est bon, ça fonctionne de nouveau"])(
    '"%s" leaves the resolved ticket resolved and tells no technician',
    async (says) => {
      const { app, notifier, number } = await ticketThen('resolved');
      const result = await app.engine.handleTurn({ ...marie, text: says });
      expect(textOf(result)).not.toContain('Je rouvre');
      expect((await app.store.getTicket(number))?.status).toBe('resolved');
      expect(notifier.notifications.filter((n) => n.kind === 'ticket_reopened')).toEqual([]);
      expect((await app.store.listEvents(number)).some((e) => e.kind === 'person_replied')).toBe(false);
    },
  );

  it('plans the resolution timers again on reopening, as the SLA watch does for any reopened ticket', async () => {
    const { app, number } = await ticketThen('resolved');
    const pending = async () =>
      (await app.store.listTimers(number)).filter((t) => t.state === 'pending').map((t) => t.kind);
    expect(await pending()).toEqual([]);
    await app.engine.handleTurn({ ...marie, text: 'ça ne marche toujours pas' });
    // Taken already: no take-charge or first-response step; the resolution deadline counts again.
    expect(await pending()).toContain('resolution');
    expect(await pending()).not.toContain('first_response_warning');
    expect(await pending()).not.toContain('take_charge');
  });

  it('says it in English to a person who wrote in English', async () => {
    const john: Omit<Turn, 'text'> = { ...marie, conversationId: 'conv-en' };
    const { app, number } = await ticketThen('resolved', john, [
      ['The printer on the 2nd floor is not printing', 'title'],
      ['1', 'summary'],
      ['1', 'T20261123.0001'],
    ]);
    const result = await app.engine.handleTurn({ ...john, text: 'the problem is back' });
    expect(textOf(result)).toContain(`I am reopening your ticket ${number}: Philippe, who was handling it`);
    expect((await app.store.getTicket(number))?.status).toBe('in_progress');
  });

  it('records any answer to a ticket waiting for the person and puts it back in progress', async () => {
    const { app, notifier, number } = await ticketThen('waiting_customer');
    const result = await app.engine.handleTurn({ ...marie, text: 'Une Ricoh MP C3004, au 2e étage' });
    expect(textOf(result)).toContain(`votre réponse est ajoutée au ticket ${number} et transmise à Philippe`);
    expect(result.effects).toEqual([{ type: 'ticket_answered', ticketNumber: number }]);
    expect((await app.store.getTicket(number))?.status).toBe('in_progress');
    const answered = notifier.notifications.find((n) => n.kind === 'person_replied');
    expect(answered?.recipients.map((t) => t.id)).toEqual(['philippe']);
    expect(answered?.text).toContain('Une Ricoh MP C3004, au 2e étage');
    // Answered once: the next message is a new request, not a second answer.
    const next = await app.engine.handleTurn({ ...marie, text: 'Autre chose : mon écran clignote' });
    expect(textOf(next)).not.toContain('votre réponse est ajoutée');
  });

  it('finds the ticket by who writes when the conversation state expired meanwhile', async () => {
    const { app, number, clock } = await ticketThen('resolved');
    clock.set('2026-11-26T10:00:00+01:00');
    await app.engine.begin(marie);
    const result = await app.engine.handleTurn({ ...marie, text: 'ça ne marche toujours pas' });
    expect(textOf(result)).toContain(`Je rouvre votre ticket ${number}`);
    expect((await app.store.getTicket(number))?.status).toBe('in_progress');
  });

  it('reopens nothing for someone the channel does not know, in another conversation', async () => {
    const { app, number } = await ticketThen('resolved');
    const stranger = { channel: 'web' as const, conversationId: 'conv-other' };
    const result = await app.engine.handleTurn({ ...stranger, text: 'ça ne marche toujours pas' });
    expect(textOf(result)).not.toContain('Je rouvre');
    expect((await app.store.getTicket(number))?.status).toBe('resolved');
  });
});
