import { BusinessCalendar } from '../sla/business-calendar.js';
import { matchCompany, matchContact, mentionedAccount, mentionedContact } from './accounts.js';
import { isGibberish, isGreetingOnly, parseYesNo } from './answers.js';
import { businessHoursText, formatInstant, parseAgreedDate } from './dates.js';
import type { DialogContext } from './intake-context.js';
import { withAccount, withContact } from './intake-fill.js';
import { FIELDS, type Field, type IntakeState } from './intake-state.js';
import type { Answer, Capture } from './intake-steps.js';
import type { Messages } from './messages.js';
import { type Option, reply } from './reply.js';
import { normalize, shorten } from './text.js';
import { TITLE_MAX } from './title.js';

/**
 * How the intake's steps read the answers that take more than a choice: a description, a company,
 * a name, a title, a date, the summary's confirmation or change. Each returns what the answer
 * leads to (a Capture); the flow of intake.ts turns it into the next question.
 */

/** Up to this many words, a first message that matches no rule is asked again once. */
const SHORT_MESSAGE_WORDS = 3;

/** The longest description kept in a ticket; longer messages are cut and the person told. */
export const DESCRIPTION_MAX = 4000;

const m = (ctx: DialogContext): Messages => ctx.dialogs.messages(ctx.language);
const say = (ctx: DialogContext, text: string, options?: Parameters<typeof reply>[2]) =>
  reply(ctx.language, text, options);
const next = (intake: IntakeState, said?: string): Capture =>
  said === undefined ? { kind: 'next', intake } : { kind: 'next', intake, say: said };
const again = (said?: string): Capture => (said === undefined ? { kind: 'again' } : { kind: 'again', say: said });

export function fieldOptions(intake: IntakeState, ctx: DialogContext): Option[] {
  const l = m(ctx).labels;
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

export function fieldNamed(text: string, ctx: DialogContext): Field | null {
  const n = normalize(text);
  return ctx.dialogs.answers.fields.find(([, words]) => words.test(n))?.[0] ?? null;
}

export function readDescription(intake: IntakeState, answer: Answer, ctx: DialogContext): Capture {
  const text = answer.text;
  if (isGreetingOnly(text, ctx.dialogs.answers)) {
    return {
      kind: 'reply',
      intake: { ...intake, phase: 'describe' },
      reply: say(ctx, m(ctx).greetBack(intake.contact)),
    };
  }
  // Counted as not understood: the third time, the other ways to reach the helpdesk are given.
  if (isGibberish(text)) return again(m(ctx).nonsensePrefix());
  const introduced = introductionOnly(intake, text, ctx);
  if (introduced) return introduced;
  if (!intake.descriptionReasked && intake.editing !== 'description' && saysNothingKnown(text, ctx)) {
    return { kind: 'reply', intake: { ...intake, descriptionReasked: true }, reply: say(ctx, m(ctx).tellMore()) };
  }
  const long = text.length > DESCRIPTION_MAX;
  let kept: IntakeState = { ...intake, description: long ? shorten(text, DESCRIPTION_MAX) : text };
  if (intake.editing !== 'description' && !kept.account) {
    // Fill what the first message already says: "je suis Marie Lefèvre, de Transports Durand…".
    const named = mentionedContact(ctx.accounts, text);
    const account = named?.account ?? mentionedAccount(ctx.accounts, text);
    if (account) kept = withAccount(kept, account);
    if (named && (!kept.contact || named.account.name === kept.account)) kept = withContact(kept, named);
  }
  return next(kept, long ? m(ctx).longMessage(DESCRIPTION_MAX) : undefined);
}

/**
 * A first message that only says who is writing ("Transports Durand", "Marie Lefèvre de chez
 * Transports Durand"): the company and the person are kept, and the problem is asked for.
 */
function introductionOnly(intake: IntakeState, text: string, ctx: DialogContext): Capture | null {
  if (intake.editing === 'description' || intake.account || mentionsProblem(text, ctx)) return null;
  const named = mentionedContact(ctx.accounts, text);
  const account = named?.account ?? mentionedAccount(ctx.accounts, text);
  if (!account) return null;
  // Only the names: a longer message says something else too, and is the description.
  const names = new Set(normalize(`${account.name} ${named?.contact.name ?? ''}`).split(' '));
  const rest = normalize(text)
    .split(' ')
    .filter((w) => !names.has(w));
  if (rest.length > ctx.dialogs.answers.nameMaxWords) return null;
  let kept = withAccount(intake, account);
  if (named) kept = withContact(kept, named);
  const who = named ? `${named.contact.name}, ${account.name}` : account.name;
  return { kind: 'reply', intake: { ...kept, phase: 'describe' }, reply: say(ctx, m(ctx).notedAskDescription(who)) };
}

/**
 * A short message in which no rule of the intents finds anything ("asdf qwerty", "test") is asked
 * again, once: a second try is kept whatever it says, so an unusual problem is never refused.
 */
function saysNothingKnown(text: string, ctx: DialogContext): boolean {
  const wordCount = text.trim().split(/\s+/).length;
  return wordCount <= SHORT_MESSAGE_WORDS && !mentionsProblem(text, ctx);
}

/** Whether a rule of the intents finds any of its words in the text (a thing, a symptom, a change). */
function mentionsProblem(text: string, ctx: DialogContext): boolean {
  return ctx.classifier.classify(text).rules.some((r) => r.matched.length > 0);
}

/**
 * How much of a problem the text describes: the score of its best-matching rule (the weight of
 * the thing and the symptom it names), so that a sentence of details ("il fait un bip et l'écran
 * reste noir") does not outweigh the one that names the problem ("mon ordinateur ne démarre plus").
 */
export function problemWeight(text: string, ctx: DialogContext): number {
  return Math.max(0, ...ctx.classifier.classify(text).rules.map((r) => r.score));
}

/** From this many words, an answer in which the intents find the problem's words is a description. */
const DESCRIPTION_MIN_WORDS = 4;

/**
 * An answer to "which company?" or "what name?" that describes the problem ("le logiciel Sage plante
 * quand j'ouvre un dossier") is neither: it is more of the description.
 */
function describesProblem(text: string, ctx: DialogContext): boolean {
  return text.trim().split(/\s+/).length >= DESCRIPTION_MIN_WORDS && mentionsProblem(text, ctx);
}

/**
 * The answer is kept with the description and the question asked again, as a question not
 * understood: a person who only ever describes the problem is handed over, never asked forever.
 */
function addedToDescription(intake: IntakeState, text: string, ctx: DialogContext): Capture {
  const joined = intake.description ? `${intake.description}\n${text}` : text;
  const description = joined.length > DESCRIPTION_MAX ? shorten(joined, DESCRIPTION_MAX) : joined;
  return { kind: 'again', say: m(ctx).addedToDescription(), intake: { ...intake, description, proposedTitle: null } };
}

export function readCompany(intake: IntakeState, text: string, ctx: DialogContext): Capture {
  if (text === '' || isGibberish(text)) return again();
  const match = matchCompany(ctx.accounts, text);
  if (match.kind === 'exact') return next(withAccount(intake, match.account));
  if (match.kind === 'fuzzy' && !intake.refused.includes(match.account.name)) {
    return {
      kind: 'goto',
      intake: { ...intake, phase: 'company_confirm', question: null, candidate: match.account.name },
    };
  }
  if (describesProblem(text, ctx)) return addedToDescription(intake, text, ctx);
  // "An unknown company still gets a ticket, marked without contract": no SLA dates for it.
  const name = shorten(text, 80);
  const unknown: IntakeState = {
    ...intake,
    account: name,
    accountKnown: false,
    contract: false,
    candidate: null,
    management: false,
  };
  return next(unknown, m(ctx).companyUnknown(name));
}

export function readContact(intake: IntakeState, text: string, ctx: DialogContext): Capture {
  if (text === '' || isGibberish(text)) return again();
  const name = text.replace(/[.!]+$/, '').trim();
  const bare = normalize(name).replace(ctx.dialogs.answers.selfNaming, '');
  const offset = normalize(name).length - bare.length;
  const account = intake.accountKnown ? ctx.accounts.accounts.find((a) => a.name === intake.account) : undefined;
  const contact = account ? matchContact(account, bare) : null;
  if (account && contact) return next(withContact(intake, { account, contact }));
  if (describesProblem(text, ctx)) return addedToDescription(intake, text, ctx);
  // A new employee may be missing from the accounts file, but a sentence is not a name.
  if (bare.split(' ').length > ctx.dialogs.answers.nameMaxWords) return again();
  // Not in the file: keep the name as the person gave it, without the "je suis".
  const typed = offset > 0 ? name.slice(Math.min(name.length, offset)).trim() : name;
  return next({
    ...intake,
    contact: shorten(typed || name, 80),
    contactEmail: null,
    contactPhone: null,
    management: false,
  });
}

export function readTitle(intake: IntakeState, text: string): Capture {
  if (text.length < 3 || isGibberish(text)) return again();
  return next({ ...intake, title: shorten(text, TITLE_MAX) });
}

export function readDate(intake: IntakeState, answer: Answer, ctx: DialogContext): Capture {
  const zone = ctx.policy.calendar.timezone;
  const opening = ctx.policy.calendar.week.monday[0]?.start ?? 9 * 60;
  const date = parseAgreedDate(answer.text, ctx.now, zone, opening);
  if (date.kind === 'none') return again(m(ctx).dateNotUnderstood());
  const said = formatInstant(date.at, ctx.language, zone, ctx.now);
  if (date.kind === 'past')
    return { kind: 'reply', intake, reply: say(ctx, m(ctx).datePast(said), { expects: 'date' }) };
  // The intervention is done by the helpdesk's technicians: inside its business hours (SLA sheet, 004).
  if (!new BusinessCalendar(ctx.policy.calendar).isOpen(date.at)) {
    const hours = businessHoursText(ctx.policy.calendar, ctx.language);
    return { kind: 'reply', intake, reply: say(ctx, m(ctx).dateClosed(said, hours), { expects: 'date' }) };
  }
  return next({ ...intake, appointmentAt: date.at.toISOString() }, m(ctx).dateNoted(said));
}

export function readSummary(intake: IntakeState, answer: Answer, ctx: DialogContext): Capture {
  const { picked, text } = answer;
  const yes = parseYesNo(text, ctx.dialogs.answers);
  // A change asked for in words ("modifier le titre", "change the company"); "that's correct" is not one.
  const change = ctx.dialogs.answers.change.test(normalize(text));
  if (picked === 'confirm' || (picked === null && yes === true && !change))
    return { kind: 'outcome', outcome: 'confirm' };
  // A change asked for wins over the "no" it starts with: "non, je veux changer le titre" keeps the intake.
  if (picked === 'change' || (picked === null && change)) {
    const field = picked === 'change' ? null : fieldNamed(text, ctx);
    if (field) return { kind: 'edit', field };
    return { kind: 'goto', intake: { ...intake, phase: 'change', question: null } };
  }
  if (picked === 'cancel' || (picked === null && yes === false)) return { kind: 'outcome', outcome: 'cancel' };
  return again();
}
