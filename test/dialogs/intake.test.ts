import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Guichet } from '../../src/app.js';
import type { Turn, TurnResult } from '../../src/engine/turn.js';
import type { Ticket } from '../../src/store/ticket-store.js';
import { play, settableClock, testGuichet, textOf } from '../helpers/guichet.js';
import type { TranscriptStep } from '../helpers/transcript.js';

/**
 * Transcripts of the intake through the real engine, classifier, ticket service and SQLite
 * store, on Monday 23 November 2026 at 10:00 in Paris: [what the person says, what the bot's
 * answer contains], then the ticket it opened.
 */

const open: Guichet[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.close();
});

async function guichet(options: Parameters<typeof testGuichet>[0] = {}) {
  const built = await testGuichet(options);
  open.push(built.app);
  return built;
}

const MARIE = 'marie.lefevre@transports-durand.fr';
const PDG = 'jp.durand@transports-durand.fr';
/** Why a VPN that fails is an incident of priority 3, as the English writer and the technicians read it. */
const VPN_EN = 'Incident, priority 3 (normal): remote access, the VPN or webmail is not working properly.';
const VPN_FR = "Incident de priorité 3 (normale) : la connexion à distance, l'accès VPN ou le webmail pose problème.";

interface Transcript {
  name: string;
  userId?: string;
  steps: TranscriptStep[];
  ticket: Partial<Ticket> | null;
}

const transcripts: Transcript[] = [
  {
    name: 'a site-wide outage is critique: on-call number and technicians alerted',
    steps: [
      ['Plus personne ne peut se connecter au réseau sur tout le site', 'quelle entreprise'],
      ['TDU', 'À quel nom'],
      ['Marie Lefèvre', 'Je propose ce titre'],
      ['1', ['Priorité : Critique', 'Transports Durand (sous contrat)']],
      [
        '1',
        [
          'T20261123.0001',
          'priorité critique',
          "techniciens d'astreinte sont alertés",
          '06 00 00 00 00',
          'lundi 23 novembre à 11 h',
          'lundi 23 novembre à 15 h 30',
          'du lundi au vendredi, de 9 h à 12 h 30 et de 14 h à 18 h',
          'lundi 23 novembre à 14 h 30',
          'PRODUCTION ARRETEE',
        ],
      ],
    ],
    ticket: { priority: 'critique', type: 'incident', account: 'Transports Durand', contact: 'Marie Lefèvre' },
  },
  {
    name: "a manager's PC down is haute (management from the accounts file)",
    userId: PDG,
    steps: [
      ['Mon ordinateur ne démarre plus', 'Je propose ce titre'],
      ['1', ['Priorité : Haute', 'membre de la direction', 'Contact : Jean-Paul Durand']],
      ['1', ['priorité haute', 'escalade pour incident prioritaire', 'lundi 23 novembre à 16 h 30']],
    ],
    ticket: { priority: 'haute', contact: 'Jean-Paul Durand', contactEmail: PDG },
  },
  {
    name: 'a password reset is a haute request',
    userId: 's.martin@martin-avocats.fr',
    steps: [
      ['Pouvez-vous réinitialiser le mot de passe de Lucas Bernard ?', 'titre'],
      ['1', ['demande de service', 'Priorité : Haute', 'mot de passe']],
      ['oui', ['T20261123.0001', 'demande de service, priorité haute']],
    ],
    ticket: { type: 'request', priority: 'haute', account: 'Cabinet Martin Avocats' },
  },
  {
    name: 'a basse request gets a date agreed with the person, refusing a past one',
    userId: MARIE,
    steps: [
      ['Pourriez-vous changer le logo sur notre papier en-tête ?', 'titre'],
      ['1', "date d'intervention"],
      ['hier', 'déjà passé'],
      ['le 3 décembre à 14h', ["C'est noté pour le jeudi 3 décembre à 14 h", 'Priorité : Basse']],
      ['1', ['priorité basse', "L'intervention est prévue le jeudi 3 décembre à 14 h"]],
    ],
    ticket: { type: 'request', priority: 'basse', appointmentAt: '2026-12-03T13:00:00.000Z' },
  },
  {
    name: 'the date of a basse request falls in business hours: a weekend, a holiday, the lunch break are refused',
    userId: MARIE,
    steps: [
      ['Pourriez-vous changer le logo sur notre papier en-tête ?', 'titre'],
      ['1', "date d'intervention"],
      ['samedi', ['Le samedi 28 novembre à 9 h, le support est fermé', 'de 9 h à 12 h 30 et de 14 h à 18 h']],
      ['le 25 décembre', 'Le vendredi 25 décembre à 9 h, le support est fermé'],
      ['le 3 décembre à 13h', 'le support est fermé'],
      ['le 3 décembre à 20h', 'le support est fermé'],
      ['le 1er décembre à 10h', ["C'est noté pour le mardi 1er décembre à 10 h", 'Priorité : Basse']],
      ['1', 'T20261123.0001'],
    ],
    ticket: { priority: 'basse', appointmentAt: '2026-12-01T09:00:00.000Z' },
  },
  {
    name: 'an unknown company still gets a ticket, without contract nor SLA dates',
    steps: [
      ['Le standard téléphonique ne sonne plus', 'quelle entreprise'],
      ['Garage Dupuis', ['Je ne trouve pas « Garage Dupuis »', 'À quel nom']],
      ['Paul Dupuis', 'titre'],
      ['1', ['inconnue de nos fichiers', 'file OPS-02-TELECOM']],
      ['1', ['aucun délai garanti (SLA)', '0899 198 643']],
    ],
    ticket: { account: 'Garage Dupuis', contract: false, firstResponseDue: null, domain: 'telecom' },
  },
  {
    name: 'a person writing English is answered in English, a typo in the company confirmed',
    steps: [
      ['Hello, my printer is not working anymore', 'Which company'],
      ['Transports Durant', 'Do you mean Transports Durand?'],
      ['yes', 'Under what name'],
      ['Marie Lefevre', 'I suggest this title'],
      ['1', ['Here is a summary', 'Priority: Normal', 'Company: Transports Durand (under contract)']],
      ['1', ['Done: your ticket number is T20261123.0001', 'Monday 23 November at 3:30 pm', 'write to escalade@']],
    ],
    ticket: { language: 'en', priority: 'normale', contact: 'Marie Lefèvre' },
  },
  {
    name: 'a person writing English is told in English which rule applied; the ticket keeps the French',
    userId: MARIE,
    steps: [
      ["The VPN won't connect since this morning", 'I suggest this title'],
      ['1', ['Priority: Normal', `Why: ${VPN_EN}`]],
      ['1', ['T20261123.0001', `Why this priority: ${VPN_EN}`]],
    ],
    ticket: { language: 'en', priority: 'normale', classificationReason: VPN_FR },
  },
  {
    name: 'correcting one field keeps the others',
    userId: MARIE,
    steps: [
      ["L'imprimante du 2e étage n'imprime plus", 'titre'],
      ['1', 'Je récapitule'],
      ['2', 'Que voulez-vous modifier'],
      ['Titre', 'Quel titre'],
      ['Imprimante HP du 2e étage en panne', ['Titre : Imprimante HP du 2e étage en panne', 'Contact : Marie Lefèvre']],
      ['1', 'T20261123.0001'],
    ],
    ticket: { title: 'Imprimante HP du 2e étage en panne', contact: 'Marie Lefèvre', priority: 'normale' },
  },
  {
    name: 'a "no" that asks for a change at the summary changes the field, it does not cancel',
    userId: MARIE,
    steps: [
      ["L'imprimante du 2e étage n'imprime plus", 'titre'],
      ['1', 'Je récapitule'],
      ['non, je veux changer le titre', 'Quel titre'],
      ['Imprimante HP en panne', 'Titre : Imprimante HP en panne'],
      ['oui, mais il faut changer le titre', 'Quel titre'],
      ['Imprimante HP du 2e en panne', 'Titre : Imprimante HP du 2e en panne'],
      ["c'est correct", 'T20261123.0001'],
    ],
    ticket: { title: 'Imprimante HP du 2e en panne' },
  },
  {
    name: '"n\'importe quand" for the date of a basse request is not a "no"',
    userId: MARIE,
    steps: [
      ['Pourriez-vous changer le logo sur notre papier en-tête ?', 'titre'],
      ['1', "date d'intervention"],
      ['le 3 décembre à 14h', 'Je récapitule'],
      ["n'importe quand, ça ira", "je n'ai pas bien compris"],
      ['1', 'T20261123.0001'],
    ],
    ticket: { priority: 'basse' },
  },
  {
    name: 'cancelling records nothing',
    userId: MARIE,
    steps: [
      ["L'imprimante n'imprime plus", 'titre'],
      ['annuler', "C'est annulé"],
    ],
    ticket: null,
  },
  {
    name: 'a first message that says nothing known is asked again once, then kept',
    steps: [
      ['asdf qwerty', "m'en dire un peu plus"],
      ['mon écran est cassé', 'quelle entreprise'],
    ],
    ticket: null,
  },
  {
    name: 'the second try is kept even when it says nothing known',
    steps: [
      ['test', "m'en dire un peu plus"],
      ['la badgeuse', 'quelle entreprise'],
    ],
    ticket: null,
  },
  {
    name: 'nonsense, an empty message and a very long message get a polite answer',
    steps: [
      ['xkcd qwrtz plmk', "je n'ai pas compris votre message"],
      ['', "Je n'ai rien reçu"],
      [
        `Mon imprimante fait un bruit bizarre. ${'Elle bourre sans arrêt. '.repeat(420)}`.slice(0, 10_000),
        ['très long', 'quelle entreprise'],
      ],
      ['1', "je n'ai pas bien compris"],
    ],
    ticket: null,
  },
];

describe('intake transcripts', () => {
  it.each(transcripts)('$name', async ({ userId, steps, ticket }) => {
    const { app } = await guichet();
    const who: Omit<Turn, 'text'> = { channel: 'web', conversationId: 'transcript', ...(userId ? { userId } : {}) };
    await app.engine.begin(who);
    await play(app.engine, who, steps);
    const tickets = await app.store.listTickets();
    if (ticket === null) expect(tickets).toHaveLength(0);
    else {
      expect(tickets).toHaveLength(1);
      expect(tickets[0]).toMatchObject(ticket);
    }
  });

  it('answers a status query, an escalation request and a technician request', async () => {
    const { app, clock, notifier } = await guichet();
    const who = { channel: 'web' as const, conversationId: 'follow-up', userId: MARIE };
    await play(app.engine, who, [
      ["L'imprimante du 2e étage n'imprime plus", 'titre'],
      ['1', 'Je récapitule'],
      ['1', 'T20261123.0001'],
      [
        'où en est T20261123.0001',
        ['assigné à un technicien', 'Première réponse attendue au plus tard le lundi 23 novembre à 15 h 30'],
      ],
      ['où en est T20990101.0001', 'Je ne trouve pas de ticket T20990101.0001'],
      ['mes tickets', ['Voici votre ticket', 'T20261123.0001']],
      ['je veux escalader le ticket T20261123.0001', ['court encore', 'à partir du mardi 24 novembre à 11 h 30']],
    ]);
    // A conversation idle for 24 hours expires: come back within the day, then past the escalation time.
    clock.set('2026-11-24T09:55:00+01:00');
    await play(app.engine, who, [['mes tickets', 'T20261123.0001']]);
    clock.set('2026-11-24T11:45:00+01:00');
    const [late] = await play(app.engine, who, [
      ['escalader T20261123.0001', ['délai de prise en charge est dépassé', 'escalade@itcomservices.fr']],
      ['je veux parler à un technicien', ['Je préviens un technicien pour le ticket T20261123.0001', '04 84 26 83 10']],
    ]);
    expect(late?.effects).toEqual([{ type: 'ticket_escalated', ticketNumber: 'T20261123.0001' }]);
    const events = await app.store.listEvents('T20261123.0001');
    expect(events.filter((e) => e.kind === 'escalated').map((e) => e.data?.reached)).toEqual([false, true]);
    expect(notifier.notifications.map((n) => n.kind)).toEqual([
      'ticket_opened',
      'ticket_escalated',
      'ticket_escalated',
      'technician_requested',
    ]);
  });

  it('shows, escalates and pages about a ticket only to its company, its contact or the conversation that opened it', async () => {
    const { app, notifier } = await guichet();
    await play(app.engine, { channel: 'web', conversationId: 'owner', userId: MARIE }, [
      ["L'imprimante du 2e étage n'imprime plus", 'titre'],
      ['1', 'Je récapitule'],
      ['1', 'T20261123.0001'],
    ]);
    const strangers: Omit<Turn, 'text'>[] = [
      { channel: 'web', conversationId: 'other-company', userId: 'marcel@boulangerie-marcel.fr' },
      { channel: 'web', conversationId: 'anonymous' },
    ];
    for (const who of strangers) {
      const [asked, escalated, paged] = await play(app.engine, who, [
        ['où en est T20261123.0001', 'Je ne trouve pas de ticket T20261123.0001 à votre nom'],
        ['escalader T20261123.0001', 'Je ne trouve pas de ticket T20261123.0001 à votre nom'],
        ['je veux parler à un technicien pour T20261123.0001', 'Je préviens un technicien'],
      ]);
      expect(textOf(asked as TurnResult)).not.toContain('imprimante');
      expect(escalated?.effects).toEqual([]);
      expect(paged?.effects).toEqual([{ type: 'technician_requested' }]);
    }
    expect((await app.store.listEvents('T20261123.0001')).map((e) => e.kind)).not.toContain('escalated');
    expect(notifier.notifications.map((n) => n.kind)).toEqual(['ticket_opened']);
    // A colleague of the same company follows it.
    await play(app.engine, { channel: 'web', conversationId: 'colleague', userId: PDG }, [
      ['où en est T20261123.0001', ['assigné à un technicien', "L'imprimante du 2e étage n'imprime plus"]],
    ]);
  });

  it('opens one ticket when the confirmation is repeated', async () => {
    const { app } = await guichet();
    const who = { channel: 'web' as const, conversationId: 'twice', userId: MARIE };
    await play(app.engine, who, [
      ["L'imprimante n'imprime plus", 'titre'],
      ['1', 'Je récapitule'],
      ['1', 'T20261123.0001'],
      ['1', 'déjà ouvert'],
      ['oui', 'déjà ouvert'],
    ]);
    const again = await app.engine.handleTurn({ ...who, text: '', choice: 'confirm' });
    expect(again.ticket?.number).toBe('T20261123.0001');
    expect(await app.store.listTickets()).toHaveLength(1);
  });

  it('continues a conversation after a restart on the same SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-restart-'));
    try {
      const database = join(dir, 'guichet.sqlite');
      const clock = settableClock('2026-11-23T10:00:00+01:00');
      const who = { channel: 'console' as const, conversationId: 'restart' };
      const first = await testGuichet({ database, clock });
      await play(first.app.engine, who, [
        ["L'imprimante du 2e étage n'imprime plus", 'quelle entreprise'],
        ['Transports Durand', 'À quel nom'],
      ]);
      await first.app.close();

      clock.set('2026-11-23T10:05:00+01:00');
      const second = await testGuichet({ database, clock });
      open.push(second.app);
      expect(textOf(await second.app.engine.begin(who))).toContain('Reprenons');
      await play(second.app.engine, who, [
        ['Marie Lefèvre', 'titre'],
        ['1', ['Entreprise : Transports Durand', 'Contact : Marie Lefèvre']],
        ['1', 'T20261123.0001'],
      ]);
      expect(await second.app.store.listTickets()).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives every reply a speakable form and numbered choices', async () => {
    const { app } = await guichet();
    const who = { channel: 'phone' as const, conversationId: 'CA123', userId: '+33491000001' };
    const results = await play(app.engine, who, [
      ["L'imprimante n'imprime plus", 'titre'],
      ['1', 'Je récapitule'],
      ['1', 'T20261123.0001'],
    ]);
    const announcement = results[2]?.replies[0];
    expect(announcement?.speech).toContain('T 2 0 2 6 1 1 2 3 point 0 0 0 1');
    expect(announcement?.speech).toContain('15 heures 30');
    expect(announcement?.speech).not.toMatch(/[«»@•]/);
    expect(results[1]?.replies[0]?.choices.map((c) => [c.digit, c.value])).toEqual([
      ['1', 'confirm'],
      ['2', 'change'],
      ['3', 'cancel'],
    ]);
  });
});
