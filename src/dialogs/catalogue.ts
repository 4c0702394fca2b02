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
  nonsensePrefix: [],
  notedAskDescription: ['who'],
  nonsenseLast: ['phone'],
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
  addedToDescription: [],
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
  welcome: [],
  urgentNoted: [],
  urgentAdvice: [],
  welcomeAnythingElse: [],
  goodbye: [],
  goodbyeUnfinished: [],
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
    /** The summary said on the phone: one sentence a caller can follow, the details being in the SMS. */
    spoken: ['type', 'priority', 'domain', 'contact', 'company', 'title'],
    spokenAppointment: ['date'],
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
  /** The person no longer needs their ticket (src/engine/withdraw-turns.ts). */
  withdraw: {
    ask: ['ticket', 'title'],
    yes: null,
    no: null,
    done: ['ticket'],
    kept: ['ticket'],
    already: ['ticket', 'status'],
    nothing: [],
  },
  /** The person writes in the conversation of a resolved or waiting ticket (src/engine/ticket-answer.ts). */
  followUp: {
    reopened: ['ticket'],
    reopenedFor: ['ticket', 'technician'],
    answered: ['ticket'],
    answeredFor: ['ticket', 'technician'],
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
    priorityAndResponse: ['priority', 'deadline'],
    priorityNoSla: ['priority'],
    detailsBySms: [],
    todayAt: ['time'],
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
    signs: { dot: null, dash: null, slash: null },
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
    ticket_reopened: null,
    person_replied: null,
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
  /** What the technicians read in Teams beside their ticket cards (in French, like the cards). */
  technicianTeams: {
    notInDirectory: [],
    takenBy: ['ticket', 'holder'],
    refused: ['reason'],
    send: null,
    deadlines: null,
  },
  /** What technicians read in Slack around a ticket's message: the modal of an action, the private refusals. */
  technicianSlack: {
    urgent: null,
    mention: ['people'],
    modalSubmit: null,
    modalClose: null,
    notTechnician: [],
    taken: ['ticket', 'holder'],
    notOpen: ['ticket'],
    topLevel: ['ticket'],
    textRequired: [],
    unknownTicket: ['ticket'],
    failed: ['ticket'],
  },
  /** What a person is told when a technician acts on their ticket (src/tickets/technician-actions.ts). */
  technicianActions: {
    taken: ['technician', 'ticket'],
    replied: ['technician', 'ticket', 'text'],
    escalated: ['ticket', 'level'],
    waiting: ['technician', 'ticket'],
    waitingWithText: ['technician', 'ticket', 'text'],
    resolved: ['technician', 'ticket', 'note'],
    reopened: ['technician', 'ticket'],
  },
  /** The words of a technician notice (src/tickets/technician-notice.ts), laid out by Slack and Teams. */
  notice: {
    actions: {
      take: null,
      reply: null,
      escalate: null,
      wait: null,
      resolve: null,
      reopen: null,
      call_back: null,
    },
    /** What the text asked with a button is for (Slack modal, Teams Input.Text). */
    inputs: { reply: null, escalate: null, wait: null, resolve: null },
    labels: {
      priority: null,
      reason: null,
      type: null,
      person: null,
      company: null,
      contract: null,
      queue: null,
      status: null,
      assignee: null,
      firstResponse: null,
      resolution: null,
      callerPhone: null,
      escalatedBy: null,
      escalationReason: null,
      urgent: null,
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
    priority: ['number', 'label'],
    incident: null,
    request: null,
    unknownContact: null,
    unknownAccount: null,
    withContract: null,
    withoutContract: null,
    queue: ['queue', 'level'],
    /** "dans 2 h 15", "en retard de 40 min", "tenue". */
    timeLeft: {
      left: ['span'],
      late: ['span'],
      met: null,
      missed: null,
      minutes: ['minutes'],
      hours: ['hours'],
      hoursMinutes: ['hours', 'minutes'],
    },
  },
  /** The SLA watch's line under a notification (src/watch/), and what the person reads of it. */
  slaWatch: {
    firstResponseWarning: ['share', 'deadline'],
    escalated: ['from', 'to', 'why'],
    proposed: ['to', 'why'],
    manager: ['why', 'level'],
    whyTakeCharge: [],
    whyResolution: ['deadline'],
    levelUpTakeCharge: ['ticket', 'level'],
    levelUpResolution: ['ticket', 'level'],
  },
  /** What the Slack channel shows besides the dialog's own sentences. */
  slack: {
    chosen: ['label'],
    alreadyUsed: [],
    openingDm: [],
    dmFailed: ['phone'],
    deliveryFailed: ['phone'],
    card: {
      ticket: ['ticket'],
      type: null,
      priority: null,
      reason: null,
      queue: null,
      status: null,
      firstResponse: null,
      resolution: null,
      escalation: null,
    },
    home: {
      title: null,
      intro: ['company'],
      none: null,
      unknown: null,
      newProblem: null,
      ticketLine: ['ticket', 'title'],
      details: ['status', 'priority'],
    },
    modal: { title: null, label: null, hint: null, submit: null, close: null },
  },
  /** What the Teams channel writes on its Adaptive Cards. */
  teams: {
    ticketHeading: ['ticket'],
    type: null,
    priority: null,
    reason: null,
    queue: null,
    firstResponse: null,
    resolution: null,
    escalation: null,
    answered: ['label'],
    alreadyAnswered: [],
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
