import { afterEach, describe, expect, it } from 'vitest';
import type { Guichet } from '../../src/app.js';
import type { Turn } from '../../src/engine/turn.js';
import { play, testGuichet, textOf } from '../helpers/guichet.js';

/**
 * The conversation as a good agent holds it, through the real engine, classifier, ticket service
 * and SQLite store: no question asked forever, non-answers never kept, the status asked in plain
 * words, and a ticket that says everything it holds.
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
const anonymous = (id: string): Omit<Turn, 'text'> => ({ channel: 'web', conversationId: id });

describe('no question is asked forever', () => {
  it('asks again, then spells out the choices, then takes the seed default (incident) and says so', async () => {
    const { app } = await guichet();
    const [, , first, second, third] = await play(app.engine, { channel: 'web', conversationId: 'c', userId: MARIE }, [
      // A message that says neither what is broken nor what is asked: the type question is due.
      ["J'ai une question sur la messagerie", 'Je propose ce titre'],
      ['1', 'ne fonctionne plus, ou une demande'],
      ['je ne sais pas', ["Pardon, je n'ai pas bien compris.", 'ne fonctionne plus, ou une demande']],
      [
        'aucune idée',
        [
          "Pardon, je n'ai toujours pas compris votre réponse.",
          'Vous pouvez répondre : « Quelque chose ne marche plus » ou « Une demande ».',
        ],
      ],
      ['euh', ["je retiens donc le cas le plus courant : c'est un incident", 'corriger au récapitulatif']],
    ]);
    expect(first?.replies[0]?.choices.map((c) => c.label)).toEqual(['Quelque chose ne marche plus', 'Une demande']);
    expect(second?.replies[0]?.choices).toHaveLength(2);
    expect(textOf(third as never)).not.toContain('ne fonctionne plus, ou une demande');
  });

  it('hands over to a technician, with the ticket kept as a draft, when a question has no default', async () => {
    const { app, notifier } = await guichet();
    const [, , , , handed] = await play(app.engine, anonymous('no-name'), [
      ["L'imprimante du 2e étage n'imprime plus", 'Pour quelle entreprise'],
      ['Transports Durand', 'À quel nom'],
      ['je ne sais pas', "Pardon, je n'ai pas bien compris."],
      ['euh', "Pardon, je n'ai toujours pas compris votre réponse."],
      ['aucune idée', ['je demande à un technicien de vous rappeler', 'T20261123.0001', '04 84 26 83 10']],
    ]);
    expect(handed?.effects).toEqual([{ type: 'technician_requested', ticketNumber: 'T20261123.0001' }]);
    const draft = await app.store.getTicket('T20261123.0001');
    expect(draft).toMatchObject({ status: 'draft', account: 'Transports Durand', contact: null });
    expect(draft?.description).toBe("L'imprimante du 2e étage n'imprime plus");
    expect(notifier.notifications.map((n) => n.kind)).toEqual(['draft_ticket', 'technician_requested']);
    const events = await app.store.listEvents('T20261123.0001');
    expect(events.filter((e) => e.kind === 'notified').map((e) => e.data?.kind)).toEqual([
      'draft_ticket',
      'technician_requested',
    ]);
  });
});

describe('non-answers are not answers', () => {
  it.each(['je ne sais pas', 'aucune idée', '?', 'euh', 'bonjour'])(
    '"%s" is neither the company nor the contact of a ticket',
    async (nonAnswer) => {
      const { app } = await guichet();
      const expected = nonAnswer === '?' ? 'À tout moment' : "Pardon, je n'ai pas bien compris.";
      await play(app.engine, anonymous('c'), [
        ["L'imprimante du 2e étage n'imprime plus", 'Pour quelle entreprise'],
        [nonAnswer, [expected, 'Pour quelle entreprise']],
        ['Transports Durand', 'À quel nom'],
        [nonAnswer, [expected, 'À quel nom']],
        ['Marie Lefèvre', 'Je propose ce titre'],
        ['1', 'Transports Durand (sous contrat)'],
        ['1', 'T20261123.0001'],
      ]);
      expect(await app.store.getTicket('T20261123.0001')).toMatchObject({
        account: 'Transports Durand',
        contact: 'Marie Lefèvre',
        contract: true,
      });
    },
  );

  it('"je ne sais pas" to "Vous voulez dire Transports Durand ?" is not a no', async () => {
    const { app } = await guichet();
    await play(app.engine, anonymous('c'), [
      ["L'imprimante du 2e étage n'imprime plus", 'Pour quelle entreprise'],
      ['Tranports Durant', 'Vous voulez dire Transports Durand ?'],
      ['je ne sais pas', ["Pardon, je n'ai pas bien compris.", 'Vous voulez dire Transports Durand ?']],
      ['oui', 'À quel nom'],
    ]);
  });

  it('keeps a contact missing from the accounts file, but not a sentence', async () => {
    const { app } = await guichet();
    await play(app.engine, anonymous('c'), [
      ["L'imprimante du 2e étage n'imprime plus", 'Pour quelle entreprise'],
      ['Transports Durand', 'À quel nom'],
      ["je voudrais que vous regardiez mon imprimante s'il vous plaît", 'À quel nom'],
      ['Léa Nouvelle', 'Je propose ce titre'],
      ['1', 'Contact : Léa Nouvelle'],
    ]);
  });
});

describe('a description given where a name is asked is more of the description', () => {
  it('keeps the problem described to "which company?" with the description, never as the company', async () => {
    const { app } = await guichet();
    await play(app.engine, anonymous('c'), [
      ["j'ai un souci", "Pouvez-vous m'en dire un peu plus ?"],
      ['je sais pas trop, ça bug', 'Pour quelle entreprise'],
      [
        "le logiciel Sage plante quand j'ouvre un dossier",
        ["j'ajoute ces précisions à la description du problème", 'Pour quelle entreprise'],
      ],
      ['Transports Durand', 'À quel nom'],
      // The title comes from the sentence that says the problem, not from the vague first one.
      ['Marie Lefèvre', "« Le logiciel Sage plante quand j'ouvre un dossier »"],
      ['1', ['une application ne fonctionne plus', 'Entreprise : Transports Durand (sous contrat)']],
      ['1', 'T20261123.0001'],
    ]);
    const ticket = await app.store.getTicket('T20261123.0001');
    expect(ticket).toMatchObject({ account: 'Transports Durand', contract: true, contact: 'Marie Lefèvre' });
    expect(ticket?.description).toBe("je sais pas trop, ça bug\nle logiciel Sage plante quand j'ouvre un dossier");
  });

  it('adds the details given to "what name?" and asks the name again', async () => {
    const { app } = await guichet();
    await play(app.engine, anonymous('c'), [
      ['mon ordinateur ne démarre plus', 'Pour quelle entreprise'],
      ['Transports Durand', 'À quel nom'],
      ["il fait un bip et l'écran reste noir", ["j'ajoute ces précisions", 'À quel nom']],
      ['Marie Lefèvre', '« Mon ordinateur ne démarre plus »'],
    ]);
  });

  it('hands over when every answer to the question is a description (no question asked forever)', async () => {
    const { app } = await guichet();
    const [, , , third] = await play(app.engine, anonymous('c'), [
      ["l'imprimante du 2e étage n'imprime plus", 'Pour quelle entreprise'],
      ["l'imprimante affiche un voyant orange qui clignote", "j'ajoute ces précisions"],
      ["le bac est plein mais l'imprimante ne sort rien", "j'ajoute ces précisions"],
      ["et personne n'arrive à imprimer depuis ce matin", 'je demande à un technicien de vous rappeler'],
    ]);
    expect(third?.effects).toEqual([{ type: 'technician_requested', ticketNumber: 'T20261123.0001' }]);
    const draft = await app.store.getTicket('T20261123.0001');
    expect(draft).toMatchObject({ status: 'draft', account: null });
    expect(draft?.description?.split('\n')).toHaveLength(4);
  });

  it('in English too, and a company name of several words is still a company', async () => {
    const { app } = await guichet();
    await play(app.engine, anonymous('c'), [
      ["my laptop won't turn on since this morning", 'Which company'],
      ['the screen stays black and the fan is very loud', ['I have added that to the description', 'Which company']],
      ['Garage Dupont et Fils Réunis', ['I am noting the name as it is', 'Under what name']],
    ]);
  });
});

describe('thanks and goodbye are answered, never taken for a problem or an answer', () => {
  it('after a ticket, "merci" gets a welcome and no new intake; "au revoir" ends the conversation', async () => {
    const { app } = await guichet();
    const who = { channel: 'web', conversationId: 'c', userId: MARIE } as const;
    const [, , , thanks, bye] = await play(app.engine, who, [
      ["L'imprimante du 2e étage n'imprime plus", 'Je propose ce titre'],
      ['1', "J'ouvre le ticket ?"],
      ['1', 'T20261123.0001'],
      ['merci beaucoup !', 'Je vous en prie. Si vous avez un autre problème'],
      ['Au revoir, bonne journée', 'Au revoir, et bonne journée !'],
    ]);
    expect(textOf(thanks as never)).not.toContain('Pouvez-vous');
    expect(bye?.effects).toEqual([{ type: 'conversation_ended' }]);
    expect((await app.store.listTickets()).map((t) => t.number)).toEqual(['T20261123.0001']);
  });

  it('in the middle of an intake, thanks and goodbye keep the request and ask the question again', async () => {
    const { app } = await guichet();
    const [, , bye] = await play(app.engine, anonymous('c'), [
      ["L'imprimante du 2e étage n'imprime plus", 'Pour quelle entreprise'],
      ['merci', ['Je vous en prie.', 'Pour reprendre votre demande', 'Pour quelle entreprise']],
      ['bonne journée', ["pas encore enregistrée : pour l'abandonner", 'Pour quelle entreprise']],
      ['Transports Durand', 'À quel nom'],
    ]);
    expect(bye?.effects).toEqual([]);
  });

  it('"ok merci" to the summary opens the ticket', async () => {
    const { app } = await guichet();
    await play(app.engine, { channel: 'web', conversationId: 'c', userId: MARIE }, [
      ["L'imprimante du 2e étage n'imprime plus", 'Je propose ce titre'],
      ['ok merci', "J'ouvre le ticket ?"],
      ['ok merci', 'T20261123.0001'],
    ]);
    expect(await app.store.listTickets()).toHaveLength(1);
  });

  it('in English', async () => {
    const { app } = await guichet();
    await play(app.engine, anonymous('c'), [
      ["my laptop won't turn on since this morning", 'Which company'],
      ['thanks', ["You're welcome.", 'Which company']],
      ['goodbye', ['not recorded yet', 'Which company']],
    ]);
  });
});

describe('a ticket no longer needed', () => {
  const who = { channel: 'web', conversationId: 'c', userId: MARIE } as const;
  const opened = [
    ["L'imprimante du 2e étage n'imprime plus", 'Je propose ce titre'],
    ['1', "J'ouvre le ticket ?"],
    ['1', 'T20261123.0001'],
  ] as [string, string][];

  it('"en fait c\'est réglé, ça remarche": confirmed, the ticket is resolved with those words and its technicians told', async () => {
    const { app, notifier } = await guichet();
    await play(app.engine, who, opened);
    const [asked, done] = await play(app.engine, who, [
      ["en fait c'est réglé, ça remarche", "Vous n'avez plus besoin du ticket T20261123.0001"],
      ['oui', ['le ticket T20261123.0001 est clôturé comme résolu', 'son technicien en est prévenu']],
    ]);
    expect(asked?.replies[0]?.choices.map((choice) => choice.label)).toEqual([
      'Oui, clôturer le ticket',
      'Non, le garder ouvert',
    ]);
    expect(done?.effects).toEqual([{ type: 'ticket_withdrawn', ticketNumber: 'T20261123.0001' }]);
    expect(await app.store.getTicket('T20261123.0001')).toMatchObject({ status: 'resolved' });
    const events = await app.store.listEvents('T20261123.0001');
    expect(events.find((e) => e.kind === 'status_changed')?.data).toMatchObject({
      from: 'assigned',
      to: 'resolved',
      note: "en fait c'est réglé, ça remarche",
    });
    const note = notifier.notifications.find((n) => n.kind === 'ticket_note');
    expect(note?.text).toContain("en fait c'est réglé, ça remarche");
    expect(await app.store.listTickets()).toHaveLength(1);
  });

  it('"annuler" right after the ticket asks about that ticket, and "non" keeps it open', async () => {
    const { app } = await guichet();
    await play(app.engine, who, opened);
    await play(app.engine, who, [
      ['annuler', "Vous n'avez plus besoin du ticket T20261123.0001"],
      ['non', 'le ticket T20261123.0001 reste ouvert'],
    ]);
    expect(await app.store.getTicket('T20261123.0001')).toMatchObject({ status: 'assigned' });
  });

  it('"ça remarche pas" is not a withdrawal, and a resolved ticket is not withdrawn twice', async () => {
    const { app } = await guichet();
    await play(app.engine, who, opened);
    const [still] = await play(app.engine, who, [["ça remarche pas, c'est toujours pareil", '']]);
    expect(textOf(still as never)).not.toContain('je le clôture');
    await play(app.engine, who, [
      ['je voudrais annuler mon ticket T20261123.0001', 'je le clôture ?'],
      ['1', 'clôturé comme résolu'],
      ['annulez le ticket T20261123.0001', 'Le ticket T20261123.0001 est déjà résolu'],
    ]);
  });

  it("in the middle of a request, the problem gone drops the request; another person's ticket is not theirs to close", async () => {
    const { app } = await guichet();
    await play(app.engine, who, opened);
    await play(app.engine, anonymous('other'), [
      ['le scanner ne marche plus', 'Pour quelle entreprise'],
      ["ah non c'est bon, ça remarche", "C'est annulé, je n'ai rien enregistré"],
      ['annuler le ticket T20261123.0001', 'Je ne trouve pas de ticket T20261123.0001'],
    ]);
    expect(await app.store.getTicket('T20261123.0001')).toMatchObject({ status: 'assigned' });
  });

  it('in English', async () => {
    const { app } = await guichet();
    await play(app.engine, who, [
      ['The printer on the 2nd floor does not print any more', 'I suggest this title'],
      ['1', 'Shall I open the ticket?'],
      ['1', 'T20261123.0001'],
      ["it's working again now, thanks", 'You no longer need ticket T20261123.0001'],
      ['yes', 'ticket T20261123.0001 is closed as resolved'],
    ]);
  });
});

describe('"c\'est urgent !" right after a ticket', () => {
  it('says where the ticket stands and how to have a technician told, instead of a new request', async () => {
    const { app } = await guichet();
    const who = { channel: 'web', conversationId: 'c', userId: MARIE } as const;
    await play(app.engine, who, [
      ["L'imprimante du 2e étage n'imprime plus", 'Je propose ce titre'],
      ['1', "J'ouvre le ticket ?"],
      ['1', 'T20261123.0001'],
      [
        "c'est urgent svp !",
        [
          "Je comprends que c'est urgent",
          'Le ticket T20261123.0001',
          'Première réponse attendue au plus tard',
          '« parler à un technicien »',
        ],
      ],
      ['parler à un technicien', 'Je préviens un technicien pour le ticket T20261123.0001'],
    ]);
    expect(await app.store.listTickets()).toHaveLength(1);
  });
});

describe('the first message', () => {
  it('that only says who is writing keeps the company and the name, and asks for the problem', async () => {
    const { app } = await guichet();
    await play(app.engine, anonymous('c'), [
      [
        'bonjour, Marie Lefèvre de chez Transports Durand',
        ["C'est noté : Marie Lefèvre, Transports Durand", 'Que se passe-t-il ?'],
      ],
      // Neither the company nor the name is asked again.
      ['mon écran reste noir', '« Mon écran reste noir »'],
      ['1', ['Entreprise : Transports Durand (sous contrat)', 'Contact : Marie Lefèvre']],
    ]);
  });

  it('that makes no sense three times gives the other ways to reach the helpdesk, never the same answer forever', async () => {
    const { app } = await guichet();
    const [first, , third] = await play(app.engine, anonymous('c'), [
      ['👍', "Pardon, je n'ai pas compris votre message."],
      ['1', "Pardon, je n'ai pas compris votre message."],
      ['???', ['appeler le support au 04 84 26 83 10', '« parler à un technicien »']],
      ["l'imprimante n'imprime plus", 'Pour quelle entreprise'],
    ]);
    expect(textOf(first as never)).not.toContain('04 84 26 83 10');
    expect(third?.effects).toEqual([]);
  });
});

describe('the title proposed', () => {
  it('leaves out the names said before the problem', async () => {
    const { app } = await guichet();
    await play(app.engine, anonymous('c'), [
      [
        "Marie Lefèvre, Transports Durand, mon téléphone fixe n'a plus de tonalité",
        "« Mon téléphone fixe n'a plus de tonalité »",
      ],
    ]);
  });
});

describe('status and "my tickets" in plain words', () => {
  it.each([
    'quel est le statut de mon ticket ?',
    'où en est mon ticket ?',
    'quel est le statut de ma demande',
    'any update on my ticket?',
    "est-ce que quelqu'un s'occupe de ma demande ?",
    'has anyone looked at my issue yet?',
    // Right after the ticket, a status word is enough: the conversation's ticket is the one asked about.
    'vous avez des nouvelles pour mon imprimante ?',
    "c'est pour savoir où ça en est",
  ])('"%s" right after the ticket answers with it, not a new intake', async (question) => {
    const { app } = await guichet();
    const who = { channel: 'web' as const, conversationId: 'c', userId: MARIE };
    await play(app.engine, who, [
      ["L'imprimante du 2e étage n'imprime plus", 'Je propose ce titre'],
      ['1', 'Je récapitule'],
      ['1', 'T20261123.0001'],
    ]);
    const [answer] = await play(app.engine, who, [[question, 'T20261123.0001']]);
    expect(answer?.ticket?.number).toBe('T20261123.0001');
    expect(textOf(answer as never)).not.toContain('Je propose ce titre');
    expect(await app.store.listTickets({})).toHaveLength(1);
  });

  it('answers with the tickets of the contact the channel identifies, from another conversation', async () => {
    const { app } = await guichet();
    await play(app.engine, { channel: 'web', conversationId: 'first', userId: MARIE }, [
      ["L'imprimante du 2e étage n'imprime plus", 'Je propose ce titre'],
      ['1', 'Je récapitule'],
      ['1', 'T20261123.0001'],
    ]);
    await play(app.engine, { channel: 'web', conversationId: 'later', userId: MARIE }, [
      ['où en est mon ticket ?', ['Voici votre ticket', 'T20261123.0001', 'assigné à un technicien']],
      ['mes tickets', ['Voici votre ticket', 'T20261123.0001']],
    ]);
  });

  it('finds the tickets of a person once their company and name are known', async () => {
    const { app } = await guichet();
    await play(app.engine, anonymous('first'), [
      ["L'imprimante du 2e étage n'imprime plus", 'Pour quelle entreprise'],
      ['Transports Durand', 'À quel nom'],
      ['Léa Nouvelle', 'Je propose ce titre'],
      ['1', 'Je récapitule'],
      ['1', 'T20261123.0001'],
    ]);
    await play(app.engine, anonymous('later'), [
      ['Le scanner ne marche plus', 'Pour quelle entreprise'],
      ['où en est mon ticket ?', ['Je ne trouve aucun ticket à votre nom', 'Pour quelle entreprise']],
      ['Transports Durand', 'À quel nom'],
      ['Léa Nouvelle', 'Je propose ce titre'],
      ['quel est le statut de ma demande', ['Voici votre ticket', 'T20261123.0001', 'Je propose ce titre']],
    ]);
  });
});

describe('a second request in the same conversation', () => {
  it('does not ask again for the company and the name given for the first ticket', async () => {
    const { app } = await guichet();
    await play(app.engine, anonymous('c'), [
      ["L'imprimante du 2e étage n'imprime plus", 'Pour quelle entreprise'],
      ['Transports Durand', 'À quel nom'],
      ['Léa Nouvelle', 'Je propose ce titre'],
      ['1', 'Je récapitule'],
      ['1', 'T20261123.0001'],
      ["J'ai besoin d'un accès au dossier Compta", 'Je propose ce titre'],
    ]);
  });
});

describe('the ticket says everything it holds', () => {
  it('carries the contact and the agreed intervention date of a basse request', async () => {
    const { app } = await guichet();
    const results = await play(app.engine, { channel: 'web', conversationId: 'c', userId: MARIE }, [
      ['Pourriez-vous changer le logo sur notre papier en-tête ?', 'titre'],
      ['1', "date d'intervention"],
      ['le 3 décembre à 14h', 'Priorité : Basse'],
      ['1', 'T20261123.0001'],
    ]);
    expect(results.at(-1)?.ticket).toMatchObject({
      number: 'T20261123.0001',
      contact: 'Marie Lefèvre',
      appointmentAt: '2026-12-03T13:00:00.000Z',
      appointmentText: 'jeudi 3 décembre à 14 h',
    });
  });
});
