import type { Language } from '../domain.js';

/**
 * Every sentence Guichet says, in French and in English, from this one place. French is the
 * default; English is used when the person writes English. The wording follows what a good
 * helpdesk agent says on the phone (phone procedure, 004): short, polite, one question at a time.
 */

/** What the announcement of a new ticket says (item 3 of the intake). */
export interface Announcement {
  number: string;
  type: 'incident' | 'request';
  priorityLabel: string;
  reason: string;
  queue: string;
  contract: boolean;
  firstResponse: string | null;
  resolution: string | null;
  businessHours: string;
  escalationLabel: string;
  escalationAt: string | null;
  critique: boolean;
  triggerLabel: string;
  appointment: string | null;
}

/** The lines of the summary shown before the ticket is opened. */
export interface Summary {
  type: 'incident' | 'request';
  priorityLabel: string;
  reason: string;
  domain: 'informatique' | 'telecom';
  queue: string;
  account: string;
  contract: boolean;
  known: boolean;
  contact: string;
  title: string;
  appointment: string | null;
}

/** A ticket as the status answer describes it. */
export interface StatusLine {
  number: string;
  title: string;
  status: string;
  priorityLabel: string;
  firstResponse: string | null;
  resolution: string | null;
  responded: boolean;
}

const fr = {
  greeting: (name: string | null, company: string) =>
    `Bonjour${name ? ` ${name}` : ''}, ici Guichet, l'assistant du support ${company}. Que se passe-t-il ? Décrivez-moi le problème ou votre demande, avec vos mots.`,
  greetBack: (name: string | null) =>
    `Bonjour${name ? ` ${name}` : ''} ! Que se passe-t-il ? Décrivez-moi le problème ou votre demande.`,
  askDescription: () => 'Décrivez-moi le problème ou votre demande en quelques mots.',
  resume: () => 'Reprenons là où nous en étions.',
  empty: () => "Je n'ai rien reçu.",
  notHeard: () => "Pardon, je n'ai pas bien entendu.",
  nonsense: () =>
    "Pardon, je n'ai pas compris votre message. Pouvez-vous me décrire ce qui se passe, par exemple « l'imprimante n'imprime plus » ou « j'ai besoin d'un nouveau compte » ?",
  notUnderstood: () => "Pardon, je n'ai pas bien compris.",
  tellMore: () =>
    "Pouvez-vous m'en dire un peu plus ? Décrivez-moi ce qui se passe, par exemple « l'imprimante du 2e étage n'imprime plus » ou « j'ai besoin d'un accès au dossier Compta ».",
  longMessage: (kept: number) =>
    `Votre message est très long : je garde les ${kept} premiers caractères dans le ticket, le technicien vous recontactera pour le détail.`,
  askCompany: () => 'Pour quelle entreprise travaillez-vous ?',
  confirmCompany: (name: string) => `Vous voulez dire ${name} ?`,
  companyRetry: () => "D'accord. Pouvez-vous me redonner le nom exact de l'entreprise ?",
  companyUnknown: (name: string) =>
    `Je ne trouve pas « ${name} » parmi nos clients. Je note le nom tel quel : le ticket sera ouvert sans contrat de maintenance.`,
  askContact: () => 'À quel nom dois-je ouvrir le ticket ?',
  askDomain: () => "Est-ce un problème d'informatique ou de téléphonie ?",
  proposeTitle: (title: string) => `Je propose ce titre pour le ticket : « ${title} ». Il vous convient ?`,
  askTitle: () => 'Quel titre voulez-vous donner au ticket, en quelques mots ?',
  askScope: () => 'Qui est bloqué ?',
  askWorkaround: () =>
    'Avez-vous un moyen de continuer à travailler en attendant (un autre poste, une autre imprimante…) ?',
  askUrgency: () => 'Est-ce urgent pour vous ?',
  askType: () =>
    "Est-ce quelque chose qui ne fonctionne plus, ou une demande (installation, création d'accès, changement…) ?",
  askDate: () =>
    "Pour une demande de ce type, nous fixons une date d'intervention avec vous. Quand cela vous arrangerait-il ? Par exemple « mardi prochain » ou « le 3 décembre à 14 h ».",
  dateNotUnderstood: () => "Je n'ai pas reconnu de date. Pouvez-vous me la redonner, par exemple « jeudi 10 h » ?",
  datePast: (date: string) => `Le ${date}, c'est déjà passé. Quelle date à venir vous conviendrait ?`,
  dateClosed: (date: string, hours: string) =>
    `Le ${date}, le support est fermé : nous intervenons ${hours}, hors jours fériés. Quelle autre date vous conviendrait ?`,
  dateNoted: (date: string) => `C'est noté pour le ${date}.`,
  summary: (s: Summary) =>
    [
      'Je récapitule :',
      `• Type : ${s.type === 'incident' ? 'incident' : 'demande de service'}`,
      `• Priorité : ${s.priorityLabel}`,
      `  Pourquoi : ${s.reason}`,
      `• Domaine : ${s.domain === 'telecom' ? 'télécom' : 'informatique'}, file ${s.queue}`,
      `• Entreprise : ${s.account}${s.contract ? ' (sous contrat)' : s.known ? ' (sans contrat de maintenance)' : ' (inconnue de nos fichiers, sans contrat)'}`,
      `• Contact : ${s.contact}`,
      `• Titre : ${s.title}`,
      ...(s.appointment ? [`• Intervention souhaitée : le ${s.appointment}`] : []),
      "J'ouvre le ticket ?",
    ].join('\n'),
  askChange: () => 'Que voulez-vous modifier ?',
  ticketOpened: (a: Announcement) =>
    [
      `C'est enregistré : votre ticket est le ${a.number} (${a.type === 'incident' ? 'incident' : 'demande de service'}, priorité ${a.priorityLabel.toLowerCase()}).`,
      `Pourquoi cette priorité : ${a.reason}`,
      `Il est dans la file ${a.queue}.`,
      ...(a.critique && a.contract
        ? [
            `C'est une urgence : les techniciens d'astreinte sont alertés. Pour les joindre tout de suite : ${a.triggerLabel}.`,
          ]
        : []),
      ...(a.contract && a.firstResponse && a.resolution
        ? [
            `Un technicien vous répondra au plus tard le ${a.firstResponse}, et la résolution est prévue au plus tard le ${a.resolution}.`,
            `Ces délais se comptent en heures ouvrées : ${a.businessHours}, hors jours fériés.`,
          ]
        : [
            `Votre entreprise n'a pas de contrat de maintenance : aucun délai garanti (SLA) ne s'applique, nous traiterons votre demande dès que possible. Pour nous joindre : ${a.triggerLabel}.`,
          ]),
      ...(a.appointment ? [`L'intervention est prévue le ${a.appointment}.`] : []),
      a.contract && a.escalationAt
        ? `Si rien n'a bougé d'ici le ${a.escalationAt}, vous pourrez demander une escalade : ${a.escalationLabel}.`
        : `Pour une escalade : ${a.escalationLabel}.`,
      'Gardez bien ce numéro de ticket, il vous sera demandé.',
    ].join('\n'),
  alreadyOpened: (number: string) => `Votre ticket ${number} est déjà ouvert : je ne le crée pas une deuxième fois.`,
  saveFailed: () =>
    "Désolé, un problème technique m'empêche d'enregistrer le ticket. Rien n'est perdu : vos réponses sont gardées. Voulez-vous réessayer ?",
  cancelled: () =>
    "C'est annulé, je n'ai rien enregistré. Si besoin, décrivez-moi un nouveau problème quand vous voulez.",
  restarted: () => "D'accord, on reprend depuis le début.",
  help: () =>
    [
      "Je prends votre demande et j'ouvre un ticket au support. Je vous pose quelques questions, puis je vous donne le numéro du ticket et les délais.",
      'À tout moment, vous pouvez écrire :',
      '• « annuler » pour tout arrêter, « recommencer » pour reprendre depuis le début ;',
      '• « où en est T20261122.0004 » pour suivre un ticket, « mes tickets » pour voir les vôtres ;',
      '• « escalader le ticket T20261122.0004 » pour demander une escalade ;',
      '• « parler à un technicien ».',
    ].join('\n'),
  status: (s: StatusLine) =>
    [
      `Le ticket ${s.number} « ${s.title} » est ${s.status}, priorité ${s.priorityLabel.toLowerCase()}.`,
      ...(s.responded || !s.firstResponse ? [] : [`Première réponse attendue au plus tard le ${s.firstResponse}.`]),
      ...(s.resolution ? [`Résolution prévue au plus tard le ${s.resolution}.`] : []),
    ].join('\n'),
  statusNotFound: (number: string, phone: string) =>
    `Je ne trouve pas de ticket ${number} à votre nom. Vérifiez le numéro : il commence par T, suivi de la date et d'un numéro, par exemple T20261122.0004. Pour un ticket ouvert par quelqu'un d'autre, appelez le support au ${phone}.`,
  myTickets: (count: number) => (count === 1 ? 'Voici votre ticket :' : `Voici vos ${count} derniers tickets :`),
  noTickets: () => "Je ne trouve aucun ticket à votre nom. Décrivez-moi le problème et j'en ouvre un.",
  askTicketNumber: () => 'Quel est le numéro du ticket ? Il commence par T, par exemple T20261122.0004.',
  escalatedReached: (number: string, label: string) =>
    `J'ai enregistré votre demande d'escalade du ticket ${number}. Le délai de prise en charge est dépassé : l'escalade est justifiée dès maintenant. Pour la faire aboutir : ${label}.`,
  escalatedEarly: (number: string, at: string, label: string) =>
    `J'ai noté votre demande d'escalade du ticket ${number}. Le délai de prise en charge court encore : l'escalade sera possible à partir du ${at}. À ce moment-là : ${label}.`,
  escalatedNoContract: (number: string, label: string) =>
    `J'ai noté votre demande d'escalade du ticket ${number}. Sans contrat de maintenance, il n'y a pas de délai garanti : ${label}.`,
  technician: (phone: string, number: string | null) =>
    `Je préviens un technicien${number ? ` pour le ticket ${number}` : ''}, il vous recontactera. Si c'est pressé, vous pouvez aussi appeler le support au ${phone}.`,
  technicalError: (phone: string) =>
    `Désolé, un problème technique m'empêche de vous répondre. Réessayez dans un instant, ou appelez le support au ${phone}.`,
  anythingElse: () =>
    'Puis-je faire autre chose pour vous ? Décrivez-moi un autre problème, ou écrivez « mes tickets ».',
  thenContinue: () => 'Pour reprendre votre demande :',
  labels: {
    yes: 'Oui',
    no: 'Non',
    urgentYes: "Oui, c'est urgent",
    urgentNo: 'Non, cela peut attendre',
    informatique: 'Informatique',
    telecom: 'Télécom (téléphonie)',
    titleAccept: 'Oui, ce titre convient',
    titleOther: "J'écris un autre titre",
    scopeOne: 'Moi seul(e)',
    scopeTeam: 'Une équipe ou un service',
    scopeSite: "Tout le site ou toute l'entreprise",
    typeIncident: 'Quelque chose ne marche plus',
    typeRequest: 'Une demande',
    confirm: 'Oui, ouvrir le ticket',
    change: 'Modifier une information',
    cancel: 'Annuler',
    retry: 'Réessayer',
    fieldCompany: 'Entreprise',
    fieldContact: 'Contact',
    fieldDomain: 'Domaine',
    fieldTitle: 'Titre',
    fieldDescription: 'Description',
    fieldType: 'Incident ou demande',
    fieldImpact: 'Qui est bloqué',
    fieldDate: "Date d'intervention",
  },
  statuses: {
    draft: 'en brouillon',
    new: 'nouveau',
    assigned: 'assigné à un technicien',
    in_progress: 'en cours de traitement',
    waiting_customer: 'en attente de votre retour',
    resolved: 'résolu',
    closed: 'clos',
  },
  typeLabels: { incident: 'Incident', request: 'Demande de service' },
  domainLabels: { informatique: 'Informatique', telecom: 'Télécom' },
  noSla: 'Sans contrat de maintenance : aucun délai garanti',
  escalationFrom: (label: string, at: string | null) => (at ? `${label}, à partir du ${at}` : label),
};

/** The catalogue's shape: both languages say the same things. */
export type Messages = typeof fr;

const en: Messages = {
  greeting: (name, company) =>
    `Hello${name ? ` ${name}` : ''}, this is Guichet, the ${company} support assistant. What is happening? Tell me about the problem or your request in your own words.`,
  greetBack: (name) => `Hello${name ? ` ${name}` : ''}! What is happening? Tell me about the problem or your request.`,
  askDescription: () => 'Tell me about the problem or your request in a few words.',
  resume: () => 'Let us carry on where we left off.',
  empty: () => 'I did not receive anything.',
  notHeard: () => 'Sorry, I did not hear you well.',
  nonsense: () =>
    'Sorry, I did not understand your message. Could you tell me what is happening, for example "the printer does not print" or "I need a new account"?',
  notUnderstood: () => 'Sorry, I did not quite understand.',
  tellMore: () =>
    'Could you tell me a little more? Describe what is happening, for example "the printer on the 2nd floor does not print" or "I need access to the Accounting folder".',
  longMessage: (kept) =>
    `Your message is very long: I keep its first ${kept} characters in the ticket, and the technician will contact you for the details.`,
  askCompany: () => 'Which company do you work for?',
  confirmCompany: (name) => `Do you mean ${name}?`,
  companyRetry: () => 'All right. Could you give me the exact name of the company again?',
  companyUnknown: (name) =>
    `I cannot find "${name}" among our customers. I am noting the name as it is: the ticket will be opened without a maintenance contract.`,
  askContact: () => 'Under what name should I open the ticket?',
  askDomain: () => 'Is it an IT problem or a telephony problem?',
  proposeTitle: (title) => `I suggest this title for the ticket: "${title}". Is that all right?`,
  askTitle: () => 'What title would you like for the ticket, in a few words?',
  askScope: () => 'Who is blocked?',
  askWorkaround: () => 'Can you keep working in the meantime (another computer, another printer…)?',
  askUrgency: () => 'Is it urgent for you?',
  askType: () => 'Is something no longer working, or is it a request (installation, access, change…)?',
  askDate: () =>
    'For this kind of request we agree on a date with you. When would suit you? For example "next Tuesday" or "3 December at 2 pm".',
  dateNotUnderstood: () => 'I did not recognise a date. Could you give it again, for example "Thursday 10 am"?',
  datePast: (date) => `${date} has already passed. Which date to come would suit you?`,
  dateClosed: (date, hours) =>
    `The support is closed on ${date}: we work ${hours}, except public holidays. Which other date would suit you?`,
  dateNoted: (date) => `Noted for ${date}.`,
  summary: (s) =>
    [
      'Here is a summary:',
      `• Type: ${s.type === 'incident' ? 'incident' : 'service request'}`,
      `• Priority: ${s.priorityLabel}`,
      `  Why: ${s.reason}`,
      `• Domain: ${s.domain === 'telecom' ? 'telecom' : 'IT'}, queue ${s.queue}`,
      `• Company: ${s.account}${s.contract ? ' (under contract)' : s.known ? ' (no maintenance contract)' : ' (not in our records, no contract)'}`,
      `• Contact: ${s.contact}`,
      `• Title: ${s.title}`,
      ...(s.appointment ? [`• Requested date: ${s.appointment}`] : []),
      'Shall I open the ticket?',
    ].join('\n'),
  askChange: () => 'What would you like to change?',
  ticketOpened: (a) =>
    [
      `Done: your ticket number is ${a.number} (${a.type === 'incident' ? 'incident' : 'service request'}, ${a.priorityLabel.toLowerCase()} priority).`,
      `Why this priority: ${a.reason}`,
      `It is in the ${a.queue} queue.`,
      ...(a.critique && a.contract
        ? [
            `This is an emergency: the on-call technicians have been alerted. To reach them right now: ${a.triggerLabel}.`,
          ]
        : []),
      ...(a.contract && a.firstResponse && a.resolution
        ? [
            `A technician will answer you by ${a.firstResponse} at the latest, and the resolution is due by ${a.resolution} at the latest.`,
            `These times count business hours: ${a.businessHours}, except public holidays.`,
          ]
        : [
            `Your company has no maintenance contract: no guaranteed times (SLA) apply, and we will handle your request as soon as we can. To reach us: ${a.triggerLabel}.`,
          ]),
      ...(a.appointment ? [`The intervention is planned for ${a.appointment}.`] : []),
      a.contract && a.escalationAt
        ? `If nothing has happened by ${a.escalationAt}, you can ask for an escalation: ${a.escalationLabel}.`
        : `To escalate: ${a.escalationLabel}.`,
      'Please keep this ticket number, you will be asked for it.',
    ].join('\n'),
  alreadyOpened: (number) => `Your ticket ${number} is already open: I am not creating it a second time.`,
  saveFailed: () =>
    'Sorry, a technical problem prevents me from saving the ticket. Nothing is lost: your answers are kept. Would you like to try again?',
  cancelled: () => 'Cancelled, nothing was recorded. If you need anything, describe a new problem whenever you like.',
  restarted: () => 'All right, let us start again from the beginning.',
  help: () =>
    [
      'I take your request and open a ticket with the support team. I ask a few questions, then give you the ticket number and the deadlines.',
      'At any time you can write:',
      '• "cancel" to stop everything, "start over" to begin again;',
      '• "status of T20261122.0004" to follow a ticket, "my tickets" to see yours;',
      '• "escalate ticket T20261122.0004" to ask for an escalation;',
      '• "talk to a technician".',
    ].join('\n'),
  status: (s) =>
    [
      `Ticket ${s.number} "${s.title}" is ${s.status}, ${s.priorityLabel.toLowerCase()} priority.`,
      ...(s.responded || !s.firstResponse ? [] : [`First response due by ${s.firstResponse} at the latest.`]),
      ...(s.resolution ? [`Resolution due by ${s.resolution} at the latest.`] : []),
    ].join('\n'),
  statusNotFound: (number, phone) =>
    `I cannot find ticket ${number} in your name. Please check the number: it starts with T, then the date and a number, for example T20261122.0004. For a ticket opened by someone else, please call the support line on ${phone}.`,
  myTickets: (count) => (count === 1 ? 'Here is your ticket:' : `Here are your last ${count} tickets:`),
  noTickets: () => 'I cannot find any ticket in your name. Describe the problem and I will open one.',
  askTicketNumber: () => 'What is the ticket number? It starts with T, for example T20261122.0004.',
  escalatedReached: (number, label) =>
    `I have recorded your escalation request for ticket ${number}. The take-charge time has passed: the escalation is justified right now. To follow it up: ${label}.`,
  escalatedEarly: (number, at, label) =>
    `I have noted your escalation request for ticket ${number}. The take-charge time is still running: an escalation becomes possible from ${at}. At that point: ${label}.`,
  escalatedNoContract: (number, label) =>
    `I have noted your escalation request for ticket ${number}. Without a maintenance contract there are no guaranteed times: ${label}.`,
  technician: (phone, number) =>
    `I am letting a technician know${number ? ` about ticket ${number}` : ''}; they will contact you. If it is pressing, you can also call the support line on ${phone}.`,
  technicalError: (phone) =>
    `Sorry, a technical problem prevents me from answering. Please try again in a moment, or call the support line on ${phone}.`,
  anythingElse: () => 'Can I do anything else for you? Describe another problem, or write "my tickets".',
  thenContinue: () => 'To carry on with your request:',
  labels: {
    yes: 'Yes',
    no: 'No',
    urgentYes: 'Yes, it is urgent',
    urgentNo: 'No, it can wait',
    informatique: 'IT (computers)',
    telecom: 'Telecom (telephony)',
    titleAccept: 'Yes, that title is fine',
    titleOther: 'I will write another title',
    scopeOne: 'Only me',
    scopeTeam: 'A team or a department',
    scopeSite: 'The whole site or company',
    typeIncident: 'Something no longer works',
    typeRequest: 'A request',
    confirm: 'Yes, open the ticket',
    change: 'Change something',
    cancel: 'Cancel',
    retry: 'Try again',
    fieldCompany: 'Company',
    fieldContact: 'Contact',
    fieldDomain: 'Domain',
    fieldTitle: 'Title',
    fieldDescription: 'Description',
    fieldType: 'Incident or request',
    fieldImpact: 'Who is blocked',
    fieldDate: 'Intervention date',
  },
  statuses: {
    draft: 'a draft',
    new: 'new',
    assigned: 'assigned to a technician',
    in_progress: 'in progress',
    waiting_customer: 'waiting for your answer',
    resolved: 'resolved',
    closed: 'closed',
  },
  typeLabels: { incident: 'Incident', request: 'Service request' },
  domainLabels: { informatique: 'IT', telecom: 'Telecom' },
  noSla: 'No maintenance contract: no guaranteed times',
  escalationFrom: (label, at) => (at ? `${label}, from ${at}` : label),
};

const catalogues: Record<Language, Messages> = { fr, en };

/** The sentences of one language. */
export function messages(language: Language): Messages {
  return catalogues[language];
}

// --- What the person is told when a technician acts on their ticket ----------------------------
// (src/tickets/technician-actions.ts), in the ticket's language. Kept as a block of its own.

/** The sentences that tell a person what a technician did on their ticket. */
export interface TechnicianActionMessages {
  taken: (technician: string, number: string) => string;
  replied: (technician: string, number: string, text: string) => string;
  escalated: (number: string, level: number) => string;
  waiting: (technician: string, number: string, text: string | null) => string;
  resolved: (technician: string, number: string, note: string) => string;
  reopened: (technician: string, number: string) => string;
}

const technicianActionsFr: TechnicianActionMessages = {
  taken: (technician, number) =>
    `${technician}, technicien du support, a pris en charge votre ticket ${number}. Il revient vers vous au plus vite.`,
  replied: (technician, number, text) => `Message de ${technician} au sujet de votre ticket ${number} :\n${text}`,
  escalated: (number, level) =>
    `Votre ticket ${number} est confié au niveau ${level} du support, qui reprend la suite. Vous n'avez rien à refaire.`,
  waiting: (technician, number, text) =>
    `${technician} attend une réponse de votre part pour avancer sur le ticket ${number}${text ? ` :\n${text}` : '.'}`,
  resolved: (technician, number, note) =>
    `${technician} a résolu votre ticket ${number} :\n${note}\nSi le problème persiste, répondez-nous en rappelant ce numéro et nous le rouvrirons.`,
  reopened: (technician, number) => `${technician} a rouvert votre ticket ${number} ; le support reprend le dossier.`,
};

const technicianActionsEn: TechnicianActionMessages = {
  taken: (technician, number) =>
    `${technician}, a support technician, has taken charge of your ticket ${number} and will get back to you shortly.`,
  replied: (technician, number, text) => `Message from ${technician} about your ticket ${number}:\n${text}`,
  escalated: (number, level) =>
    `Your ticket ${number} has been passed to level ${level} of the support team, who take it from here. You have nothing to do again.`,
  waiting: (technician, number, text) =>
    `${technician} needs an answer from you to move on with ticket ${number}${text ? `:\n${text}` : '.'}`,
  resolved: (technician, number, note) =>
    `${technician} has resolved your ticket ${number}:\n${note}\nIf the problem persists, reply quoting this number and we will reopen it.`,
  reopened: (technician, number) => `${technician} has reopened your ticket ${number}; the support team is back on it.`,
};

/** What a person is told when a technician acts on their ticket, in their language. */
export function technicianActionMessages(language: Language): TechnicianActionMessages {
  return language === 'en' ? technicianActionsEn : technicianActionsFr;
}

// ─── Slack ──────────────────────────────────────────────────────────────────────────────────────
// What the Slack channel shows besides the dialog's own sentences: the clicked button's answer,
// the ticket card's field names, the App Home tab and the modal to describe a problem.

const slackFr = {
  chosen: (label: string) => `✅ ${label}`,
  alreadyUsed: () =>
    'Ce bouton a déjà servi : votre réponse a été prise en compte. Répondez à la dernière question de la conversation.',
  openingDm: () => 'Je vous écris en message privé.',
  dmFailed: (phone: string) =>
    `Je n'arrive pas à vous écrire en message privé pour le moment. Réessayez dans un instant, ou appelez le support au ${phone}.`,
  deliveryFailed: (phone: string) =>
    `Désolé, Slack a refusé ma réponse. Réessayez dans un instant, ou appelez le support au ${phone}.`,
  card: {
    ticket: (number: string) => `Ticket ${number}`,
    type: 'Type',
    priority: 'Priorité',
    reason: 'Pourquoi cette priorité',
    queue: 'File',
    status: 'Statut',
    firstResponse: 'Première réponse au plus tard',
    resolution: 'Résolution au plus tard',
    escalation: 'Escalade',
  },
  home: {
    title: 'Vos tickets ouverts',
    intro: (company: string) => `Guichet ouvre vos tickets au support ${company} et vous dit où ils en sont.`,
    none: "Vous n'avez aucun ticket ouvert.",
    unknown:
      'Je ne retrouve pas votre compte Slack dans nos fichiers clients : écrivez-moi en message privé, je vous demanderai votre entreprise et votre nom.',
    newProblem: 'Signaler un nouveau problème',
    ticketLine: (number: string, title: string) => `*${number}* : ${title}`,
    details: (status: string, priority: string) => `${status}, priorité ${priority.toLowerCase()}`,
  },
  modal: {
    title: 'Nouveau problème',
    label: 'Décrivez le problème ou votre demande',
    hint: 'Avec vos mots : ce qui ne marche pas, depuis quand, qui est bloqué.',
    submit: 'Envoyer',
    close: 'Annuler',
  },
};

/** The Slack channel's words: both languages say the same things. */
export type SlackMessages = typeof slackFr;

const slackEn: SlackMessages = {
  chosen: (label) => `✅ ${label}`,
  alreadyUsed: () =>
    'This button has already been used: your answer was taken into account. Please answer the latest question of the conversation.',
  openingDm: () => 'I am writing to you in a direct message.',
  dmFailed: (phone) =>
    `I cannot write to you in a direct message right now. Please try again in a moment, or call the support line on ${phone}.`,
  deliveryFailed: (phone) =>
    `Sorry, Slack refused my answer. Please try again in a moment, or call the support line on ${phone}.`,
  card: {
    ticket: (number) => `Ticket ${number}`,
    type: 'Type',
    priority: 'Priority',
    reason: 'Why this priority',
    queue: 'Queue',
    status: 'Status',
    firstResponse: 'First response by',
    resolution: 'Resolution by',
    escalation: 'Escalation',
  },
  home: {
    title: 'Your open tickets',
    intro: (company) => `Guichet opens your tickets with the ${company} support team and tells you where they stand.`,
    none: 'You have no open ticket.',
    unknown:
      'I cannot find your Slack account in our customer records: write to me in a direct message and I will ask for your company and your name.',
    newProblem: 'Report a new problem',
    ticketLine: (number, title) => `*${number}*: ${title}`,
    details: (status, priority) => `${status}, ${priority.toLowerCase()} priority`,
  },
  modal: {
    title: 'New problem',
    label: 'Describe the problem or your request',
    hint: 'In your own words: what does not work, since when, who is blocked.',
    submit: 'Send',
    close: 'Cancel',
  },
};

const slackCatalogues: Record<Language, SlackMessages> = { fr: slackFr, en: slackEn };

/** The Slack channel's words in one language. */
export function slackMessages(language: Language): SlackMessages {
  return slackCatalogues[language];
}

// --- Teams cards ------------------------------------------------------------------------------
// What the Teams channel writes on its Adaptive Cards: the headings of the ticket card, the answer
// shown on a question card once it is clicked, and the sentence for a card clicked a second time.

/** The wording of the Teams channel's cards. */
export interface TeamsWording {
  ticketHeading: (number: string) => string;
  type: string;
  priority: string;
  reason: string;
  queue: string;
  firstResponse: string;
  resolution: string;
  escalation: string;
  answered: (label: string) => string;
  alreadyAnswered: () => string;
}

const teamsFr: TeamsWording = {
  ticketHeading: (number) => `Ticket ${number}`,
  type: 'Type',
  priority: 'Priorité',
  reason: 'Pourquoi',
  queue: "File d'attente",
  firstResponse: 'Première réponse avant',
  resolution: 'Résolution avant',
  escalation: 'En cas de retard',
  answered: (label) => `Votre réponse : ${label}`,
  alreadyAnswered: () => 'Vous avez déjà répondu à cette question : je garde votre première réponse.',
};

const teamsEn: TeamsWording = {
  ticketHeading: (number) => `Ticket ${number}`,
  type: 'Type',
  priority: 'Priority',
  reason: 'Why',
  queue: 'Queue',
  firstResponse: 'First response by',
  resolution: 'Resolution by',
  escalation: 'If it is late',
  answered: (label) => `Your answer: ${label}`,
  alreadyAnswered: () => 'You have already answered this question: I am keeping your first answer.',
};

/** The Teams cards' wording in one language. */
export function teamsWording(language: Language): TeamsWording {
  return language === 'en' ? teamsEn : teamsFr;
}
