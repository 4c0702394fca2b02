import type { Language } from '../domain.js';

/**
 * The sentences Guichet says, declared once: each key of `dialogs/fr.yaml` and `dialogs/en.yaml`
 * with the placeholders the code fills in (`{ticket}`, `{deadline}`…). The YAML files hold the
 * words; this table is what the loader checks them against (dialogs/load.ts), and what gives
 * every sentence its typed function. Adding a sentence is one line here and one key per language.
 *
 * A leaf is the list of a sentence's placeholders, in the order the code passes them; `null` is a
 * plain label (a button, a status) without any.
 */
export const SENTENCES = {
  greeting: ['name', 'company'],
  greetBack: ['name'],
  askDescription: [],
  resume: [],
  empty: [],
  notHeard: [],
  nonsense: [],
  notUnderstood: [],
  notUnderstoodAgain: [],
  answerWithChoices: ['choices'],
  choicesOr: [],
  choiceQuoted: ['label'],
  defaultTaken: ['value'],
  /** What the default of an impact question means, when an answer was not understood three times. */
  defaults: { type: [], scope: [], workaround: [] },
  handOver: ['ticket', 'phone'],
  handOverCall: ['ticket'],
  tellMore: [],
  longMessage: ['kept'],
  askCompany: [],
  confirmCompany: ['company'],
  companyRetry: [],
  companyUnknown: ['company'],
  askContact: [],
  askDomain: [],
  proposeTitle: ['title'],
  askTitle: [],
  askScope: [],
  askWorkaround: [],
  askUrgency: [],
  askType: [],
  askDate: [],
  dateNotUnderstood: [],
  datePast: ['date'],
  dateClosed: ['date', 'hours'],
  dateNoted: ['date'],
  askChange: [],
  alreadyOpened: ['ticket'],
  saveFailed: [],
  cancelled: [],
  restarted: [],
  help: [],
  statusNotFound: ['ticket', 'phone'],
  noTickets: [],
  askTicketNumber: [],
  escalatedReached: ['ticket', 'how'],
  escalatedEarly: ['ticket', 'at', 'how'],
  escalatedNoContract: ['ticket', 'how'],
  technicalError: ['phone'],
  anythingElse: [],
  thenContinue: [],
  /** The lines of the summary before the ticket is opened; which ones appear is decided in code. */
  summary: {
    intro: [],
    type: ['type'],
    priority: ['priority'],
    reason: ['reason'],
    domain: ['domain', 'queue'],
    company: ['company', 'contract'],
    underContract: [],
    withoutContract: [],
    unknownCompany: [],
    contact: ['contact'],
    title: ['title'],
    appointment: ['date'],
    question: [],
    incident: [],
    request: [],
    informatique: [],
    telecom: [],
  },
  /** The lines of the announcement of a new ticket. */
  announcement: {
    opened: ['ticket', 'type', 'priority'],
    reason: ['reason'],
    queue: ['queue'],
    emergency: ['how'],
    deadlines: ['firstResponse', 'resolution'],
    businessHours: ['hours'],
    noContract: ['how'],
    appointment: ['date'],
    escalateFrom: ['at', 'how'],
    escalate: ['how'],
    keepNumber: [],
    incident: [],
    request: [],
  },
  /** The lines of a ticket's status. */
  status: {
    ticket: ['ticket', 'title', 'status', 'priority'],
    firstResponse: ['deadline'],
    resolution: ['deadline'],
  },
  /** A report of a problem that already has an open ticket (src/tickets/duplicates.ts). */
  duplicate: {
    ask: ['ticket', 'when'],
    openedToday: ['time'],
    openedOn: ['date'],
    add: null,
    insist: null,
    added: ['ticket'],
    known: ['ticket', 'when'],
    technicianNote: ['contact', 'text'],
  },
  myTicketsOne: [],
  myTicketsMany: ['count'],
  technician: ['phone'],
  technicianForTicket: ['ticket', 'phone'],
  escalationFrom: ['how', 'at'],
  noSla: null,
  labels: {
    yes: null,
    no: null,
    urgentYes: null,
    urgentNo: null,
    informatique: null,
    telecom: null,
    titleAccept: null,
    titleOther: null,
    scopeOne: null,
    scopeTeam: null,
    scopeSite: null,
    typeIncident: null,
    typeRequest: null,
    confirm: null,
    change: null,
    cancel: null,
    retry: null,
    fieldCompany: null,
    fieldContact: null,
    fieldDomain: null,
    fieldTitle: null,
    fieldDescription: null,
    fieldType: null,
    fieldImpact: null,
    fieldDate: null,
  },
  statuses: {
    draft: null,
    new: null,
    assigned: null,
    in_progress: null,
    waiting_customer: null,
    resolved: null,
    closed: null,
  },
  typeLabels: { incident: null, request: null },
  domainLabels: { informatique: null, telecom: null },
  /** What the caller hears besides the intake's own sentences. */
  phone: {
    goodbye: [],
    wrongKey: [],
    menuNotHeard: [],
    notHeard: [],
    toAdvisor: [],
    technicalProblem: [],
    listening: [],
    toOnCall: [],
    transferTo: ['label'],
    repeatNumber: ['ticket'],
    ticketNumber: ['ticket'],
    offerOnCall: ['whom'],
    onCallTechnician: [],
    noContractLine: [],
    readBack: ['text'],
    readBackKeys: [],
    anotherRequest: [],
    newRequest: [],
    keypad: ['digit', 'label'],
    menuOption: ['label', 'digit'],
    yes: null,
    no: null,
  },
  /** The SMS that repeats what the caller heard. */
  sms: {
    opened: ['company', 'ticket', 'priority'],
    firstResponse: ['deadline'],
    resolution: ['deadline'],
  },
  /** What technicians read in their chat about a ticket. */
  notification: {
    ticket_opened: null,
    ticket_escalated: null,
    draft_ticket: null,
    technician_requested: null,
    ticket_updated: null,
    ticket_note: null,
    sla_warning: null,
    headline: ['what', 'ticket', 'priority'],
    headlineUrgent: ['what', 'ticket', 'priority'],
    queue: ['queue', 'level'],
    queueWithResource: ['queue', 'level', 'resource'],
    unknownAccount: null,
    unknownContact: null,
    subject: ['type', 'title'],
    escalated: ['from', 'to'],
    escalatedBy: ['from', 'to', 'by'],
    reason: ['reason'],
    deadlines: ['firstResponse', 'resolution'],
    noContract: [],
  },
} as const;

/** A group of the declaration: sentences, labels and nested groups. */
export interface SentenceTree {
  readonly [key: string]: readonly string[] | null | SentenceTree;
}

/** A value a placeholder takes; null or '' leaves it out, with the space before it. */
export type PlaceholderValue = string | number | null;

/** A sentence with placeholders, as a function of their values in the declared order. */
export type Say<P extends readonly string[]> = (...values: { -readonly [I in keyof P]: PlaceholderValue }) => string;

/** The typed sentences of one language, shaped like the declaration. */
export type SentencesOf<T> = {
  readonly [K in keyof T]: T[K] extends null ? string : T[K] extends readonly string[] ? Say<T[K]> : SentencesOf<T[K]>;
};

/** Every sentence of one language. */
export type Sentences = SentencesOf<typeof SENTENCES>;

const PLACEHOLDER = /\{([A-Za-z_]+)\}/g;

/** The placeholders a template names, in order of appearance. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/**
 * Fills a template: `{name}` takes its value; an empty one disappears with the space before it,
 * so "Bonjour {name}, ici Guichet" reads "Bonjour, ici Guichet" when the name is not known.
 */
export function fill(template: string, values: Readonly<Record<string, PlaceholderValue>>): string {
  return template.replace(/( ?)\{([A-Za-z_]+)\}/g, (_all, space: string, name: string) => {
    const value = values[name];
    return value === null || value === undefined || value === '' ? '' : `${space}${value}`;
  });
}

/** Turns the validated words of one file into the typed functions of the declaration. */
export function buildSentences(words: Readonly<Record<string, unknown>>, tree: SentenceTree = SENTENCES): Sentences {
  const built: Record<string, unknown> = {};
  for (const [key, leaf] of Object.entries(tree)) {
    const value = words[key];
    if (leaf === null) built[key] = value;
    else if (Array.isArray(leaf)) {
      const names = leaf as readonly string[];
      const template = String(value);
      built[key] = (...values: PlaceholderValue[]) =>
        fill(template, Object.fromEntries(names.map((n, i) => [n, values[i] ?? null])));
    } else built[key] = buildSentences(value as Record<string, unknown>, leaf as SentenceTree);
  }
  return built as Sentences;
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
