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
    headline: ['what', 'ticket', 'priority'],
    headlineUrgent: ['what', 'ticket', 'priority'],
    queue: ['queue', 'level'],
    queueWithResource: ['queue', 'level', 'resource'],
    unknownAccount: null,
    unknownContact: null,
    subject: ['type', 'title'],
    escalated: ['from', 'to'],
    escalatedBy: ['from', 'to', 'by'],
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
