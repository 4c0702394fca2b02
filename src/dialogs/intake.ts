import type { Language, Priority } from '../domain.js';
import type { Reply } from '../engine/turn.js';
import type { Classification, ClassificationContext, Classifier } from '../intents/classification.js';
import { BOUNDARY, foldText } from '../intents/normalize.js';
import type { Account, Accounts, Policy } from '../policy/schema.js';
import { BusinessCalendar } from '../sla/business-calendar.js';
import { type KnownContact, matchCompany, matchContact, mentionedAccount, mentionedContact } from './accounts.js';
import { isGibberish, isGreetingOnly, parseDomain, parseScope, parseType, parseYesNo } from './answers.js';
import { businessHoursText, formatInstant, parseAgreedDate } from './dates.js';
import {
  emptyIntake,
  FIELDS,
  type Field,
  IMPACT_QUESTIONS,
  type ImpactQuestion,
  type IntakeState,
} from './intake-state.js';
import type { Dialogs } from './messages.js';
import { type Option, prefixed, reply } from './reply.js';
import { normalize, shorten } from './text.js';
import { proposeTitle, TITLE_MAX } from './title.js';

/**
 * The intake dialog: the questions a good helpdesk agent asks on the phone (phone procedure,
 * 004), in order of need. The person's first message is free text; what it already says is
 * kept, and only what is missing is asked: the company, the contact, informatique or télécom,
 * a short title, the impact questions when the classifier is unsure, and a date for a basse
 * request (seed 000). Then a summary to confirm, change one field, or cancel.
 *
 * The dialog is pure: state and input in, state and replies out. Opening the ticket is the
 * engine's job, when the dialog says the person confirmed.
 */

/** What the dialog needs besides its state. */
export interface DialogContext {
  policy: Policy;
  accounts: Accounts;
  classifier: Classifier;
  /** What Guichet says, as loaded from dialogs/. */
  dialogs: Dialogs;
  now: Date;
  language: Language;
}

/** One input: the text, and the value of the choice when a button or key was pressed. */
export interface DialogInput {
  text: string;
  choice?: string;
}

export interface DialogStep {
  intake: IntakeState;
  replies: Reply[];
  /** The person confirmed the summary (open the ticket) or cancelled it. */
  outcome?: 'confirm' | 'cancel';
}

/** Up to this many words, a first message that matches no rule is asked again once. */
const SHORT_MESSAGE_WORDS = 3;

/** The longest description kept in a ticket; longer messages are cut and the person told. */
export const DESCRIPTION_MAX = 4000;

/** A new intake, with the contact and company already known when the channel identity is. */
export function startIntake(identity: KnownContact | null): IntakeState {
  const intake = emptyIntake();
  return identity ? withContact(withAccount(intake, identity.account), identity.account, identity) : intake;
}

function withAccount(intake: IntakeState, account: Account): IntakeState {
  const next = { ...intake, account: account.name, accountKnown: true, contract: account.contract, candidate: null };
  // A contact named before the company was known: link it now that the company is.
  if (intake.contact) {
    const contact = matchContact(account, intake.contact);
    if (contact) return withContact(next, account, { account, contact });
    return { ...next, management: false };
  }
  return next;
}

function withContact(intake: IntakeState, _account: Account, known: KnownContact): IntakeState {
  return {
    ...intake,
    contact: known.contact.name,
    contactEmail: known.contact.email ?? null,
    contactPhone: known.contact.phone ?? null,
    management: known.contact.management,
  };
}

/** The classifier's context from what the person answered; unanswered questions stay out. */
export function contextOf(intake: IntakeState, now: Date): ClassificationContext {
  const context: ClassificationContext = {};
  if (intake.management) context.management = true;
  if (intake.scope) context.scope = intake.scope;
  if (intake.workaround !== null) context.workaround = intake.workaround;
  if (intake.urgent !== null) context.urgent = intake.urgent;
  if (intake.type) context.type = intake.type;
  if (intake.domain) context.domain = intake.domain;
  // Seed 000, priorité 4: "un rendez-vous a été convenu plus tard que dans les 5 jours".
  if (intake.appointmentAt) {
    const days = (new Date(intake.appointmentAt).getTime() - now.getTime()) / 86_400_000;
    if (days > 5) context.noRush = true;
  }
  return context;
}

/** The classification of the intake as it stands, with every answer in the context. */
export function classifyIntake(intake: IntakeState, ctx: DialogContext): Classification {
  return ctx.classifier.classify(intake.description ?? '', contextOf(intake, ctx.now));
}

function needsDate(c: Classification): boolean {
  // Seed 000: "Pour toute demande de priorité BASSE une date doit être définie avec le client".
  return c.type === 'request' && c.priority === 'basse';
}

/** Moves the intake to the next missing piece and returns its question. */
export function advance(intake: IntakeState, ctx: DialogContext): { intake: IntakeState; reply: Reply } {
  const next = { ...intake, editing: null, question: null } as IntakeState;
  if (!next.description) return ask({ ...next, phase: 'describe' }, ctx);
  if (!next.account) return ask({ ...next, phase: next.candidate ? 'company_confirm' : 'company' }, ctx);
  if (!next.contact) return ask({ ...next, phase: 'contact' }, ctx);
  const c = classifyIntake(next, ctx);
  if (!next.domain && !c.domainKnown) return ask({ ...next, phase: 'domain' }, ctx);
  if (!next.title) {
    const proposed = next.proposedTitle ?? proposeTitle(next.description);
    return ask({ ...next, phase: 'title', proposedTitle: proposed }, ctx);
  }
  const question = c.questions.find(
    (q): q is ImpactQuestion =>
      (IMPACT_QUESTIONS as readonly string[]).includes(q) && !next.asked.includes(q as ImpactQuestion),
  );
  if (question) return ask({ ...next, phase: 'question', question }, ctx);
  if (needsDate(c) && !next.appointmentAt) return ask({ ...next, phase: 'date' }, ctx);
  return ask({ ...next, phase: 'summary' }, ctx);
}

function ask(intake: IntakeState, ctx: DialogContext): { intake: IntakeState; reply: Reply } {
  return { intake, reply: currentPrompt(intake, ctx) };
}

function yesNo(ctx: DialogContext): Option[] {
  const l = ctx.dialogs.messages(ctx.language).labels;
  return [
    { label: l.yes, value: 'yes' },
    { label: l.no, value: 'no' },
  ];
}

function fieldOptions(intake: IntakeState, ctx: DialogContext): Option[] {
  const l = ctx.dialogs.messages(ctx.language).labels;
  const labels: Record<Field, string> = {
    company: l.fieldCompany,
    contact: l.fieldContact,
    domain: l.fieldDomain,
    title: l.fieldTitle,
    description: l.fieldDescription,
    type: l.fieldType,
    impact: l.fieldImpact,
    date: l.fieldDate,
  };
  return FIELDS.filter((f) => f !== 'date' || intake.appointmentAt !== null).map((f) => ({
    label: labels[f],
    value: `field:${f}`,
  }));
}

/** The question of the phase the intake is in, as it was (or would be) asked. */
export function currentPrompt(intake: IntakeState, ctx: DialogContext): Reply {
  const lang = ctx.language;
  const m = ctx.dialogs.messages(lang);
  const l = m.labels;
  switch (intake.phase) {
    case 'describe':
      return reply(lang, m.askDescription());
    case 'company':
      return reply(lang, m.askCompany());
    case 'company_confirm':
      return reply(lang, m.confirmCompany(intake.candidate ?? ''), { choices: yesNo(ctx), expects: 'confirm' });
    case 'contact':
      return reply(lang, m.askContact());
    case 'domain':
      return reply(lang, m.askDomain(), {
        choices: [
          { label: l.informatique, value: 'informatique' },
          { label: l.telecom, value: 'telecom' },
        ],
      });
    case 'title':
      return reply(lang, m.proposeTitle(intake.proposedTitle ?? ''), {
        choices: [
          { label: l.titleAccept, value: 'accept' },
          { label: l.titleOther, value: 'other' },
        ],
        expects: 'confirm',
      });
    case 'title_custom':
      return reply(lang, m.askTitle());
    case 'question':
      return questionPrompt(intake.question ?? 'scope', ctx);
    case 'date':
      return reply(lang, m.askDate(), { expects: 'date' });
    case 'summary':
      return reply(lang, summaryText(intake, ctx), {
        choices: [
          { label: l.confirm, value: 'confirm' },
          { label: l.change, value: 'change' },
          { label: l.cancel, value: 'cancel' },
        ],
        expects: 'confirm',
      });
    case 'change':
      return reply(lang, m.askChange(), { choices: fieldOptions(intake, ctx) });
    case 'done':
      return reply(lang, m.anythingElse());
  }
}

function questionPrompt(question: ImpactQuestion, ctx: DialogContext): Reply {
  const lang = ctx.language;
  const m = ctx.dialogs.messages(lang);
  const l = m.labels;
  switch (question) {
    case 'scope':
      return reply(lang, m.askScope(), {
        choices: [
          { label: l.scopeOne, value: 'one_user' },
          { label: l.scopeTeam, value: 'team' },
          { label: l.scopeSite, value: 'site' },
        ],
      });
    case 'workaround':
      return reply(lang, m.askWorkaround(), { choices: yesNo(ctx), expects: 'confirm' });
    case 'urgency':
      return reply(lang, m.askUrgency(), {
        choices: [
          { label: l.urgentYes, value: 'yes' },
          { label: l.urgentNo, value: 'no' },
        ],
        expects: 'confirm',
      });
    case 'type':
      return reply(lang, m.askType(), {
        choices: [
          { label: l.typeIncident, value: 'incident' },
          { label: l.typeRequest, value: 'request' },
        ],
      });
  }
}

/**
 * Why this priority, from the French reason a ticket keeps (technicians read French): as it is in
 * French; in English, the policy's English definition of the priority. A conversation that has
 * the classification at hand uses its sentence in the person's language instead.
 */
export function reasonFor(reason: string | null, priority: Priority, policy: Policy, language: Language): string {
  if (reason && language === 'fr') return reason;
  return policy.priorities[priority].definition[language];
}

/** The summary's text: type, priority and why, domain and queue, company, contact, title. */
export function summaryText(intake: IntakeState, ctx: DialogContext): string {
  const c = classifyIntake(intake, ctx);
  const zone = ctx.policy.calendar.timezone;
  return ctx.dialogs.messages(ctx.language).summary({
    type: c.type,
    priorityLabel: ctx.policy.priorities[c.priority].label[ctx.language],
    reason: c.reasons[ctx.language],
    domain: c.domain,
    queue: c.queue,
    account: intake.account ?? '',
    contract: intake.contract,
    known: intake.accountKnown,
    contact: intake.contact ?? '',
    title: intake.title ?? '',
    appointment: intake.appointmentAt ? formatInstant(intake.appointmentAt, ctx.language, zone, ctx.now) : null,
  });
}

/**
 * The value of the choice the input picks: a pressed button, a digit alone, a label typed out, or
 * most of a label's words ("oui ce titre va" picks "Oui, ce titre convient"), folded as the
 * classifier folds a message. Words shared with two labels alike pick neither.
 */
export function pickedChoice(prompt: Reply, input: DialogInput): string | null {
  if (input.choice && prompt.choices.some((c) => c.value === input.choice)) return input.choice;
  const text = input.text.trim();
  const byDigit = prompt.choices.find((c) => c.digit === text);
  if (byDigit) return byDigit.value;
  const n = normalize(text);
  if (n === '') return null;
  const exact = prompt.choices.find((c) => normalize(c.label) === n);
  if (exact) return exact.value;
  return choiceByWords(prompt.choices, text);
}

// Words of one or two letters ("le", "un", "it") say nothing about which choice is meant.
const foldedWords = (text: string) => new Set(foldText(text).filter((w) => w !== BOUNDARY && w.length > 2));

function choiceByWords(choices: Reply['choices'], text: string): string | null {
  const said = foldedWords(text);
  const scored = choices
    .map((choice) => {
      const label = foldedWords(choice.label);
      const shared = [...label].filter((w) => said.has(w)).length;
      return { choice, shared, enough: shared >= 2 && shared * 2 >= label.size };
    })
    .sort((a, b) => b.shared - a.shared);
  const [best, next] = scored;
  if (!best?.enough || (next && next.shared === best.shared)) return null;
  return best.choice.value;
}

/** One step of the intake: the person's input to the current question. */
export function intakeStep(intake: IntakeState, input: DialogInput, ctx: DialogContext): DialogStep {
  const picked = pickedChoice(currentPrompt(intake, ctx), input);
  const text = input.text.trim();
  switch (intake.phase) {
    case 'describe':
    case 'done':
      return onDescription(intake, text, ctx);
    case 'company':
      return onCompany(intake, text, ctx);
    case 'company_confirm':
      return onCompanyConfirm(intake, text, picked, ctx);
    case 'contact':
      return onContact(intake, text, ctx);
    case 'domain':
      return onDomain(intake, text, picked, ctx);
    case 'title':
      return onTitle(intake, text, picked, ctx);
    case 'title_custom':
      return onCustomTitle(intake, text, ctx);
    case 'question':
      return onQuestion(intake, text, picked, ctx);
    case 'date':
      return onDate(intake, text, ctx);
    case 'summary':
      return onSummary(intake, text, picked, ctx);
    case 'change':
      return onChange(intake, text, picked, ctx);
  }
}

function reask(intake: IntakeState, ctx: DialogContext, before?: string): DialogStep {
  const prompt = currentPrompt(intake, ctx);
  const m = ctx.dialogs.messages(ctx.language);
  return { intake, replies: [prefixed(ctx.language, before ?? m.notUnderstood(), prompt)] };
}

function moveOn(intake: IntakeState, ctx: DialogContext, before?: string): DialogStep {
  const next = advance(intake, ctx);
  return { intake: next.intake, replies: [before ? prefixed(ctx.language, before, next.reply) : next.reply] };
}

function onDescription(intake: IntakeState, text: string, ctx: DialogContext): DialogStep {
  const m = ctx.dialogs.messages(ctx.language);
  if (isGreetingOnly(text, ctx.dialogs.answers)) {
    return { intake: { ...intake, phase: 'describe' }, replies: [reply(ctx.language, m.greetBack(intake.contact))] };
  }
  if (isGibberish(text)) return { intake, replies: [reply(ctx.language, m.nonsense())] };
  if (!intake.descriptionReasked && intake.editing !== 'description' && saysNothingKnown(text, ctx)) {
    return { intake: { ...intake, descriptionReasked: true }, replies: [reply(ctx.language, m.tellMore())] };
  }
  const long = text.length > DESCRIPTION_MAX;
  let next: IntakeState = { ...intake, description: long ? shorten(text, DESCRIPTION_MAX) : text };
  if (intake.editing !== 'description') {
    // Fill what the first message already says: "je suis Marie Lefèvre, de Transports Durand…".
    if (!next.account) {
      const named = mentionedContact(ctx.accounts, text);
      const account = named?.account ?? mentionedAccount(ctx.accounts, text);
      if (account) next = withAccount(next, account);
      if (named && (!next.contact || named.account.name === next.account))
        next = withContact(next, named.account, named);
    }
  }
  return moveOn(next, ctx, long ? m.longMessage(DESCRIPTION_MAX) : undefined);
}

/**
 * A short message in which no rule of the intents finds anything ("asdf qwerty", "test") is asked
 * again, once: a second try is kept whatever it says, so an unusual problem is never refused.
 */
function saysNothingKnown(text: string, ctx: DialogContext): boolean {
  const wordCount = text.trim().split(/\s+/).length;
  return wordCount <= SHORT_MESSAGE_WORDS && ctx.classifier.classify(text).rules.every((r) => r.matched.length === 0);
}

function onCompany(intake: IntakeState, text: string, ctx: DialogContext): DialogStep {
  const m = ctx.dialogs.messages(ctx.language);
  if (text === '' || isGibberish(text)) return reask(intake, ctx);
  const match = matchCompany(ctx.accounts, text);
  if (match.kind === 'exact') return moveOn(withAccount(intake, match.account), ctx);
  if (match.kind === 'fuzzy' && !intake.refused.includes(match.account.name)) {
    const next = { ...intake, phase: 'company_confirm' as const, candidate: match.account.name };
    return { intake: next, replies: [currentPrompt(next, ctx)] };
  }
  // "An unknown company still gets a ticket, marked without contract": no SLA dates for it.
  const name = shorten(text, 80);
  const next: IntakeState = {
    ...intake,
    account: name,
    accountKnown: false,
    contract: false,
    candidate: null,
    management: false,
  };
  return moveOn(next, ctx, m.companyUnknown(name));
}

function onCompanyConfirm(intake: IntakeState, text: string, picked: string | null, ctx: DialogContext): DialogStep {
  const m = ctx.dialogs.messages(ctx.language);
  const answer = picked === 'yes' ? true : picked === 'no' ? false : parseYesNo(text, ctx.dialogs.answers);
  const account = ctx.accounts.accounts.find((a) => a.name === intake.candidate);
  if (answer === true && account) return moveOn(withAccount(intake, account), ctx);
  if (answer === false) {
    const refused = intake.candidate ? [...intake.refused, intake.candidate] : intake.refused;
    const next: IntakeState = { ...intake, phase: 'company', candidate: null, refused };
    return { intake: next, replies: [reply(ctx.language, m.companyRetry())] };
  }
  // Neither yes nor no: the person typed the name again, read it as a new answer.
  if (text !== '' && !isGibberish(text)) return onCompany({ ...intake, phase: 'company', candidate: null }, text, ctx);
  return reask(intake, ctx);
}

function onContact(intake: IntakeState, text: string, ctx: DialogContext): DialogStep {
  if (text === '' || isGibberish(text)) return reask(intake, ctx);
  const name = text.replace(/[.!]+$/, '').trim();
  const bare = normalize(name).replace(ctx.dialogs.answers.selfNaming, '');
  const offset = normalize(name).length - bare.length;
  const account = intake.accountKnown ? ctx.accounts.accounts.find((a) => a.name === intake.account) : undefined;
  const contact = account ? matchContact(account, bare) : null;
  if (account && contact) return moveOn(withContact(intake, account, { account, contact }), ctx);
  // Not in the file: keep the name as the person gave it, without the "je suis".
  const typed = offset > 0 ? name.slice(Math.min(name.length, offset)).trim() : name;
  const next: IntakeState = {
    ...intake,
    contact: shorten(typed || name, 80),
    contactEmail: null,
    contactPhone: null,
    management: false,
  };
  return moveOn(next, ctx);
}

function onDomain(intake: IntakeState, text: string, picked: string | null, ctx: DialogContext): DialogStep {
  const domain = picked === 'informatique' || picked === 'telecom' ? picked : parseDomain(text, ctx.dialogs.answers);
  if (!domain) return reask(intake, ctx);
  return moveOn({ ...intake, domain }, ctx);
}

function onTitle(intake: IntakeState, text: string, picked: string | null, ctx: DialogContext): DialogStep {
  const answer = picked === 'accept' ? true : picked === 'other' ? false : parseYesNo(text, ctx.dialogs.answers);
  if (answer === true) return moveOn({ ...intake, title: intake.proposedTitle }, ctx);
  if (answer === false) {
    const next: IntakeState = { ...intake, phase: 'title_custom' };
    return { intake: next, replies: [currentPrompt(next, ctx)] };
  }
  // The person typed a title straight away.
  if (text.length >= 3 && !isGibberish(text)) return onCustomTitle(intake, text, ctx);
  return reask(intake, ctx);
}

function onCustomTitle(intake: IntakeState, text: string, ctx: DialogContext): DialogStep {
  if (text.length < 3 || isGibberish(text)) return reask(intake, ctx);
  return moveOn({ ...intake, title: shorten(text, TITLE_MAX) }, ctx);
}

function onQuestion(intake: IntakeState, text: string, picked: string | null, ctx: DialogContext): DialogStep {
  const question = intake.question ?? 'scope';
  const asked = intake.asked.includes(question) ? intake.asked : [...intake.asked, question];
  const yes = picked === 'yes' ? true : picked === 'no' ? false : parseYesNo(text, ctx.dialogs.answers);
  switch (question) {
    case 'scope': {
      const scope =
        picked === 'one_user' || picked === 'team' || picked === 'site'
          ? picked
          : parseScope(text, ctx.dialogs.answers);
      if (!scope) return reask(intake, ctx);
      return moveOn({ ...intake, scope, asked }, ctx);
    }
    case 'workaround':
      if (yes === null) return reask(intake, ctx);
      return moveOn({ ...intake, workaround: yes, asked }, ctx);
    case 'urgency':
      if (yes === null) return reask(intake, ctx);
      return moveOn({ ...intake, urgent: yes, asked }, ctx);
    case 'type': {
      const type = picked === 'incident' || picked === 'request' ? picked : parseType(text, ctx.dialogs.answers);
      if (!type) return reask(intake, ctx);
      return moveOn({ ...intake, type, asked }, ctx);
    }
  }
}

function onDate(intake: IntakeState, text: string, ctx: DialogContext): DialogStep {
  const m = ctx.dialogs.messages(ctx.language);
  const zone = ctx.policy.calendar.timezone;
  const opening = ctx.policy.calendar.week.monday[0]?.start ?? 9 * 60;
  const answer = parseAgreedDate(text, ctx.now, zone, opening);
  if (answer.kind === 'none') return reask(intake, ctx, m.dateNotUnderstood());
  const said = formatInstant(answer.at, ctx.language, zone, ctx.now);
  if (answer.kind === 'past') return { intake, replies: [reply(ctx.language, m.datePast(said), { expects: 'date' })] };
  // The intervention is done by the helpdesk's technicians: inside its business hours (SLA sheet, 004).
  if (!new BusinessCalendar(ctx.policy.calendar).isOpen(answer.at)) {
    const hours = businessHoursText(ctx.policy.calendar, ctx.language);
    return { intake, replies: [reply(ctx.language, m.dateClosed(said, hours), { expects: 'date' })] };
  }
  return moveOn({ ...intake, appointmentAt: answer.at.toISOString() }, ctx, m.dateNoted(said));
}

function fieldNamed(text: string, ctx: DialogContext): Field | null {
  const n = normalize(text);
  return ctx.dialogs.answers.fields.find(([, words]) => words.test(n))?.[0] ?? null;
}

function onSummary(intake: IntakeState, text: string, picked: string | null, ctx: DialogContext): DialogStep {
  const n = normalize(text);
  // A change asked for in words ("modifier le titre", "change the company"); "that's correct" is not one.
  const change = ctx.dialogs.answers.change.test(n);
  if (picked === 'confirm' || (picked === null && parseYesNo(text, ctx.dialogs.answers) === true && !change)) {
    return { intake, replies: [], outcome: 'confirm' };
  }
  // A change asked for wins over the "no" it starts with: "non, je veux changer le titre" keeps the intake.
  if (picked === 'change' || (picked === null && change)) {
    const field = picked === 'change' ? null : fieldNamed(text, ctx);
    if (field) return startEditing(intake, field, ctx);
    const next: IntakeState = { ...intake, phase: 'change' };
    return { intake: next, replies: [currentPrompt(next, ctx)] };
  }
  if (picked === 'cancel' || (picked === null && parseYesNo(text, ctx.dialogs.answers) === false)) {
    return { intake, replies: [], outcome: 'cancel' };
  }
  return reask(intake, ctx);
}

function onChange(intake: IntakeState, text: string, picked: string | null, ctx: DialogContext): DialogStep {
  const field = picked?.startsWith('field:') ? (picked.slice(6) as Field) : fieldNamed(text, ctx);
  if (!field || !(FIELDS as readonly string[]).includes(field)) return reask(intake, ctx);
  return startEditing(intake, field, ctx);
}

/** Asks the question of one field again; the other answers are kept. */
function startEditing(intake: IntakeState, field: Field, ctx: DialogContext): DialogStep {
  const base = { ...intake, editing: field };
  const phases: Record<Field, Pick<IntakeState, 'phase' | 'question'>> = {
    company: { phase: 'company', question: null },
    contact: { phase: 'contact', question: null },
    domain: { phase: 'domain', question: null },
    title: { phase: 'title_custom', question: null },
    description: { phase: 'describe', question: null },
    type: { phase: 'question', question: 'type' },
    impact: { phase: 'question', question: 'scope' },
    date: { phase: 'date', question: null },
  };
  const next: IntakeState = { ...base, ...phases[field], refused: field === 'company' ? [] : base.refused };
  return { intake: next, replies: [currentPrompt(next, ctx)] };
}
