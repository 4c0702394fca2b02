import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Classification, Classifier } from '../../src/intents/classification.js';
import { createClassifier, loadIntents } from '../../src/intents/classifier.js';
import { readUtterances } from '../../src/intents/evaluate.js';
import { loadPolicy } from '../../src/policy/load.js';

let classifier: Classifier;
const intents = loadIntents();
beforeAll(() => {
  classifier = createClassifier(loadPolicy(), intents);
});

type Expect = [type: 'incident' | 'request', priority: 1 | 2 | 3 | 4, domain: 'informatique' | 'telecom', rule: string];

/** The seed's reason sentence of an intent, as the classification's reason must cite it. */
function reasonOf(id: string): string {
  const intent = intents.intents.find((i) => i.id === id);
  if (!intent?.reason) throw new Error(`no intent ${id} with a reason`);
  return intent.reason;
}

function expectClassified(c: Classification, [type, priority, domain, rule]: Expect): void {
  expect({ type: c.type, priority: c.priorityNumber, domain: c.domain, rule: c.rules[0]?.id }).toEqual({
    type,
    priority,
    domain,
    rule,
  });
  expect(c.reason).toContain(reasonOf(rule));
}

describe('what goes wrong in how people write, by kind', () => {
  const cases: [kind: string, text: string, expected: Expect][] = [
    // A malfunction described without a symptom word is an incident (the seed's definition).
    [
      'no symptom word',
      'le copieur plie toutes les feuilles en sortie',
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'a question about what is normal',
      'est-ce normal que mes mails mettent une heure à arriver ?',
      ['incident', 3, 'informatique', 'incident.p3.email_single'],
    ],
    [
      "a laptop's own screen",
      "l'écran de mon portable clignote puis s'éteint",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    // Verbs in every form.
    ['pronominal negation', 'mon ordinateur ne s’allume plus', ['incident', 3, 'informatique', 'incident.p3.computer']],
    ['reflexive negation', 'Teams ne se lance plus', ['incident', 3, 'informatique', 'incident.p3.local_app']],
    [
      'a plain reflexive negation',
      'mon portable ne se connecte plus au réseau',
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'impossible de m’y connecter',
      'le VPN, impossible de m’y connecter',
      ['incident', 3, 'informatique', 'incident.p3.remote_access'],
    ],
    ['s’éteint tout seul', 'mon PC s’éteint tout seul', ['incident', 3, 'informatique', 'incident.p3.computer']],
    ['spoken, without "ne"', 'l imprimante marche plus', ['incident', 3, 'informatique', 'incident.p3.printer']],
    ['spoken, without "ne"', 'le serveur répond plus', ['incident', 1, 'informatique', 'incident.p1.server_down']],
    [
      'English contraction',
      "my laptop won't connect to the wifi",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    ['English contraction', "Outlook doesn't open", ['incident', 3, 'informatique', 'incident.p3.email_single']],
    // Context is not the request.
    [
      'a change named as the cause',
      "mon mot de passe a été réinitialisé hier et depuis le scanner n'envoie plus vers ma boîte",
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'a request dropped for a problem',
      'je voulais vous demander un accès au dossier Devis, mais en fait le serveur ne répond plus du tout',
      ['incident', 1, 'informatique', 'incident.p1.server_down'],
    ],
    // Who is affected.
    [
      'people counted',
      'nous sommes neuf sans messagerie au bureau de Lille',
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      'a whole team',
      "l'équipe paie au complet ne peut plus se connecter au logiciel de paie",
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      'machines named as a group',
      "aucun ordinateur de l'atelier ne démarre",
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      'machines named as a group, in English',
      'none of the scanners in the warehouse work',
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      'the management named, not the owner',
      'je suis le chauffeur du PDG, c’est ma tablette qui ne démarre plus',
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      "a manager's own computer",
      'le portable du PDG ne démarre plus',
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    // The technician's vocabulary: a brand is the thing it is.
    [
      'remote desktop',
      'AnyDesk ne se connecte plus à mon poste',
      ['incident', 3, 'informatique', 'incident.p3.remote_access'],
    ],
    ['IP telephony', 'le Wildix est en panne, plus aucun appel', ['incident', 1, 'telecom', 'incident.p1.pbx_down']],
    ['storage', 'le QNAP ne répond plus', ['incident', 1, 'informatique', 'incident.p1.server_down']],
    ['virtualisation', 'le Proxmox ne démarre plus', ['incident', 1, 'informatique', 'incident.p1.server_down']],
    ['mail', 'Zimbra est en panne pour tout le monde', ['incident', 2, 'informatique', 'incident.p2.mail_server']],
    ['firewall', 'le Stormshield ne répond plus', ['incident', 1, 'informatique', 'incident.p1.network_device_down']],
    [
      'business software',
      'Divalto plante à chaque validation',
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    ['copier', 'le Kyocera imprime avec des traces', ['incident', 3, 'informatique', 'incident.p3.printer']],
    ['internet access', 'la fibre FTTH est coupée', ['incident', 3, 'informatique', 'incident.p3.internet_cut']],
    // Which request: the seed's bullets to the letter.
    [
      'what a backup job covers',
      'pouvez-vous ajouter le dossier Devis à la sauvegarde Acronis ?',
      ['request', 3, 'informatique', 'request.p3.backup_config'],
    ],
    [
      'how long a backup keeps copies',
      'la sauvegarde doit conserver les copies 30 jours au lieu de 7',
      ['request', 3, 'informatique', 'request.p3.backup_config'],
    ],
    [
      'a new function of a software',
      'pouvez-vous activer le module de relances dans Sage ?',
      ['request', 3, 'informatique', 'request.p3.software_update'],
    ],
    [
      'more than a week of work',
      'il faudrait migrer toutes les boîtes mail chez un autre fournisseur',
      ['request', 4, 'informatique', 'request.p4.long_term'],
    ],
    [
      'more than a week of work',
      'il faudrait remplacer tous les PC du site de Rennes',
      ['request', 4, 'informatique', 'request.p4.long_term'],
    ],
    // Workarounds and no rush: the seed's P4 rules.
    [
      'a workaround',
      'Outlook ne marche plus, en attendant je passe par mon téléphone',
      ['incident', 4, 'informatique', 'incident.p4.workaround'],
    ],
    [
      'a workaround',
      "mon PC plante, j'utilise le poste d'à côté pour l'instant",
      ['incident', 4, 'informatique', 'incident.p4.workaround'],
    ],
    [
      'no rush',
      'le portable de Julie est en panne, elle ne revient que le mois prochain',
      ['incident', 4, 'informatique', 'incident.p4.no_rush'],
    ],
  ];
  it.each(cases)('%s: %s', (_kind, text, expected) => {
    expectClassified(classifier.classify(text), expected);
  });

  it('does not ask incident or request for a plain malfunction', () => {
    for (const text of [
      'le copieur plie toutes les feuilles en sortie',
      "l'écran de mon portable clignote puis s'éteint",
    ]) {
      expect(classifier.classify(text).questions).not.toContain('type');
    }
  });

  it('reads an e-mail without its signature and the history it quotes', () => {
    const mail = [
      'Bonjour,',
      '',
      'Pouvez-vous installer Zoom sur mon poste ?',
      '',
      'Cordialement,',
      'Claire Martin',
      'Assistante de direction',
      '',
      'Le 3 mars à 10:12, Support a écrit :',
      '> Le serveur ne répond plus, nous intervenons.',
    ].join('\n');
    expectClassified(classifier.classify(mail), ['request', 3, 'informatique', 'request.p3.software_install']);
  });
});

describe('never the same classification question twice', () => {
  it('asks incident or request, the scope and the urgency of a vague message once', () => {
    expect(classifier.classify('Bonjour, ça ne marche pas.').questions).toEqual(['type', 'scope', 'urgency', 'domain']);
  });

  it('after an answer that settled nothing, takes the seed default and says so in the reason', () => {
    const c = classifier.classify('Bonjour, ça ne marche pas.', { asked: ['type', 'scope', 'urgency'] });
    expect(c.questions).toEqual(['domain']);
    expect(c.type).toBe('incident');
    expect(c.scope).toBe('one_user');
    expect(c.reason).toMatch(/faute de réponse claire, le ticket est traité comme un incident/i);
    expect(c.reason).toContain('un seul utilisateur est considéré comme concerné');
    expect(c.reasons.en).toMatch(/without a clear answer, the ticket is handled as an incident/i);
  });

  it('says nothing of a default when the answer settled it', () => {
    const c = classifier.classify('Bonjour, ça ne marche pas.', {
      asked: ['type', 'scope'],
      type: 'request',
      scope: 'team',
    });
    expect(c.type).toBe('request');
    expect(c.reason).not.toMatch(/faute de réponse claire/i);
    expect(c.questions).not.toContain('type');
    expect(c.questions).not.toContain('scope');
  });
});

/**
 * Metamorphic: the same message written another way gets the same classification. Run on every
 * tuning utterance (the held-out ones are measured, not read one by one).
 */
describe('the same message written another way', () => {
  const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'utterances');
  const texts = [
    ...readUtterances(resolve(fixtures, 'tuning.jsonl')),
    ...readUtterances(resolve(fixtures, 'personas-tuning.jsonl')),
  ]
    .map((u) => u.text)
    .filter((t) => !t.includes('\n'));
  const withoutAccents = (t: string) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const english = (t: string) => /\b(the|my|is|can|please|our|won't|isn't)\b/i.test(t);
  const transforms: [string, (t: string) => string][] = [
    ['accents removed', withoutAccents],
    ['lower case', (t) => t.toLowerCase()],
    [
      'fillers added',
      (t) => (english(t) ? `um so ${t.replace(/, /g, ', uh, ')}` : `euh alors ${t.replace(/, /g, ', euh, ')}`),
    ],
    [
      'a greeting and a signature',
      (t) =>
        english(t)
          ? `Hello,\n\n${t}\n\nBest regards,\nAlex Martin\nOffice manager`
          : `Bonjour,\n\n${t}\n\nCordialement,\nAlex Martin\nAssistante de direction\nTél. 01 23 45 67 89`,
    ],
    [
      'a transcript (no accents, no capitals, no punctuation)',
      (t) =>
        withoutAccents(t)
          .toLowerCase()
          .replace(/[.!?;:«»"()]/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
    ],
  ];
  const key = (c: Classification) => `${c.type} P${c.priorityNumber} ${c.domain}`;

  it.each(transforms)('%s: same type, priority and domain', (_name, transform) => {
    const changed = texts.filter((t) => key(classifier.classify(t)) !== key(classifier.classify(transform(t))));
    expect(texts.length).toBeGreaterThan(400);
    expect(changed).toEqual([]);
  });
});
