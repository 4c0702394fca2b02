import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDialogs } from '../../src/dialogs/load.js';
import { createConversationEngine, type TicketPort } from '../../src/engine/engine.js';
import type { Turn } from '../../src/engine/turn.js';
import { RecordingNotifier } from '../../src/notifier/recording-notifier.js';
import { loadAccounts, loadPolicy } from '../../src/policy/load.js';
import { SlaEngine } from '../../src/sla/sla-engine.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/ticket-store.js';
import { TicketService } from '../../src/tickets/ticket-service.js';
import { fakeClassifier } from '../helpers/fake-classifier.js';
import { MONDAY_10H, play, settableClock, textOf } from '../helpers/transcript.js';

const policy = loadPolicy();
const accounts = loadAccounts();
const stores: Store[] = [];

afterEach(async () => {
  while (stores.length > 0) await stores.pop()?.close();
});

async function build(options: { failOpen?: () => boolean } = {}) {
  const store = await openStore(':memory:');
  stores.push(store);
  const clock = settableClock(MONDAY_10H);
  const notifier = new RecordingNotifier();
  const service = new TicketService({ store, policy, sla: new SlaEngine(policy), clock, notifier });
  const tickets: TicketPort = {
    open: async (draft) => {
      if (options.failOpen?.()) throw new Error('disk full');
      return service.open(draft);
    },
    get: (n) => service.get(n),
    listForContact: (who, limit, keyPrefix) => service.listForContact(who, limit, keyPrefix),
    escalate: (n, by) => service.escalate(n, by),
    plan: (t) => service.plan(t),
    followed: (n, viewer) => service.followed(n, viewer),
    requestTechnician: (n, viewer) => service.requestTechnician(n, viewer),
    findDuplicate: (draft) => service.findDuplicate(draft),
    addNote: (n, note) => service.addNote(n, note),
    withdraw: (n, said, viewer) => service.withdraw(n, said, viewer),
    answerFromPerson: (n, answer, viewer) => service.answerFromPerson(n, answer, viewer),
  };
  const engine = createConversationEngine({
    policy,
    accounts,
    classifier: fakeClassifier(),
    dialogs: loadDialogs(),
    tickets,
    logger: pino({ level: 'silent' }),
    conversations: store,
    clock,
  });
  return { engine, store, clock, notifier };
}

const marie: Omit<Turn, 'text'> = {
  channel: 'web',
  conversationId: 'conv-1',
  userId: 'marie.lefevre@transports-durand.fr',
};

describe('the conversation engine', () => {
  it('greets, then asks only what is missing for a known contact', async () => {
    const { engine, store } = await build();
    const greeting = await engine.begin(marie);
    expect(textOf(greeting)).toContain('Bonjour Marie Lefèvre');
    const [title, summary, opened] = await play(engine, marie, [
      ["L'imprimante du 2e étage n'imprime plus", 'Je propose ce titre'],
      ['1', ['Je récapitule', 'Transports Durand', 'Marie Lefèvre', 'OPS-01-INFORMATIQUE']],
      ['1', ['T20261123.0001', 'priorité normale', 'lundi 23 novembre à 15 h 30', 'mardi 24 novembre à 16 h']],
    ]);
    expect(title?.replies[0]?.choices.map((c) => c.digit)).toEqual(['1', '2']);
    expect(summary?.replies[0]?.expects).toBe('confirm');
    expect(opened?.ticket?.number).toBe('T20261123.0001');
    expect(opened?.effects).toEqual([{ type: 'ticket_opened', ticketNumber: 'T20261123.0001' }]);
    const saved = await store.getTicket('T20261123.0001');
    expect(saved?.contactEmail).toBe('marie.lefevre@transports-durand.fr');
  });

  it('holds the conversation in the language the person chose on the channel, even for a French-looking name', async () => {
    const { engine, store } = await build();
    const greeting = await engine.begin({ ...marie, language: 'en' });
    expect(textOf(greeting)).toContain('Hello Marie Lefèvre');
    expect(greeting.replies[0]?.language).toBe('en');
    // Words that would have read as French for a conversation not yet decided.
    const [title] = await play(engine, marie, [["L'imprimante Xerox", 'I suggest this title']]);
    expect(title?.replies[0]?.language).toBe('en');
    await play(engine, marie, [
      ['1', 'Here is a summary'],
      ['1', 'T20261123.0001'],
    ]);
    expect((await store.getTicket('T20261123.0001'))?.language).toBe('en');
  });

  it('without a chosen language, decides it from the first words', async () => {
    const { engine } = await build();
    expect(textOf(await engine.begin(marie))).toContain('Bonjour Marie Lefèvre');
    const [title] = await play(engine, marie, [["L'imprimante Xerox", 'Je propose ce titre']]);
    expect(title?.replies[0]?.language).toBe('fr');
  });

  it('answers a turn delivered twice the same way, acting once', async () => {
    const { engine, store } = await build();
    await play(engine, marie, [
      ["L'imprimante n'imprime plus", 'titre'],
      ['1', 'Je récapitule'],
    ]);
    const first = await engine.handleTurn({ ...marie, text: '1', messageId: 'm-9' });
    const again = await engine.handleTurn({ ...marie, text: '1', messageId: 'm-9' });
    expect(again).toEqual(first);
    const pressedAgain = await engine.handleTurn({ ...marie, text: '', choice: 'confirm', messageId: 'm-10' });
    expect(textOf(pressedAgain)).toContain('déjà ouvert');
    expect(await store.listTickets()).toHaveLength(1);
  });

  it('opens a new ticket for a new problem in a conversation resumed after its state expired', async () => {
    const { engine, store, clock } = await build();
    await play(engine, marie, [
      ["L'imprimante n'imprime plus", 'titre'],
      ['1', 'Je récapitule'],
      ['1', 'T20261123.0001'],
    ]);
    // Three days later the page resumes the same conversation id; its state expired meanwhile.
    clock.set('2026-11-26T10:00:00+01:00');
    const [, , opened] = await play(engine, marie, [
      ["L'imprimante du 3e étage n'imprime plus", 'titre'],
      ['1', 'Je récapitule'],
      ['1', 'votre ticket est le'],
    ]);
    expect(opened?.ticket?.number).toBe('T20261126.0001');
    expect(opened?.ticket?.title).toBe("L'imprimante du 3e étage n'imprime plus");
    expect(await store.listTickets()).toHaveLength(2);
  });

  it('keeps the draft when the ticket cannot be saved, and opens it on retry', async () => {
    let failing = true;
    const { engine, store } = await build({ failOpen: () => failing });
    await play(engine, marie, [
      ["L'imprimante n'imprime plus", 'titre'],
      ['1', 'Je récapitule'],
      ['1', ['enregistrer le ticket', 'réessayer']],
    ]);
    failing = false;
    const [retried] = await play(engine, marie, [['1', 'T20261123.0001']]);
    expect(retried?.ticket?.title).toBe("L'imprimante n'imprime plus");
    expect(await store.listTickets()).toHaveLength(1);
  });

  it('asks the impact questions when the classifier is unsure, and re-classifies with the answers', async () => {
    const { engine } = await build();
    await play(engine, marie, [
      ['Mon truc bizarre ne répond plus', "d'informatique ou de téléphonie"],
      ['1', 'titre'],
      ['1', 'Qui est bloqué'],
      ['moi seul', 'continuer à travailler'],
      ['non', ['Priorité : Haute', 'règle de test haute']],
    ]);
  });

  it('never throws to the channel on bad input', async () => {
    const { engine } = await build();
    const result = await engine.handleTurn({ channel: 'nowhere', conversationId: '', text: 'x' } as unknown as Turn);
    expect(textOf(result)).toContain('problème technique');
  });

  it('says the technical problem in the language of the channel or of the message when the store fails', async () => {
    const { engine, store } = await build();
    await store.close();
    const english = await engine.handleTurn({ ...marie, text: 'my printer does not print any more' });
    expect(textOf(english)).toMatch(/technical problem/i);
    expect(english.replies[0]?.language).toBe('en');
    const chosen = await engine.handleTurn({ ...marie, text: '2', language: 'en' });
    expect(chosen.replies[0]?.language).toBe('en');
    const french = await engine.handleTurn({ ...marie, text: "mon imprimante n'imprime plus" });
    expect(textOf(french)).toContain('problème technique');
  });

  it('continues a conversation saved by another engine on the same store', async () => {
    const { engine, store, clock } = await build();
    await play(engine, { channel: 'web', conversationId: 'c2' }, [
      ["L'imprimante n'imprime plus", 'quelle entreprise'],
    ]);
    const other = createConversationEngine({
      policy,
      accounts,
      classifier: fakeClassifier(),
      dialogs: loadDialogs(),
      tickets: new TicketService({
        store,
        policy,
        sla: new SlaEngine(policy),
        clock,
        notifier: new RecordingNotifier(),
      }),
      conversations: store,
      clock,
    });
    const resumed = await other.begin({ channel: 'web', conversationId: 'c2' });
    expect(textOf(resumed)).toContain('Reprenons');
    await play(other, { channel: 'web', conversationId: 'c2' }, [['Transports Durand', 'À quel nom']]);
  });

  it('keeps an abandoned intake as a draft ticket', async () => {
    const { engine, store, notifier } = await build();
    await play(engine, marie, [["L'imprimante n'imprime plus", 'titre']]);
    const card = await engine.abandon('web', 'conv-1');
    expect(card?.status).toBe('draft');
    expect((await store.listTickets())[0]?.status).toBe('draft');
    expect(notifier.notifications.map((n) => n.kind)).toEqual(['draft_ticket']);
    expect(await engine.abandon('web', 'nobody')).toBeNull();
  });
});
