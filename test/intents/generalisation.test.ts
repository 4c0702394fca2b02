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

/**
 * More of the same kinds, in other trades and ways of writing (a shop, a medical practice, a law
 * firm, a school, a sales rep on the road; transcripts, e-mails, non-native English): new example
 * sentences, none of them from a labelled set.
 */
describe('the kinds hold in other trades and ways of writing', () => {
  const cases: [kind: string, text: string, expected: Expect][] = [
    [
      "'ne … que' says only, not a fault",
      'la sauvegarde du serveur ne garde que 5 jours, on aimerait un mois',
      ['request', 3, 'informatique', 'request.p3.backup_config'],
    ],
    [
      'nobody else: one user',
      'Teams keeps logging me out, nobody else on the team has it',
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'a right named by what it allows',
      "besoin d'un accès en modification au dossier Devis pour Karim",
      ['request', 2, 'informatique', 'request.p2.access_rights'],
    ],
    [
      "the practice's owner is its management",
      "the practice owner's laptop won't start",
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'the business stopped: customers cannot be served',
      'le logiciel de la pharmacie plante depuis ce matin, on ne peut plus servir les clients',
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      'a file to find again in the backup',
      "est-ce qu'on peut retrouver le fichier Excel des tarifs tel qu'il était lundi sur la sauvegarde ?",
      ['request', 2, 'informatique', 'request.p2.restore'],
    ],
    [
      'a clause opened by its cause',
      "depuis qu'on a changé la box, je n'arrive plus à me connecter au VPN",
      ['incident', 3, 'informatique', 'incident.p3.remote_access'],
    ],
    [
      'a negation in the result asked for',
      'pouvez-vous configurer le pare-feu pour que les stagiaires ne puissent plus aller sur les réseaux sociaux',
      ['request', 3, 'informatique', 'request.p3.network_security'],
    ],
    [
      'everyone else is fine: one user',
      "my desk phone has no dial tone, everyone else's works",
      ['incident', 4, 'telecom', 'incident.p4.other'],
    ],
    [
      'the place of a role, not a whole site',
      "le PC de la directrice de l'agence ne démarre plus",
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'machines counted, to replace: a long project',
      "nous voulons remplacer les 15 ordinateurs du bureau d'ici l'été",
      ['request', 4, 'informatique', 'request.p4.long_term'],
    ],
    [
      'not bought yet',
      "il nous faudrait une webcam, on ne l'a pas encore achetée",
      ['request', 4, 'informatique', 'request.p4.peripheral_not_ordered'],
    ],
    [
      'someone to be able to open a folder',
      'il faudrait que Paul puisse accéder au dossier Compta sur le serveur',
      ['request', 2, 'informatique', 'request.p2.access_rights'],
    ],
    [
      'calls to go to someone else',
      'pendant mes congés, il faudrait que mes appels arrivent chez Julie',
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      "'celui de' naming the software, not a workaround",
      'le logiciel Sage, celui de la paie, plante à l’ouverture',
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      "a pharmacy's software by its name",
      'LGPI ne se lance plus sur mon comptoir',
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'a behaviour without a symptom word',
      'le traceur sort les plans avec les couleurs inversées',
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'a behaviour without a symptom word',
      'the copier gives every page a grey band on the left',
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'a behaviour without a symptom word',
      'Sage me sort des totaux faux sur le grand livre',
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'a question about what is normal',
      "c'est normal que l'imprimante mette dix minutes avant de sortir la première page ?",
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'a reflexive verb',
      'mon poste se met en veille toutes les deux minutes',
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    ['spoken, without ne', "Excel veut plus s'ouvrir", ['incident', 3, 'informatique', 'incident.p3.local_app']],
    [
      'English, by itself',
      'my laptop keeps on shutting down by itself',
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'English contraction',
      "the accounting software doesn't launch anymore",
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'a change named as the cause',
      "on a installé la nouvelle version de Cegid la semaine dernière et depuis ça plante à l'ouverture",
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'a request dropped for a problem',
      "j'avais demandé un nouvel écran mais là c'est carrément mon PC qui ne démarre plus",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'a change named as the cause',
      "the technician replaced my keyboard yesterday and now the laptop won't boot",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'people counted',
      'on est douze à la logistique sans accès au WMS',
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      'machines named as a group',
      'aucune des imprimantes du deuxième étage ne répond',
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      'a whole team',
      "toute l'équipe de nuit n'a plus de réseau",
      ['incident', 1, 'informatique', 'incident.p1.site_down'],
    ],
    [
      'a whole team',
      'the whole front desk team lost the network',
      ['incident', 1, 'informatique', 'incident.p1.site_down'],
    ],
    [
      "someone else's role",
      "je suis l'assistante de la DAF, mon PC à moi est planté",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'management',
      "l'ordinateur de notre directrice financière est bloqué sur l'écran de démarrage",
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    ['storage brand', 'le NAS Synology ne répond plus', ['incident', 1, 'informatique', 'incident.p1.server_down']],
    [
      'firewall brand',
      'le Fortigate du siège est éteint, plus de réseau',
      ['incident', 1, 'informatique', 'incident.p1.network_device_down'],
    ],
    [
      'handset brand',
      "le poste Yealink de l'accueil n'a plus de tonalité",
      ['incident', 4, 'telecom', 'incident.p4.other'],
    ],
    [
      'SIP trunk',
      "le trunk SIP est tombé, plus d'appels entrants ni sortants",
      ['incident', 1, 'telecom', 'incident.p1.pbx_down'],
    ],
    [
      'internet line',
      'la ligne SDSL est coupée depuis une heure',
      ['incident', 3, 'informatique', 'incident.p3.internet_cut'],
    ],
    [
      'business software brand',
      'notre Divalto affiche une erreur de connexion à la base sur mon poste',
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'Wi-Fi brand, a floor',
      "la borne UniFi du 1er étage clignote et plus personne n'a de wifi à l'étage",
      ['incident', 1, 'informatique', 'incident.p1.site_down'],
    ],
    ['copier brand', 'le Kyocera du couloir bourre sans arrêt', ['incident', 3, 'informatique', 'incident.p3.printer']],
    [
      'backup selection',
      'pouvez-vous ajouter le dossier Compta 2026 au job de sauvegarde ?',
      ['request', 3, 'informatique', 'request.p3.backup_config'],
    ],
    [
      'backup retention',
      'on voudrait garder les sauvegardes 60 jours au lieu de 30',
      ['request', 3, 'informatique', 'request.p3.backup_config'],
    ],
    [
      'backup schedule',
      'merci de sauvegarder aussi le dossier Photos chaque nuit',
      ['request', 3, 'informatique', 'request.p3.backup_config'],
    ],
    [
      'backup schedule',
      "on voudrait que la sauvegarde tourne à 22h plutôt qu'à minuit",
      ['request', 3, 'informatique', 'request.p3.backup_config'],
    ],
    [
      'two-factor authentication',
      'pourriez-vous activer la double authentification sur le VPN ?',
      ['request', 3, 'informatique', 'request.p3.network_security'],
    ],
    [
      'a function of a software',
      'pouvez-vous activer le module de paie dans Sage ?',
      ['request', 3, 'informatique', 'request.p3.software_update'],
    ],
    [
      'long work',
      "on voudrait remplacer tout le parc d'imprimantes de l'entreprise",
      ['request', 4, 'informatique', 'request.p4.long_term'],
    ],
    [
      'long work',
      'il faudrait passer toute la société sur Microsoft 365',
      ['request', 4, 'informatique', 'request.p4.long_term'],
    ],
    [
      'long work',
      'nous voulons renouveler tout le parc informatique cette année',
      ['request', 4, 'informatique', 'request.p4.long_term'],
    ],
    [
      'access rights',
      'could you add the new intern to the Sales group ?',
      ['request', 2, 'informatique', 'request.p2.access_rights'],
    ],
    [
      'access rights, terse',
      'accès en lecture au dossier Juridique pour Marc',
      ['request', 2, 'informatique', 'request.p2.access_rights'],
    ],
    [
      'access rights, non-native English',
      'please i need access for the folder Purchasing, my manager agree',
      ['request', 2, 'informatique', 'request.p2.access_rights'],
    ],
    [
      'firewall port',
      'il faudrait ouvrir un port sur le firewall pour la caméra',
      ['request', 3, 'informatique', 'request.p3.network_security'],
    ],
    [
      'an unknown software on a host',
      'installer PDF24 sur mon ordi svp',
      ['request', 3, 'informatique', 'request.p3.software_install'],
    ],
    [
      'software on a laptop',
      'faudrait me mettre Teams sur le portable',
      ['request', 3, 'informatique', 'request.p3.software_install'],
    ],
    [
      'a device already ordered',
      "on a commandé une nouvelle imprimante, elle arrive mardi, il faudra l'installer",
      ['request', 3, 'informatique', 'request.p3.printer_install'],
    ],
    [
      'a device still to buy',
      "on va acheter un scanner pour l'accueil, il faudra l'installer",
      ['request', 4, 'informatique', 'request.p4.peripheral_not_ordered'],
    ],
    [
      'calls ringing elsewhere',
      "Je souhaiterais que les appels de l'accueil sonnent aussi sur le poste de Marc.",
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      'a call group',
      "pouvez-vous créer un groupe d'appel pour le service client ?",
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      'a workaround',
      "mon écran principal ne s'allume plus, je travaille sur l'écran du portable en attendant",
      ['incident', 4, 'informatique', 'incident.p4.other'],
    ],
    [
      'a workaround after a contrast',
      "Outlook plante mais j'arrive à lire mes mails sur le webmail",
      ['incident', 4, 'informatique', 'incident.p4.workaround'],
    ],
    [
      'a workaround, English',
      'my printer jams, but I can print on the one next door',
      ['incident', 4, 'informatique', 'incident.p4.workaround'],
    ],
    [
      'no rush',
      'mon PC est lent, je repasserai dans trois semaines',
      ['incident', 4, 'informatique', 'incident.p4.no_rush'],
    ],
    [
      'no rush',
      'mon imprimante fait des traces, on en reparle à mon retour de congés le 15',
      ['incident', 4, 'informatique', 'incident.p4.no_rush'],
    ],
    [
      'a transcript',
      'oui alors la on est tous bloques au service expedition le logiciel transporteur repond plus',
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      'a transcript',
      'euh bonjour la photocopieuse du premier elle fait des grandes traces grises',
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'non-native English',
      'my computer is doing blue screen since two days',
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'a quoted history',
      "Bonjour,\n\nLe serveur de fichiers est revenu, merci. Par contre mon imprimante n'imprime plus rien depuis.\n\nCordialement,\nJulie\n\n> Le 2 mai, Support a écrit :\n> Le serveur est à nouveau accessible.",
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'a signature of the management',
      "Bonjour,\n\nSuite à notre échange téléphonique, je vous confirme qu'il faudrait créer une adresse mail pour notre nouvelle comptable, Mme Perrin, qui arrive le 3.\n\nBien à vous,\n\nPierre Martin\nDirecteur général\nSARL Martin\n06 00 00 00 00",
      ['request', 3, 'informatique', 'request.p3.new_account'],
    ],
    [
      'an exclusion',
      "ce n'est pas internet qui est lent, c'est mon PC qui rame",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'sites counted',
      "les trois agences n'ont plus de téléphone depuis la coupure",
      ['incident', 1, 'telecom', 'incident.p1.pbx_down'],
    ],
    [
      'a damaged cable, no rush',
      "le switch est ok, c'est juste mon câble réseau qui a l'air abîmé, pas urgent",
      ['incident', 4, 'informatique', 'incident.p4.no_rush'],
    ],
    ['a handset by what it does', 'mon poste ne sonne plus', ['incident', 4, 'telecom', 'incident.p4.other']],
    [
      'a mobile by what it does',
      'mon portable ne capte plus depuis ce matin',
      ['incident', 4, 'telecom', 'incident.p4.other'],
    ],
    ['a computer', 'mon poste ne démarre plus', ['incident', 3, 'informatique', 'incident.p3.computer']],
    [
      'antivirus',
      "Kaspersky m'empêche d'ouvrir le logiciel de paie",
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'dictation software',
      'Dragon ne reconnaît plus ma voix depuis la mise à jour',
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'the staff, not nobody',
      'le badgeuse du personnel ne lit plus les badges',
      ['incident', 4, 'informatique', 'incident.p4.other'],
    ],
    [
      'a whole place',
      'tout le cabinet est sans logiciel de rendez-vous depuis ce matin',
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      'a business activity stopped',
      'les terminaux de paiement refusent toutes les cartes, on ne peut plus encaisser',
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      'a passive negation',
      "ma clé USB n'est plus reconnue par mon PC",
      ['incident', 4, 'informatique', 'incident.p4.other'],
    ],
    [
      'a recent change as context',
      "le toner affiche vide alors qu'il vient d'être changé",
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'a word split by a transcript',
      'euh mon team viewer il se lance plus',
      ['incident', 3, 'informatique', 'incident.p3.remote_access'],
    ],
    [
      'a message shown',
      'le logiciel de facturation affiche « licence expirée » au démarrage',
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'a school head',
      'le portable du proviseur ne démarre plus',
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'an intermittent connection, a transcript',
      'bah le wifi il marche une fois sur deux dans mon bureau',
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'one scanner and its scans',
      'hello the scanner not send the scans to my email anymore',
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'non-native English, an adverb',
      'hello, the internet is very slowly today, pages take long time',
      ['incident', 3, 'informatique', 'incident.p3.internet_slow'],
    ],
    [
      'mixed French and English',
      'le laptop de mon boss est dead, il a un call dans 10 min',
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'a transcript, a whole site',
      'allo euh bonjour on a plus internet du tout dans toute l agence personne peut bosser',
      ['incident', 1, 'informatique', 'incident.p1.site_down'],
    ],
    [
      'an abbreviation of the management',
      "the MD's laptop is dead, she flies to a client tomorrow",
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'every call',
      "nos clients n'arrivent plus à nous joindre, tous les appels tombent dans le vide",
      ['incident', 1, 'telecom', 'incident.p1.pbx_down'],
    ],
    [
      'a spare desk as a workaround',
      "mon PC ne s'allume plus, je me suis mis sur le poste libre à côté",
      ['incident', 4, 'informatique', 'incident.p4.workaround'],
    ],
    [
      'a computer showing a message',
      "le Mac de la comptable affiche un dossier avec un point d'interrogation",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'software missing',
      'il me manque Excel sur mon poste',
      ['request', 3, 'informatique', 'request.p3.software_install'],
    ],
    [
      'asked to come and look, no rush',
      "merci de passer voir mon écran qui scintille, rien d'urgent",
      ['incident', 4, 'informatique', 'incident.p4.other'],
    ],
    [
      'a failed backup',
      "je voudrais qu'on vérifie la sauvegarde, elle a échoué deux nuits de suite",
      ['incident', 4, 'informatique', 'incident.p4.other'],
    ],
    [
      'asked to fix it',
      "pouvez-vous réparer l'imprimante du 1er ? elle bourre",
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'asked to check it, English',
      "could you check the VPN please, it doesn't connect",
      ['incident', 3, 'informatique', 'incident.p3.remote_access'],
    ],
    [
      "a server's disk full",
      "le disque C: du serveur est plein, les services s'arrêtent",
      ['incident', 1, 'informatique', 'incident.p1.server_down'],
    ],
    [
      'a reflexive verb in the past',
      "l'onduleur de la baie bipe et le serveur s'est éteint",
      ['incident', 1, 'informatique', 'incident.p1.server_down'],
    ],
    [
      'everyone, on a thing everyone shares',
      "le certificat SSL du webmail a expiré, plus personne n'arrive à s'y connecter",
      ['incident', 3, 'informatique', 'incident.p3.remote_access'],
    ],
    [
      'a DNS down for every computer',
      "le DNS interne ne résout plus rien, aucun poste n'accède aux serveurs",
      ['incident', 1, 'informatique', 'incident.p1.server_down'],
    ],
    [
      'a folder gone, English',
      'the shared folder for HR has vanished for everyone',
      ['incident', 2, 'informatique', 'incident.p2.network_folder'],
    ],
    [
      'a workaround, English',
      "my mouse stopped working, I'm using the touchpad meanwhile",
      ['incident', 4, 'informatique', 'incident.p4.other'],
    ],
    [
      'a whole building, English',
      'the phones have no dial tone in the whole building',
      ['incident', 1, 'telecom', 'incident.p1.pbx_down'],
    ],
    [
      'the management writing of their own device',
      'je suis le directeur et mon PC ne démarre plus',
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      "staff writing of the management's device",
      "je suis l'assistante du directeur, son PC ne démarre plus",
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'staff writing of their own device, the management named apart',
      "Je suis la secrétaire de Mme Leroy (gérante). C'est mon ordinateur à moi qui ne s'allume plus",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'a software the lexicon does not know, asked before the host',
      'I need Zotero installed on my laptop',
      ['request', 3, 'informatique', 'request.p3.software_install'],
    ],
    [
      'a handset added to the PBX',
      "le nouveau poste Yealink est arrivé, pouvez-vous l'ajouter sur le standard ?",
      ['request', 3, 'telecom', 'request.p3.new_phone'],
    ],
    [
      'calls ringing on two handsets at once',
      "I'd like incoming calls to ring on my desk phone and my mobile simultaneously",
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      'a forwarding made as the workaround',
      "le fixe de l'accueil n'a plus de tonalité, on a fait basculer les appels sur un portable en attendant",
      ['incident', 4, 'telecom', 'incident.p4.other'],
    ],
    [
      "a subject line on top, the signature's title not the management",
      'Objet : PC de Marc\n\nBonjour,\n\nle PC de Marc ne démarre plus depuis ce matin.\n\nCordialement,\nJeanne Morel\nDirectrice administrative',
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'a closing thanks for the help, not a request',
      'Bonjour,\n\nle copieur Ricoh fait des traces noires sur chaque page.\n\nMerci de votre aide,\nLouis Petit\nResponsable commercial',
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'what the business does, said as no longer possible',
      'on peut encaisser personne, le logiciel de caisse tourne dans le vide',
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      'one person who cannot work is not the business stopped',
      'je ne peux plus travailler, mon PC plante sans arrêt',
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'a problem said to be absent',
      'pas de bug, tout marche, mais il me faudrait la dernière version de Sage',
      ['request', 3, 'informatique', 'request.p3.software_update'],
    ],
    [
      'the other computers fine: the writer alone, not the server',
      "mon PC n'accède plus au serveur de fichiers, les autres postes du bureau y arrivent",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'other things fine is not the writer alone',
      'le serveur de fichiers ne répond plus, les autres serveurs marchent',
      ['incident', 1, 'informatique', 'incident.p1.server_down'],
    ],
    [
      'where a thing is not, then the change asked',
      "le dossier Achats n'est pas dans la sauvegarde, pouvez-vous l'ajouter ?",
      ['request', 3, 'informatique', 'request.p3.backup_config'],
    ],
    [
      'an update of a named software asked',
      'pas de souci particulier, mais pourriez-vous me passer Acrobat en dernière version ?',
      ['request', 3, 'informatique', 'request.p3.software_update'],
    ],
    [
      'a mayor is the management of a town hall',
      'le PC de Mme la maire ne s’allume plus',
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'a leaver, the negation in what the cut is for',
      "Paul is leaving us on Friday, please cut his VPN and email access so he can't log in anymore",
      ['request', 2, 'informatique', 'request.p2.account_removal'],
    ],
    [
      'an office moving to new premises',
      "we're relocating to new premises in March, we'll need the network and PCs set up there",
      ['request', 4, 'informatique', 'request.p4.long_term'],
    ],
    [
      'the call to the helpdesk is not telephony',
      'oui bonjour je vous appelle parce que le serveur de fichiers ne démarre plus',
      ['incident', 1, 'informatique', 'incident.p1.server_down'],
    ],
    [
      '"direct" is not the direction',
      "le pc de Karim s'éteint direct quand il l'allume",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'an English negation typed without its apostrophe',
      'the scanner at the front desk doesnt scan anymore',
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'an acronym spelled letter by letter in a transcript',
      'oui bonjour euh le v p n marche plus depuis ce matin je suis chez moi',
      ['incident', 3, 'informatique', 'incident.p3.remote_access'],
    ],
    [
      'a server spelled letter by letter, its lights off',
      'euh le n a s il a tous les voyants eteints et plus personne accede aux fichiers',
      ['incident', 1, 'informatique', 'incident.p1.server_down'],
    ],
    [
      'machines said not included are not what fails',
      "please block streaming sites on the guest wifi, the directors' laptops not included",
      ['request', 3, 'informatique', 'request.p3.network_security'],
    ],
    [
      'a session after the contrast is still the computer named before',
      "mon portable s'allume mais reste sur un écran bleu, impossible d'ouvrir ma session",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'the mail asking for the password again and again',
      'Outlook me demande sans arrêt mon mot de passe',
      ['incident', 3, 'informatique', 'incident.p3.email_single'],
    ],
    [
      'someone added to a shared mailbox is an access',
      'can you add Sarah to the sales shared mailbox?',
      ['request', 2, 'informatique', 'request.p2.access_rights'],
    ],
    [
      'a request said for someone else',
      'la directrice voudrait que le dossier Contrats soit sauvegardé chaque soir avec le reste',
      ['request', 3, 'informatique', 'request.p3.backup_config'],
    ],
    [
      'asked to make a broken thing work again',
      "pouvez-vous remettre en route le serveur ? il s'est arrêté cette nuit",
      ['incident', 1, 'informatique', 'incident.p1.server_down'],
    ],
    [
      'a reinstall asked because the software crashes',
      'pourriez-vous réinstaller Office sur mon poste ? Word plante à chaque ouverture',
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'a reinstall asked with nothing wrong is a change',
      'pourriez-vous réinstaller Office sur le poste de Julie ?',
      ['request', 3, 'informatique', 'request.p3.software_install'],
    ],
    [
      'machines counted',
      'le logiciel de caisse est figé sur les 4 caisses du magasin',
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      'machines said to work are not a group that fails',
      "l'appli de fidélité plante sur la caisse 2, les autres caisses fonctionnent normalement",
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      '"since" and a time is when, not why',
      'Since this morning nobody can open the Projects folder on the file server, the network path is not found',
      ['incident', 2, 'informatique', 'incident.p2.network_folder'],
    ],
    [
      'a network kept apart for the customers',
      "we'd like the free Wi-Fi for our customers separated from the office network, could you set that up?",
      ['request', 3, 'informatique', 'request.p3.network_security'],
    ],
    [
      '"tout seul" is no whole project',
      'il faudrait que le standard bascule tout seul sur le portable de garde le soir',
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      'a folder added to what the backup covers',
      "le dossier Devis qu'on vient de créer n'est pas dans la sauvegarde Veeam, pourriez-vous l'ajouter ?",
      ['request', 3, 'informatique', 'request.p3.backup_config'],
    ],
    [
      'calls that drop for everyone',
      'les appels entrants coupent au bout de 30 secondes, pour tout le monde',
      ['incident', 1, 'telecom', 'incident.p1.pbx_down'],
    ],
    [
      'a direct line asked is a PBX setting',
      'can you give me a direct line number?',
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      "'passer' to come by is no change asked",
      "euh c'est pour le copieur de la salle des profs quand on imprime ça sort des pages presque blanches si quelqu'un peut passer",
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'a big job for next year',
      "on a un gros chantier de numérisation des archives sur le serveur, à voir pour l'année prochaine",
      ['request', 4, 'informatique', 'request.p4.long_term'],
    ],
    [
      'where a file is not, then a restore asked after "de"',
      "j'ai supprimé par erreur le dossier Sorties sur le serveur, il n'est pas dans la corbeille, est-il possible de le récupérer ?",
      ['request', 2, 'informatique', 'request.p2.restore'],
    ],
    [
      'a switch after its article is the thing, not the change',
      'le switch de la réserve a toutes ses lumières éteintes, les 2 caisses sont hors ligne',
      ['incident', 1, 'informatique', 'incident.p1.network_device_down'],
    ],
    [
      'a folder named in quotes stays in its sentence',
      'pourriez-vous installer « Scan2PDF » sur le PC de Marion ?',
      ['request', 3, 'informatique', 'request.p3.software_install'],
    ],
    [
      'a leaver said, nothing else',
      "pour info Marc ne fait plus partie de l'entreprise depuis hier",
      ['request', 2, 'informatique', 'request.p2.account_removal'],
    ],
    [
      'a device still to order for the switchboard is télécom',
      'je voudrais un casque sans fil pour la standardiste, pas encore commandé, à relier à son poste Yealink et au standard',
      ['request', 4, 'telecom', 'request.p4.peripheral_not_ordered'],
    ],
    [
      'a right to write asked for someone who can only read',
      "le stagiaire peut juste lire dans le dossier Sons, il faudrait qu'il puisse écrire dedans",
      ['request', 2, 'informatique', 'request.p2.access_rights'],
    ],
    [
      'a folder the backup should also include',
      'could the Veeam backup also include the Photos folder on the server?',
      ['request', 3, 'informatique', 'request.p3.backup_config'],
    ],
    [
      '"si personne ne décroche" is a condition, not everyone',
      "pouvez-vous faire en sorte que les appels de l'accueil soient renvoyés sur mon portable si personne ne décroche ?",
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      'a handset asked with its own number is a new phone',
      "on aimerait un téléphone fixe à l'atelier, un Yealink avec son numéro interne",
      ['request', 3, 'telecom', 'request.p3.new_phone'],
    ],
    [
      "a handset's number changed alone is a PBX setting",
      'pouvez-vous changer le numéro interne de Julie ?',
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      'a network drive named by its letter',
      "le P: (PLANNING) s'ouvre plus depuis 14h, Windows dit qu'il ne trouve pas le chemin",
      ['incident', 2, 'informatique', 'incident.p2.network_folder'],
    ],
    [
      "a copier's output counted is no group of machines",
      "le Canon de l'agence fait des grosses bandes noires sur tous les scans et les photocopies depuis hier",
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      '"pour l\'instant" in the clause of a symptom says "currently"',
      "pour l'instant le scanner du bureau affiche une erreur à chaque envoi",
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      '"pour l\'instant" with another means is still a workaround',
      "le scanner du bureau affiche une erreur à chaque envoi, je scanne sur celui de l'accueil pour l'instant",
      ['incident', 4, 'informatique', 'incident.p4.workaround'],
    ],
    [
      'what still works, then what does not, is a partial fault',
      'je peux encore ouvrir mes anciens mails mais plus rien de nouveau n’arrive dans Outlook',
      ['incident', 3, 'informatique', 'incident.p3.email_single'],
    ],
    [
      'an on-call phone, its forwarding the workaround',
      "le portable d'astreinte ne capte plus rien depuis hier, on renvoie sur le fixe du bureau pour l'instant",
      ['incident', 4, 'telecom', 'incident.p4.other'],
    ],
    [
      'how long it takes to start is slowness',
      'depuis la mise à jour mon portable met 15 minutes à démarrer le matin',
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'a connection that "jumps" is cut',
      "à l'accueil la connexion internet saute plusieurs fois par heure",
      ['incident', 3, 'informatique', 'incident.p3.internet_cut'],
    ],
    [
      "a newcomer's handset with its direct number",
      'une recrue commence au service achats, il lui faudrait un téléphone avec un numéro direct',
      ['request', 3, 'telecom', 'request.p3.new_phone'],
    ],
    [
      'bought already, not "not yet ordered"',
      "on a acheté un traceur HP pour le bureau d'études, il faudrait l'installer sur les 3 postes",
      ['request', 3, 'informatique', 'request.p3.printer_install'],
    ],
    [
      'the server named in what the copier shows is its message',
      'le scan vers mail du Konica marche plus, ça dit impossible de joindre le serveur smtp',
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'what the handsets show runs a few words, the phone system after it is the subject',
      'on a plus de telephone les postes affichent recherche serveur et le standard sonne plus du tout',
      ['incident', 1, 'telecom', 'incident.p1.pbx_down'],
    ],
    [
      'a folder asked to be backed up too',
      'on voudrait que le dossier Chantiers soit aussi sauvegardé chaque nuit',
      ['request', 3, 'informatique', 'request.p3.backup_config'],
    ],
    [
      'someone who leaves tonight, accounts blocked',
      "merci de bloquer les accès d'Hugo qui part ce soir",
      ['request', 2, 'informatique', 'request.p2.account_removal'],
    ],
    [
      'a laptop joined to the domain for a new hire',
      'our new recruit needs a laptop joined to the domain by Monday',
      ['request', 3, 'informatique', 'request.p3.domain_join'],
    ],
    [
      'a part and its whole: the whole gives the domain',
      "mon DECT n'a plus de batterie au bout d'une heure",
      ['incident', 4, 'telecom', 'incident.p4.other'],
    ],
    [
      'a part and its whole, with a workaround',
      'le combiné de mon poste grésille, je prends le casque en attendant',
      ['incident', 4, 'telecom', 'incident.p4.other'],
    ],
    [
      'a part alone is its own domain',
      'my headset keeps crackling during meetings',
      ['incident', 4, 'informatique', 'incident.p4.other'],
    ],
    [
      'a whole office named with its town',
      'the whole Bristol office lost internet this morning',
      ['incident', 1, 'informatique', 'incident.p1.site_down'],
    ],
    [
      'a misheard VPN in a transcript',
      'euh oui c est pour le vee pee en il refuse de se connecter depuis ce matin',
      ['incident', 3, 'informatique', 'incident.p3.remote_access'],
    ],
    [
      '"on est tous" is everyone at the site',
      "on est tous coupés à l'agence de Quimper, plus d'internet depuis une heure",
      ['incident', 1, 'informatique', 'incident.p1.site_down'],
    ],
    [
      'the new thing of a cause is not asked for; "others seem fine" is the writer alone',
      'since the new switch was put in my desktop loses the network every few minutes. Others seem fine.',
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'a backup asked to cover a share',
      'could the weekly backup also cover the Legal share from now on?',
      ['request', 3, 'informatique', 'request.p3.backup_config'],
    ],
    [
      'a device thought of, nothing bought yet',
      "we're planning to get a second label printer for dispatch, nothing bought yet, could you install it when it's here?",
      ['request', 4, 'informatique', 'request.p4.peripheral_not_ordered'],
    ],
    [
      '"suite à" opens the cause',
      "Suite à l'installation du nouveau pare-feu par votre technicien, mon portable met plusieurs minutes à ouvrir chaque page.",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'the writer\'s own computer: "impossible de bosser" is the writer',
      'mon ordi plante sans arrêt depuis hier, impossible de bosser',
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'the VPN said to connect is still the way in',
      "the VPN connects fine but I can't reach any shared drive, only me though",
      ['incident', 3, 'informatique', 'incident.p3.remote_access'],
    ],
    [
      "sitting at someone else's computer is a workaround, a business trip no move",
      "mon portable ne s'allume plus, je me suis installé sur le poste de Léa qui est en déplacement",
      ['incident', 4, 'informatique', 'incident.p4.workaround'],
    ],
    [
      'a look at the next visit is no rush',
      'mon portable se met en veille sans arrêt, vous regarderez lors de votre prochain passage',
      ['incident', 4, 'informatique', 'incident.p4.no_rush'],
    ],
    [
      "a laptop that died, the managing director's",
      "our managing director's laptop just died, he has a board meeting at ten",
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'a menu of the phone system',
      'could you add an option to the phone menu for the warranty team?',
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      'changing provider is changing the connection; "gérer" is no manager',
      "nous changeons d'opérateur internet, pouvez-vous gérer la bascule avec eux ?",
      ['request', 3, 'informatique', 'request.p3.internet_change'],
    ],
    [
      'a firewall "en rade"',
      "le firewall est en rade depuis l'orage, plus aucun poste n'a internet",
      ['incident', 1, 'informatique', 'incident.p1.network_device_down'],
    ],
    [
      'a slow Wi-Fi',
      "le wifi est vraiment lent à l'étage depuis hier",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'a handset showing the wrong time is a fault, not a change asked',
      'no rush, but my desk phone shows the wrong time since the clocks went back',
      ['incident', 4, 'telecom', 'incident.p4.other'],
    ],
    [
      'a printer hooked up to the computers',
      'could you hook up the Brother we got for the back office to the three PCs?',
      ['request', 3, 'informatique', 'request.p3.printer_install'],
    ],
    [
      'a line that rings on a mobile as well',
      "pourriez-vous faire que la ligne de l'accueil sonne aussi sur le portable de Nadia ?",
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      'nothing works at a site',
      'nothing is working at the Leeds depot, no network and no phones',
      ['incident', 1, 'informatique', 'incident.p1.site_down'],
    ],
    [
      'an absence of nothing the helpdesk knows is no outage',
      'the board approved replacing all the laptops at the Rennes site with new ones, no date set yet, can we plan it?',
      ['request', 4, 'informatique', 'request.p4.long_term'],
    ],
    [
      '"à partir du" is a date, not someone leaving; "sur le modèle" is no letterhead',
      'à partir du 4 mars, pourriez-vous créer un compte pour M. Lenoir, avec une adresse sur le modèle prenom.nom ?',
      ['request', 3, 'informatique', 'request.p3.new_account'],
    ],
    [
      'a gateway named by its product',
      "la dream machine du local technique ne répond plus, impossible d'y accéder",
      ['incident', 1, 'informatique', 'incident.p1.network_device_down'],
    ],
    [
      'a configuration said wrong is no forgotten password',
      'FortiClient stops at 40% and says the VPN configuration is wrong, same password as always',
      ['incident', 3, 'informatique', 'incident.p3.remote_access'],
    ],
    [
      'the counter is where the caller works, not a computer',
      "c'est Julie au comptoir, mon téléphone grésille quand je parle, c'est que le mien",
      ['incident', 4, 'telecom', 'incident.p4.other'],
    ],
    [
      'a long subject before its modal and verb',
      'none of the desktops in the second floor meeting rooms can connect this morning',
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      'a partner of the practice is its management',
      "c'est pour le docteur Morel, le médecin associé, son ordinateur ne s'allume plus",
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'a managing partner',
      "our managing partner's desktop is stuck on a black screen",
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'an extension forwarded is a PBX setting, not a new handset',
      'could you forward my extension to my mobile until the 15th?',
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      'equipping people with devices nothing bought yet',
      "on voudrait équiper l'accueil de deux écrans, on n'a encore rien commandé",
      ['request', 4, 'informatique', 'request.p4.peripheral_not_ordered'],
    ],
    [
      'an access on a folder, asked tersely',
      'access to Legal folder for Sam pls',
      ['request', 2, 'informatique', 'request.p2.access_rights'],
    ],
    [
      "a newcomer's account with the access that comes with it",
      "un nouveau technicien arrive lundi, il lui faudrait un compte et l'accès au dossier Interventions",
      ['request', 3, 'informatique', 'request.p3.new_account'],
    ],
    [
      'someone who already has an account, given a right',
      "Inès, arrivée il y a trois semaines, a déjà son compte : il faudrait qu'elle puisse modifier le dossier Achats",
      ['request', 2, 'informatique', 'request.p2.access_rights'],
    ],
    [
      "a customer's order is no device to order",
      'impossible de valider une commande client dans EBP, le logiciel se fige',
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'joining a Teams meeting is no newcomer',
      "I can't join the Teams meeting with the client, it keeps loading",
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'an account executive is no executive of the company',
      "our account executive's laptop won't start",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      '"j\'ai l\'impression" is no printing',
      "j'ai l'impression que mon pc rame de plus en plus depuis lundi",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      '"en ligne" is online, no phone line',
      'le paiement en ligne ne marche plus dans notre logiciel de caisse sur mon poste',
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'attaching a file is no call',
      'impossible de joindre un fichier dans Outlook, ça tourne dans le vide',
      ['incident', 3, 'informatique', 'incident.p3.email_single'],
    ],
    [
      'a licence is no one dismissed; "personne n\'a internet" is the outage after the contrast',
      "je voulais vous demander une licence Visio, mais plus important : plus personne n'a internet à l'agence",
      ['incident', 1, 'informatique', 'incident.p1.site_down'],
    ],
    [
      '"je bosse" is no boss',
      'je bosse sur mon pc depuis ce matin et Excel plante toutes les cinq minutes',
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      '"tout a planté" is no whole plant',
      'tout a planté sur mon pc, il ne répond plus du tout',
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'a town hall is no mayor',
      "le PC de l'accueil de la mairie annexe ne démarre plus",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      '"une partie" is no one leaving',
      "une partie de mes mails n'arrive plus dans Outlook depuis hier",
      ['incident', 3, 'informatique', 'incident.p3.email_single'],
    ],
    [
      'a licence asked for',
      "pourriez-vous m'installer une licence Acrobat Pro sur mon poste ?",
      ['request', 3, 'informatique', 'request.p3.software_install'],
    ],
    [
      'what nobody can do fails, whatever the verb',
      'none of the laptops in the design studio can reach the licence portal since this morning',
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      'things joined to quantified ones are quantified too',
      "aucun des lecteurs de badges ni des PC de l'entrepôt ne peut joindre le logiciel de stock",
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      'peripherals counted are a group',
      'none of the barcode scanners at the packing benches work anymore, orders are piling up',
      ['incident', 1, 'informatique', 'incident.p1.business_impact'],
    ],
    [
      "a plain plural of parts is one person's",
      "the USB ports on my docking station stopped working, I'm plugging the mouse straight into the laptop for now",
      ['incident', 4, 'informatique', 'incident.p4.other'],
    ],
    [
      '"not a big deal" needs no quick fix',
      'Outlook closes by itself now and then when I open an attachment, not a big deal',
      ['incident', 4, 'informatique', 'incident.p4.no_rush'],
    ],
    [
      'a file to get back from the backup is a restore',
      "I overwrote the budget workbook by mistake, could you get Monday's copy back from the backup?",
      ['request', 2, 'informatique', 'request.p2.restore'],
    ],
    [
      'switching providers is no switch',
      "we're switching from copper to a fibre line in March, could you handle the changeover?",
      ['request', 3, 'informatique', 'request.p3.internet_change'],
    ],
    [
      'software asking for a password is a symptom, not a reset asked',
      'Teams keeps popping up asking for my password and then nothing loads',
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      "a department's head is the management",
      'le portable de la cheffe de service des urgences ne démarre plus, écran noir',
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'a website is no site',
      "la connexion internet est très lente, ouvrir le site de la banque prend deux minutes, c'est pénible",
      ['incident', 3, 'informatique', 'incident.p3.internet_slow'],
    ],
    [
      'a plant in English is a place, not a crash',
      'nobody at the Lyon plant can log in to the ERP since the router rebooted',
      ['incident', 1, 'informatique', 'incident.p1.network_device_down'],
    ],
    [
      'the phone one writes from is no telephony',
      'writing from my phone: the firewall rebooted and nobody at the office has internet',
      ['incident', 1, 'informatique', 'incident.p1.network_device_down'],
    ],
    [
      'a folder on a drive letter is a network folder',
      "le dossier Contrats sur le S n'est plus disponible, ma collègue a pareil sur son poste",
      ['incident', 2, 'informatique', 'incident.p2.network_folder'],
    ],
    [
      'a participle joined to a past tense is past too',
      "on a redémarré l'imprimante et remplacé le toner, elle imprime toujours des traînées grises",
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      '"vous pouvez …" asks for a change',
      "vous pouvez ajouter l'imprimante de l'accueil sur le poste de Martine ?",
      ['request', 3, 'informatique', 'request.p3.printer_install'],
    ],
    [
      'an order not placed yet',
      "We'd like two webcams for the meeting rooms; the order hasn't been placed yet, could you set them up once they arrive?",
      ['request', 4, 'informatique', 'request.p4.peripheral_not_ordered'],
    ],
    [
      'a brand after its software is the software',
      'depuis chez moi, le client VPN Fortinet me met échec de connexion alors que mon mot de passe est bon',
      ['incident', 3, 'informatique', 'incident.p3.remote_access'],
    ],
    [
      'a later date that is a deadline is no "no rush"',
      "Excel se ferme tout seul dès que j'ouvre le fichier des plannings, il me le faut pour la réunion de la semaine prochaine",
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'a later date with nothing needed by then can wait',
      'Excel se ferme parfois quand j’ouvre le fichier des plannings, vous pouvez regarder ça la semaine prochaine',
      ['incident', 4, 'informatique', 'incident.p4.no_rush'],
    ],
    [
      'a forwarded request is read in the history it quotes',
      "Objet : TR: droits\n\nBonjour,\n\nJe vous transfère la demande de notre directrice ci-dessous.\n\nMerci,\nLucas\n\n-----Message d'origine-----\nDe : Hélène Marchand\nObjet : droits\n\nLucas, demande qu'on te donne l'accès en écriture au dossier Achats sur le serveur.",
      ['request', 2, 'informatique', 'request.p2.access_rights'],
    ],
    [
      'a quoted history that is no forward is not read',
      "Objet : RE: ticket 4521\n\nBonjour,\n\nC'est réglé de notre côté, vous pouvez clore le ticket, mais mon écran secondaire ne s'allume plus depuis ce matin.\n\nMerci,\nLucas\n\nLe 2 déc., Support a écrit :\n> Le serveur de fichiers est redémarré.",
      ['incident', 4, 'informatique', 'incident.p4.other'],
    ],
    [
      'people of a newcomer role who leave are leavers',
      'merci de supprimer les comptes des deux alternants qui nous quittent vendredi',
      ['request', 2, 'informatique', 'request.p2.account_removal'],
    ],
    [
      'a line across a screen is no phone line',
      'mon écran a une ligne verticale verte depuis ce matin, ça ne me gêne pas trop',
      ['incident', 4, 'informatique', 'incident.p4.other'],
    ],
    [
      'a shared calendar is no shared folder',
      'Outlook closes every time I open the shared calendar of the sales team',
      ['incident', 3, 'informatique', 'incident.p3.email_single'],
    ],
    [
      'colleagues said fine leave the writer alone with a server from home',
      'I can’t reach the RDS server from home since yesterday, colleagues in the office are fine',
      ['incident', 3, 'informatique', 'incident.p3.remote_access'],
    ],
    [
      '"the team" is no Teams',
      'Hi team, could you update the sales ring group on the 3CX so it rings Marc and Julie at the same time?',
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      'a laptop by its model',
      "The ThinkPad of our managing director won't power on at all this morning",
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'what a machine holds is no department affected',
      "c'est la gérante : mon portable, celui avec toute la paie dessus, redémarre en boucle depuis ce matin",
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      "the guests' Wi-Fi down across a whole place",
      'le wifi des clients est tombé sur tout le camping, toutes les bornes clignotent',
      ['incident', 1, 'informatique', 'incident.p1.site_down'],
    ],
    [
      'a new handset with the number it is to get',
      'on a reçu un nouveau combiné Yealink pour le quai, vous pouvez le configurer et lui donner un numéro interne ?',
      ['request', 3, 'telecom', 'request.p3.new_phone'],
    ],
    [
      'the software one uses is no workaround',
      'Sage, the software I use for payroll, closes by itself as soon as I open it since this morning',
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'a means said never to work is no workaround',
      "le PC de l'accueil reste bloqué sur le logo, jamais on arrive jusqu'à Windows",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'a sales director said in short',
      'Karim (dir. commercial) : son portable ne démarre plus, écran noir',
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'a move asked in the subjunctive',
      "la directrice voudrait qu'on déplace l'imprimante du couloir dans son bureau, pas pressé",
      ['request', 4, 'informatique', 'request.p4.minor_change'],
    ],
    [
      'a server reached from one machine is that machine',
      "the reception PC has had no network since this morning, it can't reach the server from it and no internet either",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'a bigger project with a timeline to agree',
      "We'd like to explore syncing our HR software with Active Directory; it's a bigger project, so let's agree on a timeline",
      ['request', 4, 'informatique', 'request.p4.long_term'],
    ],
    [
      'a coloured line across a screen is no phone line',
      'mon écran a une ligne rose verticale à gauche, ça ne gêne pas vraiment le travail',
      ['incident', 4, 'informatique', 'incident.p4.other'],
    ],
    [
      'the whole network down at a place',
      "c'est l'entrepôt de Rungis, tout le réseau est tombé : les PC, les scanners, plus rien ne marche",
      ['incident', 1, 'informatique', 'incident.p1.site_down'],
    ],
    [
      'phones gone silent across a site',
      "les téléphones de toute l'agence sont muets depuis 9h, le boîtier du standard clignote",
      ['incident', 1, 'telecom', 'incident.p1.pbx_down'],
    ],
    [
      'a session expired is a symptom, not a password to reset',
      'my webmail keeps saying "session expired" every few minutes when I work from home',
      ['incident', 3, 'informatique', 'incident.p3.remote_access'],
    ],
    [
      'a line with a handset for a new room is a new phone',
      'il nous faudrait une ligne téléphonique supplémentaire avec un poste pour la nouvelle salle de réunion',
      ['request', 3, 'telecom', 'request.p3.new_phone'],
    ],
    [
      'a new laptop to join to the domain is no phone',
      'on a reçu un nouveau portable pour la stagiaire, il faut le joindre au domaine',
      ['request', 3, 'informatique', 'request.p3.domain_join'],
    ],
    [
      'mails that bounce are a fault',
      'every email I send to customers bounces back with "message rejected", internal mails go through, only my mailbox',
      ['incident', 3, 'informatique', 'incident.p3.email_single'],
    ],
    [
      'ads are no phone announcement',
      "le logiciel d'annonces plante sur mon portable dès que j'importe des photos, sur le PC de Yanis ça passe",
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'opening a branch is a project',
      'Nous ouvrons une agence à Tours en mars : internet, trois postes, une imprimante, il faudra tout prévoir. Pouvez-vous nous faire un planning ?',
      ['request', 4, 'informatique', 'request.p4.long_term'],
    ],
    [
      'what a planned visit is for besides is not the ticket',
      "le combiné DECT de l'atelier grésille un peu, rien d'urgent, regardez-le lors de votre passage prévu pour le remplacement du switch",
      ['incident', 4, 'telecom', 'incident.p4.other'],
    ],
    [
      'the means of a workaround in a clause of its own',
      'la webcam de mon portable affiche une image violette, pas urgent. Je fais mes visios avec le téléphone en attendant',
      ['incident', 4, 'informatique', 'incident.p4.no_rush'],
    ],
    [
      'a floor is no second thing',
      'le copieur du deuxième sort toutes les feuilles pliées et les scans à moitié noirs',
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'an after-hours setup is a PBX setting',
      'can you change the after-hours setup on the phone system so calls go to the on-call mobile?',
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      "one's own keyboard dead is no business stopped",
      "mon clavier et ma souris ne répondent plus du tout, j'ai changé les piles, impossible de travailler",
      ['incident', 4, 'informatique', 'incident.p4.other'],
    ],
    [
      'an intern who just finished is a leaver',
      'our intern Tom just finished, please remove his access to everything today',
      ['request', 2, 'informatique', 'request.p2.account_removal'],
    ],
    [
      'a handset made to ring on another is a PBX setting',
      "pouvez-vous faire sonner le poste de l'accueil sur le mien quand elle est en pause ?",
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      'a word one letter from a helpdesk word is not a typo of it',
      "quand je clique sur le bouton d'envoi, Outlook se ferme tout seul",
      ['incident', 3, 'informatique', 'incident.p3.email_single'],
    ],
    [
      'heating is no overheating',
      "bonjour c'est Dupont Chauffage, le PC de l'accueil ne démarre plus depuis ce matin",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'two letters swapped are a typo',
      "l'imprimnate du couloir ne fonctionne plus",
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'things said to work normally are not what fails',
      'The internet at the office has been very slow for two days, pages take ages to load; the ERP and the shared drives are working normally.',
      ['incident', 3, 'informatique', 'incident.p3.internet_slow'],
    ],
    [
      'handsets said extra are new ones',
      "il nous faudrait deux DECT en plus pour l'équipe de nuit, avec un numéro chacun",
      ['request', 3, 'telecom', 'request.p3.new_phone'],
    ],
    [
      'a later date in an urgent message is what it is needed for',
      "le dossier partagé Plannings ne s'ouvre plus sur mon poste, il contient les gardes de la semaine prochaine, merci de regarder rapidement",
      ['incident', 2, 'informatique', 'incident.p2.network_folder'],
    ],
    [
      'the management named far from any computer does not make it theirs',
      "Windows affiche « P:\\ n'est pas accessible » pour le dossier partagé Compta.\n\nMerci de regarder rapidement,\nPatrick Rousseau\nGérant – Ambulances Rousseau",
      ['incident', 2, 'informatique', 'incident.p2.network_folder'],
    ],
    [
      'Windows showing a message is no computer at fault',
      'Since this morning nobody can open the Quality shared folder on the NAS, Windows says the network path was not found; the other shares open fine.',
      ['incident', 2, 'informatique', 'incident.p2.network_folder'],
    ],
    [
      'a cause said last is context',
      'Outlook on my laptop asks for credentials in a loop since the MFA change yesterday',
      ['incident', 3, 'informatique', 'incident.p3.email_single'],
    ],
    [
      'a bug a new version fixes is the reason for the update',
      'could you upgrade Veeam to v12 on the backup server? the vendor says the new version fixes a bug we hit',
      ['request', 3, 'informatique', 'request.p3.software_update'],
    ],
    [
      'the name a handset shows is a PBX setting',
      "pouvez-vous changer le nom qui s'affiche sur le poste de l'accueil ? c'est maintenant Julie Martin",
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      'callers told the number is not assigned is a telephony outage',
      'plus aucun appel entrant sur nos lignes depuis 10h, les clients tombent sur "numéro non attribué"',
      ['incident', 1, 'telecom', 'incident.p1.pbx_down'],
    ],
    [
      'all the phones, not only mine',
      "we have no phones at all since ten, all the handsets say no service, it's the whole company, not only mine",
      ['incident', 1, 'telecom', 'incident.p1.pbx_down'],
    ],
    [
      'a business that cannot be called at all',
      'on a plus du tout de téléphone au magasin, ni le poste du comptoir ni le sans-fil, on est injoignables',
      ['incident', 1, 'telecom', 'incident.p1.pbx_down'],
    ],
    [
      'what one does on a computer is no department affected',
      "c'est la gérante : mon MacBook ne s'allume plus du tout, c'est dessus que je fais toute la compta",
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'the others around someone said fine',
      "le PC de Romain n'a plus de réseau depuis ce matin, les autres autour de lui ont internet et le serveur normalement",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'keys that only work when pressed hard',
      'a few keys on my laptop only work if I press really hard, not urgent, I plugged in a USB keyboard for now',
      ['incident', 4, 'informatique', 'incident.p4.no_rush'],
    ],
    [
      'a folder to be restored',
      "I deleted a folder on my H drive by mistake yesterday, I need it restored from last night's backup",
      ['request', 2, 'informatique', 'request.p2.restore'],
    ],
    [
      'a consultant joining next week',
      'one more consultant is joining from our partner next Monday, he will need a Windows account and an email address',
      ['request', 3, 'informatique', 'request.p3.new_account'],
    ],
    [
      'a handset put in a call group',
      "sur le standard, pourriez-vous ajouter le poste de Yanis dans le groupe d'appel Gérance ?",
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      'a database migrated with an update is no project',
      "L'éditeur a publié la nouvelle version 8.4, pourriez-vous l'installer sur nos postes ? La base doit être migrée, idéalement un soir.",
      ['request', 3, 'informatique', 'request.p3.software_update'],
    ],
    [
      'cameras to isolate on a network of their own',
      'nous souhaitons que les caméras du parking soient isolées sur un réseau à part sur le pare-feu, pouvez-vous faire ce paramétrage ?',
      ['request', 3, 'informatique', 'request.p3.network_security'],
    ],
    [
      'a change asked in the subjunctive',
      "je voudrais qu'on installe l'imprimante du 2e sur mon poste",
      ['request', 3, 'informatique', 'request.p3.printer_install'],
    ],
    [
      'a network disk is a network folder',
      "le disque réseau commun n'apparaît plus sur mon poste depuis ce matin",
      ['incident', 2, 'informatique', 'incident.p2.network_folder'],
    ],
    [
      'accounting is no account',
      "le nouveau copieur Kyocera est livré et branché pour la compta, pourriez-vous l'installer sur les quatre postes du bureau ?",
      ['request', 3, 'informatique', 'request.p3.printer_install'],
    ],
    [
      'a password typed wrong too often, to reset',
      'hi, calling from the Lyon office, our new starter typed her password wrong too many times and is locked out, could you reset it for her?',
      ['request', 2, 'informatique', 'request.p2.password_reset'],
    ],
    [
      'a temp whose assignment ended is a leaver',
      'Kevin, intérimaire, a terminé sa mission vendredi : merci de supprimer son compte Windows et son accès VPN',
      ['request', 2, 'informatique', 'request.p2.account_removal'],
    ],
    [
      'a number not assigned is a state, not a thing set aside',
      "au bureau le téléphone ne marche plus du tout, les deux postes n'affichent rien et les clients entendent que le numéro n'est pas attribué, le standard doit être tombé",
      ['incident', 1, 'telecom', 'incident.p1.pbx_down'],
    ],
    [
      'an e-mail forwarded is no call forwarding',
      "Could you install Acrobat Pro on our accountant's PC? We bought a licence, I'll forward you the e-mail with the details.",
      ['request', 3, 'informatique', 'request.p3.software_install'],
    ],
    [
      'white lines across plots',
      'the plotter prints all the plans with thin white lines every few cm, did the head cleaning from the menu twice, no change',
      ['incident', 3, 'informatique', 'incident.p3.printer'],
    ],
    [
      'a means said in the negative just before is no workaround',
      "My laptop will not boot this morning, it restarts over and over, and I don't have another machine I can use. I'm the general manager.",
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'a move said in the passive',
      'Julien aimerait que mon poste soit déplacé près de la fenêtre, rien ne presse',
      ['request', 4, 'informatique', 'request.p4.minor_change'],
    ],
    [
      'what was tried to find the fault is no change asked',
      'The front-desk PC lost its network connection this morning. I swapped the cable and tried another socket on the switch, same result, my own laptop gets an address on that cable.',
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'a repair already tried is no installation',
      "Depuis la mise à jour de Windows hier soir, EBP plante à l'ouverture sur le PC de Lucie. J'ai déjà essayé de réinstaller EBP depuis le panneau de configuration, rien à faire.",
      ['incident', 3, 'informatique', 'incident.p3.local_app'],
    ],
    [
      'a closing of any words before a signature',
      "Bonjour,\n\nle PC de l'accueil ne s'allume plus depuis ce matin.\n\nBises,\nMarine\nAssistante du directeur",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      "the writer's role in a signature is no manager's computer",
      "Hi,\n\nThe goods-in PC won't boot, it beeps three times.\n\nShot,\nThabo Nkosi\nIT Manager\nKaroo Freight France",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'a network folder everyone lost is still the folder, not the site down',
      "Bonjour, depuis ce matin plus personne au cabinet n'arrive à ouvrir le lecteur S: (\\\\SRV01\\Dossiers), Windows dit « emplacement non disponible » sur tous les postes. Le logiciel de compta et internet marchent.",
      ['incident', 2, 'informatique', 'incident.p2.network_folder'],
    ],
    [
      'a server named before the folders it holds is the server',
      'the Synology is unreachable since the power cut, none of us can open the shared drives',
      ['incident', 1, 'informatique', 'incident.p1.server_down'],
    ],
    [
      "a phone's own code forgotten is a password to reset, in telephony",
      "bonjour c'est pour ma collègue Inès, elle se souvient plus de son code de messagerie vocale, elle a essayé plusieurs fois et c'est bloqué maintenant",
      ['request', 2, 'telecom', 'request.p2.password_reset'],
    ],
    [
      'a setting wanted without something is no outage',
      "pour le pont de l'Ascension on voudrait que le standard bascule sur l'annonce de fermeture, sans la musique d'attente, et revienne à la normale le lundi",
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      'a handset taken to another room is a move',
      "je change de bureau la semaine prochaine, mon téléphone fixe il faudrait le descendre au rez-de-chaussée avec moi, rien d'urgent",
      ['request', 4, 'telecom', 'request.p4.minor_change'],
    ],
    [
      'a desktop moved with its cabling',
      "Could you move Tom's desktop and both screens to room 3.12 and patch the wall point there? His desk phone goes with him, same extension. Any day next week.",
      ['request', 4, 'informatique', 'request.p4.minor_change'],
    ],
    [
      'a desktop computer called "poste fixe" gets software',
      'Pourriez-vous installer sur le poste fixe de Karim de quoi lire les fichiers STEP que nos clients envoient ? La visionneuse gratuite suffit.',
      ['request', 3, 'informatique', 'request.p3.software_install'],
    ],
    [
      'plans sent on are no call forwarding',
      'Sonia doit ouvrir les plans PDF des architectes et les renvoyer aux équipes, pourriez-vous lui installer Acrobat Pro sur son PC ?',
      ['request', 3, 'informatique', 'request.p3.software_install'],
    ],
    [
      'calls arriving are no newcomer',
      "À partir du 1er, les appels arrivant sur le standard après 18h doivent basculer sur le portable d'astreinte au lieu du répondeur, merci.",
      ['request', 2, 'telecom', 'request.p2.pbx_config'],
    ],
    [
      'a handset needed in a new room is a new phone',
      "On ouvre un bureau au fond de l'entrepôt pour le magasinier, il lui faudrait un poste fixe là-bas, relié au standard pour qu'on puisse lui passer les appels.",
      ['request', 3, 'telecom', 'request.p3.new_phone'],
    ],
    [
      'nobody, the writer and colleagues named, without mail: the mail server',
      'bonjour euh on a plus aucun mail qui arrive depuis midi personne ni moi ni julie ni marc et les clients disent que ca leur revient',
      ['incident', 2, 'informatique', 'incident.p2.mail_server'],
    ],
    [
      'the phone one talks on is no handset',
      'hello, as I said on the phone this morning, could you change our internet line to the faster fibre offer? The contract is signed.',
      ['request', 3, 'informatique', 'request.p3.internet_change'],
    ],
    [
      'numbers ported to a new carrier take weeks',
      'Our phone lines are going to a new carrier: the number porting takes about a month once the forms are in. Can we plan the cutover date together?',
      ['request', 4, 'telecom', 'request.p4.long_term'],
    ],
    [
      'a means tried with the same result is no workaround',
      "Depuis hier je n'arrive plus à me connecter au VPN, il coupe au bout de 10 secondes. J'ai essayé depuis la 4G de mon téléphone et depuis le wifi de la maison, même résultat.",
      ['incident', 3, 'informatique', 'incident.p3.remote_access'],
    ],
    [
      'a webmail that loops at login is no password forgotten',
      'le webmail me renvoie en boucle sur la page de connexion quand je mets mon identifiant et mon mot de passe, sur le téléphone pareil',
      ['incident', 3, 'informatique', 'incident.p3.remote_access'],
    ],
    [
      "a newcomer's account said to be theirs exists: the access is the request",
      "Bonjour, Léo notre alternant aurait besoin d'un accès en lecture au dossier Devis sur le NAS, son compte c'est leo.m",
      ['request', 2, 'informatique', 'request.p2.access_rights'],
    ],
    [
      'the other computers said to be ok leave the writer alone',
      "mon PC n'a plus de réseau depuis ce midi et je ne vois plus le NAS, les autres postes sont ok",
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
    [
      'a voicemail code no longer had, to be given again',
      "j'ai plus le code de ma messagerie vocale sur mon poste fixe, ça dit que c'est bloqué, vous pouvez me remettre un code ?",
      ['request', 2, 'telecom', 'request.p2.password_reset'],
    ],
    [
      'the other client of a visit is no new thing',
      "Le NAS fait un bruit de ventilateur depuis une semaine, tout marche normalement. Votre technicien passe dans deux semaines pour l'autre client du coin, ça nous va, pas besoin de venir avant.",
      ['incident', 4, 'informatique', 'incident.p4.other'],
    ],
    [
      'a computer to integrate into the network is a domain join',
      "Le PC de notre nouvelle assistante est arrivé, pourriez-vous l'intégrer au réseau comme les autres postes ? Son compte est déjà créé.",
      ['request', 3, 'informatique', 'request.p3.domain_join'],
    ],
    [
      'the message a device shows is no group of machines',
      "Ma webcam n'est plus reconnue dans Teams, « Aucune caméra détectée », je passe par mon téléphone pour les visios en attendant.",
      ['incident', 4, 'informatique', 'incident.p4.other'],
    ],
    [
      "a computer named by its user's title is the management's",
      'bonjour, le portable de Mme Garnier ne démarre plus, écran noir, elle a un rendez-vous client à 15h avec tout dessus',
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'the management said of someone named before',
      "Le PC de Sophie ne s'allume plus du tout depuis ce matin, pas de voyant, on a vérifié la prise et l'écran s'allume. Elle doit valider les paies cet après-midi, c'est notre directrice administrative.",
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      'the telephone as software on a computer is a local application, in telephony',
      'depuis la mise à jour le softphone sur mon PC reste « non connecté » et je ne reçois plus les appels, le téléphone des collègues sonne normalement',
      ['incident', 3, 'telecom', 'incident.p3.softphone'],
    ],
    [
      'what is due sooner than a later date is no date that can wait',
      "Nobody can open the shared Rotas folder (the R: drive) since this morning, and next week's rotas have to be published by tomorrow.",
      ['incident', 2, 'informatique', 'incident.p2.network_folder'],
    ],
    [
      'managing is no management',
      "Hi, Priya's laptop keeps freezing every few minutes since this morning, she's managing on the spare one but it's a pain. Could someone look at it today?",
      ['incident', 4, 'informatique', 'incident.p4.workaround'],
    ],
    [
      'the phone one calls from is no handset that fails',
      'bonjour je vous appelle de mon portable parce que les téléphones du cabinet marchent plus du tout, les patients tombent sur un message numéro indisponible',
      ['incident', 1, 'telecom', 'incident.p1.business_impact'],
    ],
    [
      'a handheld scanner set aside for a spare',
      "one of our rf guns has a sticking trigger, we're using a spare off the rack so we're alright for now, a repair when you can",
      ['incident', 4, 'informatique', 'incident.p4.other'],
    ],
    [
      "the writer's own computer, signed by a member of the management",
      'Bonjour,\n\nMon portable ne démarre plus depuis ce matin, écran noir après le logo.\n\nCordialement,\nPhilippe Garnier\nDirecteur général\nGarnier & Associés',
      ['incident', 2, 'informatique', 'incident.p2.management_computer'],
    ],
    [
      "someone else's computer, signed by a member of the management, is theirs",
      'Bonjour,\n\nLe PC de Nadia ne démarre plus depuis ce matin, écran noir après le logo.\n\nCordialement,\nPhilippe Garnier\nDirecteur général\nGarnier & Associés',
      ['incident', 3, 'informatique', 'incident.p3.computer'],
    ],
  ];
  it.each(cases)('%s: %s', (_kind, text, expected) => {
    expectClassified(classifier.classify(text), expected);
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
    ...readUtterances(resolve(fixtures, 'personas2-tuning.jsonl')),
    ...readUtterances(resolve(fixtures, 'personas3-tuning.jsonl')),
    ...readUtterances(resolve(fixtures, 'personas4-tuning.jsonl')),
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
