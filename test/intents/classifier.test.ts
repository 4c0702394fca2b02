import { beforeAll, describe, expect, it } from 'vitest';
import type { ClassificationContext, Classifier } from '../../src/intents/classification.js';
import { createClassifier } from '../../src/intents/classifier.js';
import { loadPolicy } from '../../src/policy/load.js';

let classifier: Classifier;
beforeAll(() => {
  classifier = createClassifier(loadPolicy());
});

type Expect = [type: 'incident' | 'request', priority: 1 | 2 | 3 | 4, domain: 'informatique' | 'telecom', rule: string];

/** Every bullet of seed 000, in French and in English, and the intent that must apply it. */
const bullets: [string, Expect][] = [
  [
    'Tous les collaborateurs du site de Lille sont déconnectés du réseau.',
    ['incident', 1, 'informatique', 'incident.p1.site_down'],
  ],
  [
    'All staff at the Paris site are disconnected from the network.',
    ['incident', 1, 'informatique', 'incident.p1.site_down'],
  ],
  ['Le central téléphonique VoIP est hors service.', ['incident', 1, 'telecom', 'incident.p1.pbx_down']],
  ['The VoIP PBX is out of service.', ['incident', 1, 'telecom', 'incident.p1.pbx_down']],
  [
    "Un incident bloque toute l'activité de l'entreprise : la production est arrêtée.",
    ['incident', 1, 'informatique', 'incident.p1.business_impact'],
  ],
  [
    'The entire finance department is unable to work, the ERP is down for all of them.',
    ['incident', 1, 'informatique', 'incident.p1.business_impact'],
  ],
  ['Le serveur ne démarre pas.', ['incident', 1, 'informatique', 'incident.p1.server_down']],
  ['The server is no longer reachable.', ['incident', 1, 'informatique', 'incident.p1.server_down']],
  ['Le firewall ne fonctionne plus.', ['incident', 1, 'informatique', 'incident.p1.network_device_down']],
  ['The switch is not accessible anymore.', ['incident', 1, 'informatique', 'incident.p1.network_device_down']],
  ['Le serveur de messagerie est hors service.', ['incident', 2, 'informatique', 'incident.p2.mail_server']],
  ['The mail server is out of service.', ['incident', 2, 'informatique', 'incident.p2.mail_server']],
  [
    "L'ordinateur d'un membre de la direction est hors service.",
    ['incident', 2, 'informatique', 'incident.p2.management_computer'],
  ],
  ["The CEO's laptop won't start.", ['incident', 2, 'informatique', 'incident.p2.management_computer']],
  ["Le dossier réseau n'est plus accessible.", ['incident', 2, 'informatique', 'incident.p2.network_folder']],
  ['The network folder is no longer accessible.', ['incident', 2, 'informatique', 'incident.p2.network_folder']],
  ["L'ordinateur d'un collaborateur est hors service.", ['incident', 3, 'informatique', 'incident.p3.computer']],
  ['My computer is disconnected from the network.', ['incident', 3, 'informatique', 'incident.p3.computer']],
  [
    "L'imprimante imprime des pages blanches, la qualité est dégradée.",
    ['incident', 3, 'informatique', 'incident.p3.printer'],
  ],
  ['The printer is out of service.', ['incident', 3, 'informatique', 'incident.p3.printer']],
  ["L'accès VPN ne fonctionne pas.", ['incident', 3, 'informatique', 'incident.p3.remote_access']],
  ['Webmail is not loading for me.', ['incident', 3, 'informatique', 'incident.p3.remote_access']],
  ["Problème d'e-mail sur un seul ordinateur.", ['incident', 3, 'informatique', 'incident.p3.email_single']],
  [
    'I stopped receiving emails this morning, my colleagues still get theirs.',
    ['incident', 3, 'informatique', 'incident.p3.email_single'],
  ],
  ["L'application locale sur mon PC ne fonctionne plus.", ['incident', 3, 'informatique', 'incident.p3.local_app']],
  ['The CAD software keeps crashing on my workstation.', ['incident', 3, 'informatique', 'incident.p3.local_app']],
  ['Problème de lenteur de la connexion internet.', ['incident', 3, 'informatique', 'incident.p3.internet_slow']],
  ['The internet connection keeps dropping.', ['incident', 3, 'informatique', 'incident.p3.internet_cut']],
  ['Mon clavier ne fonctionne plus.', ['incident', 4, 'informatique', 'incident.p4.other']],
  ['My desk phone has no dial tone.', ['incident', 4, 'telecom', 'incident.p4.other']],
  [
    "L'imprimante est en panne mais je peux utiliser celle du couloir.",
    ['incident', 4, 'informatique', 'incident.p4.workaround'],
  ],
  [
    "My laptop's wifi is dead, but I'm using a network cable as a workaround.",
    ['incident', 4, 'informatique', 'incident.p4.workaround'],
  ],
  ['Internet est lent, pas urgent, quand vous aurez le temps.', ['incident', 4, 'informatique', 'incident.p4.no_rush']],
  [
    'The VPN drops occasionally, not urgent, can wait until next week.',
    ['incident', 4, 'informatique', 'incident.p4.no_rush'],
  ],
  ["Réinitialisation d'un mot de passe.", ['request', 2, 'informatique', 'request.p2.password_reset']],
  ['Password reset please.', ['request', 2, 'informatique', 'request.p2.password_reset']],
  [
    "Merci d'ajouter Sophie au groupe qui a accès au dossier Direction.",
    ['request', 2, 'informatique', 'request.p2.access_rights'],
  ],
  [
    'Please grant Julia write permission on the Marketing share.',
    ['request', 2, 'informatique', 'request.p2.access_rights'],
  ],
  ['Restauration de fichiers depuis une sauvegarde.', ['request', 2, 'informatique', 'request.p2.restore']],
  [
    'I accidentally deleted a folder, can it be recovered from the backup?',
    ['request', 2, 'informatique', 'request.p2.restore'],
  ],
  ['Modification des configurations du central téléphonique VoIP.', ['request', 2, 'telecom', 'request.p2.pbx_config']],
  [
    'Please update the IVR menu on our phone system with the new options.',
    ['request', 2, 'telecom', 'request.p2.pbx_config'],
  ],
  [
    "Suppression d'un compte d'un collaborateur quittant l'entreprise.",
    ['request', 2, 'informatique', 'request.p2.account_removal'],
  ],
  [
    "Please remove John's LDAP account, today is his last day.",
    ['request', 2, 'informatique', 'request.p2.account_removal'],
  ],
  ["Création d'un nouveau compte utilisateur.", ['request', 3, 'informatique', 'request.p3.new_account']],
  ['New starter on Monday, please create her Windows login.', ['request', 3, 'informatique', 'request.p3.new_account']],
  ["Ajout d'un nouveau PC dans le domaine.", ['request', 3, 'informatique', 'request.p3.domain_join']],
  ['Add a new PC to the domain.', ['request', 3, 'informatique', 'request.p3.domain_join']],
  ["Ajout d'un nouveau téléphone.", ['request', 3, 'telecom', 'request.p3.new_phone']],
  ['Add a new phone.', ['request', 3, 'telecom', 'request.p3.new_phone']],
  ['Installation des mises à jour sur un logiciel.', ['request', 3, 'informatique', 'request.p3.software_update']],
  [
    'Please upgrade our accounting software to the new version.',
    ['request', 3, 'informatique', 'request.p3.software_update'],
  ],
  ["Installation d'un nouveau logiciel sur un PC.", ['request', 3, 'informatique', 'request.p3.software_install']],
  ['Could you install Zoom on the meeting room PC?', ['request', 3, 'informatique', 'request.p3.software_install']],
  ["Installation d'une imprimante.", ['request', 3, 'informatique', 'request.p3.printer_install']],
  [
    'We received the new multifunction printer, can you set it up?',
    ['request', 3, 'informatique', 'request.p3.printer_install'],
  ],
  ['Modification des listes de sélection de sauvegarde.', ['request', 3, 'informatique', 'request.p3.backup_config']],
  [
    'Please add the new SQL database to the nightly backup job.',
    ['request', 3, 'informatique', 'request.p3.backup_config'],
  ],
  ['Modification de la sécurité sur le réseau interne.', ['request', 3, 'informatique', 'request.p3.network_security']],
  [
    'Please change the wifi password for the guest network.',
    ['request', 3, 'informatique', 'request.p3.network_security'],
  ],
  [
    'Modification ou changement de la connexion internet.',
    ['request', 3, 'informatique', 'request.p3.internet_change'],
  ],
  ["We'd like to add a backup 4G internet link.", ['request', 3, 'informatique', 'request.p3.internet_change']],
  ['Modification du logo sur le papier en-tête.', ['request', 4, 'informatique', 'request.p4.minor_change']],
  ['Request to move a PC.', ['request', 4, 'informatique', 'request.p4.minor_change']],
  [
    "Demande d'installation d'un périphérique pas encore commandé.",
    ['request', 4, 'informatique', 'request.p4.peripheral_not_ordered'],
  ],
  [
    "I'd like a second monitor, we still need to order it.",
    ['request', 4, 'informatique', 'request.p4.peripheral_not_ordered'],
  ],
  [
    "Nous souhaitons remplacer tous les postes de travail de l'agence, c'est un gros projet.",
    ['request', 4, 'informatique', 'request.p4.long_term'],
  ],
  [
    'We plan to migrate our file server to SharePoint over the next months.',
    ['request', 4, 'informatique', 'request.p4.long_term'],
  ],
];

/** Hard cases: negation, the password either way, the management, no rush, scope, telecom vs IT, speech. */
const hardCases: [string, Expect][] = [
  // A change said in the negative is what fails, not a request.
  [
    "my laptop won't connect to the VPN since this morning",
    ['incident', 3, 'informatique', 'incident.p3.remote_access'],
  ],
  ["I can't install the new printer driver, it fails", ['incident', 3, 'informatique', 'incident.p3.printer']],
  ['could you connect the new printer to the network', ['request', 3, 'informatique', 'request.p3.printer_install']],
  [
    'plus personne ne peut travailler sur le site de Marseille, le switch est mort',
    ['incident', 1, 'informatique', 'incident.p1.network_device_down'],
  ],
  [
    "Ce n'est pas l'imprimante, c'est le réseau qui ne marche plus sur mon ordinateur.",
    ['incident', 3, 'informatique', 'incident.p3.computer'],
  ],
  ["It isn't the server, just my Outlook not syncing.", ['incident', 3, 'informatique', 'incident.p3.email_single']],
  ["c'est pas le telephone c'est mon pc qui s'allume plus", ['incident', 3, 'informatique', 'incident.p3.computer']],
  ["J'ai oublié mon mot de passe, je suis bloqué.", ['request', 2, 'informatique', 'request.p2.password_reset']],
  [
    'mon compte est verrouille j ai tape trois fois le mauvais mot de passe',
    ['request', 2, 'informatique', 'request.p2.password_reset'],
  ],
  [
    "Mon mot de passe n'est plus accepté depuis la mise à jour, je ne l'ai pas changé.",
    ['incident', 3, 'informatique', 'incident.p3.login_failure'],
  ],
  [
    "My password isn't accepted anymore since the upgrade, I didn't change it.",
    ['incident', 3, 'informatique', 'incident.p3.login_failure'],
  ],
  ['le portable du pdg affiche un ecran bleu', ['incident', 2, 'informatique', 'incident.p2.management_computer']],
  ['Le mobile du directeur ne capte plus.', ['incident', 4, 'telecom', 'incident.p4.other']],
  [
    "Le PC de notre gérant est tombé en panne, pas d'urgence il est en vacances pour trois semaines.",
    ['incident', 4, 'informatique', 'incident.p4.no_rush'],
  ],
  [
    'Le PC de la salle de réunion ne démarre plus, pas pressé, on en a pas besoin avant dix jours.',
    ['incident', 4, 'informatique', 'incident.p4.no_rush'],
  ],
  [
    'Le wifi ne marche plus dans tout le bâtiment, plus personne n’a de réseau.',
    ['incident', 1, 'informatique', 'incident.p1.site_down'],
  ],
  ['Deux collègues n’ont plus internet sur leurs postes.', ['incident', 3, 'informatique', 'incident.p3.internet_cut']],
  [
    "Personne dans le service achats n'arrive à se connecter à l'ERP.",
    ['incident', 1, 'informatique', 'incident.p1.business_impact'],
  ],
  [
    'Le logiciel de caisse ne fonctionne plus dans tout le magasin.',
    ['incident', 1, 'informatique', 'incident.p1.business_impact'],
  ],
  [
    'Only my computer has no network, the rest of the team is fine.',
    ['incident', 3, 'informatique', 'incident.p3.computer'],
  ],
  [
    'bonjour alors du coup la ligne du standard sonne occupe tout le temps personne peut nous appeler',
    ['incident', 1, 'telecom', 'incident.p1.pbx_down'],
  ],
  [
    'Ma ligne directe ne sonne plus, les appels tombent sur le standard.',
    ['incident', 4, 'telecom', 'incident.p4.other'],
  ],
  [
    "Pouvez-vous bloquer l'accès aux réseaux sociaux sur le pare-feu ?",
    ['request', 3, 'informatique', 'request.p3.network_security'],
  ],
  [
    "euh oui bonjour c'est pour euh mon imprimante elle imprime plus du tout",
    ['incident', 3, 'informatique', 'incident.p3.printer'],
  ],
  ["L'imprimnate ne fonctionne plus", ['incident', 3, 'informatique', 'incident.p3.printer']],
  ['le serveur est hs depuis cette nuit', ['incident', 1, 'informatique', 'incident.p1.server_down']],
  ['J’aimerais un nouveau numéro de fax.', ['request', 2, 'telecom', 'request.p2.pbx_config']],
  [
    'Le service compta voudrait un nouveau dossier partagé, pas urgent.',
    ['request', 2, 'informatique', 'request.p2.access_rights'],
  ],
];

describe('classify: the seed rule bullets, in French and English', () => {
  it.each(bullets)('%s', (text, [type, priority, domain, rule]) => {
    const c = classifier.classify(text);
    expect({ type: c.type, priority: c.priorityNumber, domain: c.domain }).toEqual({ type, priority, domain });
    expect(c.rules[0]?.id).toBe(rule);
  });
});

describe('classify: hard cases', () => {
  it.each(hardCases)('%s', (text, [type, priority, domain, rule]) => {
    const c = classifier.classify(text);
    expect({ type: c.type, priority: c.priorityNumber, domain: c.domain }).toEqual({ type, priority, domain });
    expect(c.rules.map((r) => r.id)).toContain(rule);
  });
});

describe('classify: facts from the context change the result', () => {
  const cases: [
    string,
    string,
    ClassificationContext,
    Partial<Record<'type' | 'priorityNumber' | 'domain', unknown>>,
  ][] = [
    [
      'a contact marked management: their computer is P2',
      'Mon PC ne démarre plus.',
      { management: true },
      { priorityNumber: 2 },
    ],
    ['without it the same computer is P3', 'Mon PC ne démarre plus.', {}, { priorityNumber: 3 }],
    [
      'a whole site answered in the dialog: P1',
      "L'application de devis plante.",
      { scope: 'site' },
      { priorityNumber: 1 },
    ],
    ['one user answered: stays P3', "L'application de devis plante.", { scope: 'one_user' }, { priorityNumber: 3 }],
    ['a workaround answered: P4', "L'application de devis plante.", { workaround: true }, { priorityNumber: 4 }],
    ['no rush answered: P4', 'Le serveur ne démarre pas.', { noRush: true }, { priorityNumber: 4 }],
    [
      'urgent cancels a no-rush phrase',
      'Mon écran scintille, rien ne presse.',
      { urgent: true },
      { priorityNumber: 4 },
    ],
    [
      'urgent on an incident said not urgent',
      'Internet est lent, pas urgent.',
      { urgent: true },
      { priorityNumber: 3 },
    ],
    ['type corrected by the person', "J'ai oublié mon mot de passe.", { type: 'incident' }, { type: 'incident' }],
    [
      'domain corrected by the person',
      'Le fax ne marche plus.',
      { domain: 'informatique' },
      { domain: 'informatique' },
    ],
    [
      'requests are never P1, whatever the scope',
      'Pouvez-vous installer Chrome ?',
      { scope: 'company' },
      { type: 'request', priorityNumber: 3 },
    ],
  ];
  it.each(cases)('%s', (_name, text, context, expected) => {
    const c = classifier.classify(text, context);
    expect({ type: c.type, priorityNumber: c.priorityNumber, domain: c.domain }).toMatchObject(expected);
  });
});

describe('classify: the output', () => {
  it('cites the seed rule in a French sentence and routes to the queue of the domain', () => {
    const c = classifier.classify('Le standard téléphonique ne répond plus du tout.');
    expect(c.reason).toBe('Incident de priorité 1 (critique) : le central téléphonique est hors service.');
    expect(c.queue).toBe('OPS-02-TELECOM');
    expect(c.rules[0]?.rule).toBe('Central téléphonique VoIP hors service');
    expect(c.rules[0]?.matched).toEqual(expect.arrayContaining(['standard telephonique']));
  });

  it('says what rule lowered the priority and what it would have been', () => {
    const c = classifier.classify('Le scanner ne fonctionne plus, rien ne presse.');
    expect(c.priority).toBe('basse');
    expect(c.noRush).toBe(true);
    expect(c.reason).toContain("le client indique qu'il n'a pas besoin d'une résolution rapide");
    expect(c.reason).toContain('Sans cela : « Imprimante hors service');
  });

  const english: [name: string, text: string, reasons: { fr: string; en: string }][] = [
    [
      'a site outage (P1)',
      'All staff at the Paris site are disconnected from the network.',
      {
        fr: "Incident de priorité 1 (critique) : tous les collaborateurs d'un site ne peuvent plus se connecter au réseau ou travailler.",
        en: 'Incident, priority 1 (critical): every employee at a site is cut off from the network or can no longer work.',
      },
    ],
    [
      'a password reset request (P2)',
      'Could you reset the password of John Smith?',
      {
        fr: "Demande de priorité 2 (haute) : il s'agit de réinitialiser un mot de passe.",
        en: 'Request, priority 2 (high): a password needs to be reset.',
      },
    ],
    [
      'a low request, with the date to agree (P4)',
      'Can you change the logo on our letterhead?',
      {
        fr: "Demande de priorité 4 (basse) : il s'agit d'une modification ou d'un changement mineur. Une date d'intervention est à convenir ensemble.",
        en: 'Request, priority 4 (low): this is a minor modification or change. A date for the work is to be agreed together.',
      },
    ],
    [
      'a lowered priority, with what it would have been',
      'The scanner is broken, no rush.',
      {
        fr: "Incident de priorité 4 (basse) : le client indique qu'il n'a pas besoin d'une résolution rapide. Sans cela : « Imprimante hors service ou fonctionnalité d’une imprimante dégradée » (priorité 3).",
        en: 'Incident, priority 4 (low): the client says a quick fix is not needed. Otherwise: a printer is out of order or one of its functions is degraded (priority 3).',
      },
    ],
    [
      'no precise rule',
      'Bonjour, ça ne marche pas.',
      {
        fr: "Incident de priorité 4 (basse) : l'incident n'impacte qu'un seul utilisateur. Aucune règle précise ne correspond au message.",
        en: 'Incident, priority 4 (low): the incident affects a single user only. No specific rule matches the message.',
      },
    ],
  ];
  it.each(english)('explains %s in French and in English, "reason" being the French one', (_name, text, reasons) => {
    const c = classifier.classify(text);
    expect(c.reasons).toEqual(reasons);
    expect(c.reason).toBe(reasons.fr);
  });

  it('says in English that a workaround lowered the priority', () => {
    const c = classifier.classify('The mail server is down but webmail works as a workaround.');
    expect(c.reasons?.en).toContain('A workaround exists.');
  });

  it('asks for a date on a low-priority request (seed: "une date doit être définie avec le client")', () => {
    expect(classifier.classify('Demande de déplacement d’un PC.').reason).toContain(
      "Une date d'intervention est à convenir",
    );
  });

  it('has no question when confident, and the questions that settle it when not', () => {
    const sure = classifier.classify('Le serveur de messagerie est hors service.');
    expect(sure.confidence).toBeGreaterThanOrEqual(0.6);
    expect(sure.questions).toEqual([]);
    const vague = classifier.classify('Bonjour, ça ne marche pas.');
    expect(vague.confidence).toBeLessThan(0.6);
    expect(vague.questions).toEqual(['type', 'scope', 'urgency', 'domain']);
    expect(vague.domainKnown).toBe(false);
  });

  it('reads the scope, the workaround and the language', () => {
    const team = classifier.classify('Toute l’équipe support n’a plus accès à internet.');
    expect(team.scope).toBe('team');
    const workaround = classifier.classify('Outlook plante mais je passe par le webmail en attendant.');
    expect(workaround.workaround).toBe(true);
    expect(workaround.language).toBe('fr');
    expect(classifier.classify('The printer is jammed again.').language).toBe('en');
  });

  it('keeps the confidence between 0 and 1', () => {
    for (const [text] of [...bullets, ...hardCases]) {
      const { confidence } = classifier.classify(text);
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('classifications asked again', () => {
  it('gives the same answer, frozen, for the same text and context, and its own for another context', () => {
    const text = "L'imprimante du 2e étage n'imprime plus";
    const first = classifier.classify(text, {});
    expect(classifier.classify(text, {})).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.rules)).toBe(true);
    const wholeSite = classifier.classify(text, { scope: 'site' });
    expect(wholeSite).not.toBe(first);
    expect(wholeSite).toEqual(createClassifier(loadPolicy()).classify(text, { scope: 'site' }));
    expect(wholeSite.scope).toBe('site');
  });
});
