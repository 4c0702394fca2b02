import type { Reply } from '../engine/turn.js';
import type { Classification } from '../intents/classification.js';
import { isGibberish, parseDomain, parseScope, parseType, parseYesNo } from './answers.js';
import type { DialogContext } from './intake-context.js';
import { withAccount } from './intake-fill.js';
import {
  fieldNamed,
  fieldOptions,
  problemWeight,
  readCompany,
  readContact,
  readDate,
  readDescription,
  readSummary,
  readTitle,
} from './intake-readers.js';
import {
  FIELDS,
  type Field,
  IMPACT_QUESTIONS,
  type ImpactQuestion,
  type IntakePhase,
  type IntakeState,
} from './intake-state.js';
import type { Messages } from './messages.js';
import { type Option, reply } from './reply.js';
import { spokenSummaryText, summaryText } from './summary.js';
import { proposeTitle } from './title.js';

/**
 * The intake's questions, each declared once (a BotBuilder waterfall keeps a prompt with its
 * capture): when it is due, what it asks with which choices, how it reads the answer, and which
 * field of the summary asks it again. The flow in intake.ts walks this table in order; the
 * questions follow the phone procedure (004): company, contact, informatique or télécom, a short
 * title, the impact questions when the classifier is unsure, a date for a basse request (seed 000),
 * then the summary to confirm, change one field, or cancel.
 */

/** A key of the table: the intake's phase, or the impact question being asked. */
export type StepKey = Exclude<IntakePhase, 'question'> | ImpactQuestion;

/** What an answer leads to; the flow turns it into the next state and replies. */
export type Capture =
  /** Understood: on to what is still missing, after `say` if given. */
  | { kind: 'next'; intake: IntakeState; say?: string }
  /** Not understood: the same question again, after `say` (or "pardon, je n'ai pas compris"). */
  | { kind: 'again'; say?: string; intake?: IntakeState }
  /** On to a given question (its state already set). */
  | { kind: 'goto'; intake: IntakeState }
  /** A reply of its own, the intake in the given state. */
  | { kind: 'reply'; intake: IntakeState; reply: Reply }
  /** The person asked to change a field of the summary. */
  | { kind: 'edit'; field: Field }
  /** The person confirmed the summary (open the ticket) or cancelled it. */
  | { kind: 'outcome'; outcome: 'confirm' | 'cancel' };

/** The answer as a step reads it: the text, and the choice it picked (pressed, typed or said). */
export interface Answer {
  text: string;
  picked: string | null;
}

export interface StepDefinition {
  /** Where the intake stands while this question waits for its answer. */
  at: Pick<IntakeState, 'phase' | 'question'>;
  /**
   * Whether the question is still to be asked; the first due step of the table is asked next.
   * Returns the state to ask it in (null when not due). Steps without it are reached from another.
   */
  due?(intake: IntakeState, ctx: DialogContext, classification: () => Classification): IntakeState | null;
  /** The question as it is (or would be) asked. */
  prompt(intake: IntakeState, ctx: DialogContext): Reply;
  /** Reads the answer. */
  read(intake: IntakeState, answer: Answer, ctx: DialogContext): Capture;
  /** The field of the summary that asks this question again, and how it is reset when it does. */
  edits?: { field: Field; reset?: Partial<IntakeState> };
  /**
   * The seed's default, taken when the answer was not understood three times (incident; one user;
   * no workaround). A step without one hands the person over to a technician instead.
   */
  fallback?: { answer: (intake: IntakeState) => IntakeState; means: keyof Messages['defaults'] };
  /**
   * What is said instead of handing over, for a step without a default where nothing said yet
   * could be kept for a technician (the first description): the other ways to reach the helpdesk.
   */
  giveUp?: (intake: IntakeState, ctx: DialogContext) => string;
}

const at = (phase: IntakePhase, question: ImpactQuestion | null = null) => ({ phase, question });
const m = (ctx: DialogContext): Messages => ctx.dialogs.messages(ctx.language);
const say = (ctx: DialogContext, text: string, options?: Parameters<typeof reply>[2]) =>
  reply(ctx.language, text, options);
const next = (intake: IntakeState, said?: string): Capture =>
  said === undefined ? { kind: 'next', intake } : { kind: 'next', intake, say: said };
const again = (said?: string): Capture => (said === undefined ? { kind: 'again' } : { kind: 'again', say: said });

function yesNo(ctx: DialogContext): Option[] {
  const l = m(ctx).labels;
  return [
    { label: l.yes, value: 'yes' },
    { label: l.no, value: 'no' },
  ];
}

/** A yes or no, from the choice picked or the words. */
function yesOrNo(answer: Answer, ctx: DialogContext, yes = 'yes', no = 'no'): boolean | null {
  if (answer.picked === yes) return true;
  if (answer.picked === no) return false;
  return parseYesNo(answer.text, ctx.dialogs.answers);
}

/** The impact question of the classifier to ask next, if any (they come in the classifier's order). */
function impactDue(question: ImpactQuestion) {
  return (intake: IntakeState, _ctx: DialogContext, classification: () => Classification) => {
    const first = classification().questions.find(
      (q): q is ImpactQuestion =>
        (IMPACT_QUESTIONS as readonly string[]).includes(q) && !intake.asked.includes(q as ImpactQuestion),
    );
    return first === question ? { ...intake, ...at('question', question) } : null;
  };
}

/** An impact question's answer, kept and marked as asked. */
function withAnswer(intake: IntakeState, question: ImpactQuestion, changes: Partial<IntakeState>): IntakeState {
  const asked = intake.asked.includes(question) ? intake.asked : [...intake.asked, question];
  return { ...intake, ...changes, asked };
}

function answered(intake: IntakeState, question: ImpactQuestion, changes: Partial<IntakeState>): Capture {
  return next(withAnswer(intake, question, changes));
}

/** The table. Its order is the order of the questions. */
export const INTAKE_STEPS: Record<StepKey, StepDefinition> = {
  describe: {
    at: at('describe'),
    due: (intake) => (intake.description ? null : { ...intake, ...at('describe') }),
    prompt: (_intake, ctx) => say(ctx, m(ctx).askDescription()),
    read: readDescription,
    edits: { field: 'description' },
    giveUp: (_intake, ctx) => m(ctx).nonsenseLast(ctx.policy.company.helpdeskPhone),
  },
  company: {
    at: at('company'),
    due: (intake) => (intake.account ? null : { ...intake, ...at(intake.candidate ? 'company_confirm' : 'company') }),
    prompt: (_intake, ctx) => say(ctx, m(ctx).askCompany()),
    read: (intake, answer, ctx) => readCompany(intake, answer.text, ctx),
    edits: { field: 'company', reset: { refused: [] } },
  },
  company_confirm: {
    at: at('company_confirm'),
    prompt: (intake, ctx) =>
      say(ctx, m(ctx).confirmCompany(intake.candidate ?? ''), { choices: yesNo(ctx), expects: 'confirm' }),
    read: (intake, answer, ctx) => {
      const yes = yesOrNo(answer, ctx);
      const account = ctx.accounts.accounts.find((a) => a.name === intake.candidate);
      if (yes === true && account) return next(withAccount(intake, account));
      if (yes === false) {
        const refused = intake.candidate ? [...intake.refused, intake.candidate] : intake.refused;
        const retry: IntakeState = { ...intake, ...at('company'), candidate: null, refused };
        return { kind: 'reply', intake: retry, reply: say(ctx, m(ctx).companyRetry()) };
      }
      // Neither yes nor no: the person typed the name again, read it as a new answer.
      if (answer.text !== '' && !isGibberish(answer.text)) {
        return readCompany({ ...intake, ...at('company'), candidate: null }, answer.text, ctx);
      }
      return again();
    },
  },
  contact: {
    at: at('contact'),
    due: (intake) => (intake.contact ? null : { ...intake, ...at('contact') }),
    prompt: (_intake, ctx) => say(ctx, m(ctx).askContact()),
    read: (intake, answer, ctx) => readContact(intake, answer.text, ctx),
    edits: { field: 'contact' },
  },
  domain: {
    at: at('domain'),
    due: (intake, _ctx, classification) =>
      intake.domain || classification().domainKnown ? null : { ...intake, ...at('domain') },
    prompt: (_intake, ctx) =>
      say(ctx, m(ctx).askDomain(), {
        choices: [
          { label: m(ctx).labels.informatique, value: 'informatique' },
          { label: m(ctx).labels.telecom, value: 'telecom' },
        ],
      }),
    read: (intake, answer, ctx) => {
      const picked = answer.picked === 'informatique' || answer.picked === 'telecom' ? answer.picked : null;
      const domain = picked ?? parseDomain(answer.text, ctx.dialogs.answers);
      return domain ? next({ ...intake, domain }) : again();
    },
    edits: { field: 'domain' },
  },
  title: {
    at: at('title'),
    due: (intake, ctx) =>
      intake.title
        ? null
        : {
            ...intake,
            ...at('title'),
            proposedTitle: intake.proposedTitle ?? proposeTitle(intake.description ?? '', (s) => problemWeight(s, ctx)),
          },
    prompt: (intake, ctx) =>
      say(ctx, m(ctx).proposeTitle(intake.proposedTitle ?? ''), {
        choices: [
          { label: m(ctx).labels.titleAccept, value: 'accept' },
          { label: m(ctx).labels.titleOther, value: 'other' },
        ],
        expects: 'confirm',
      }),
    read: (intake, answer, ctx) => {
      const accepted = yesOrNo(answer, ctx, 'accept', 'other');
      if (accepted === true) return next({ ...intake, title: intake.proposedTitle });
      if (accepted === false) return { kind: 'goto', intake: { ...intake, ...at('title_custom') } };
      // The person typed a title straight away.
      if (answer.text.length >= 3 && !isGibberish(answer.text)) return readTitle(intake, answer.text);
      return again();
    },
  },
  title_custom: {
    at: at('title_custom'),
    prompt: (_intake, ctx) => say(ctx, m(ctx).askTitle()),
    read: (intake, answer) => readTitle(intake, answer.text),
    edits: { field: 'title' },
  },
  type: {
    at: at('question', 'type'),
    due: impactDue('type'),
    prompt: (_intake, ctx) =>
      say(ctx, m(ctx).askType(), {
        choices: [
          { label: m(ctx).labels.typeIncident, value: 'incident' },
          { label: m(ctx).labels.typeRequest, value: 'request' },
        ],
      }),
    read: (intake, answer, ctx) => {
      const picked = answer.picked === 'incident' || answer.picked === 'request' ? answer.picked : null;
      const type = picked ?? parseType(answer.text, ctx.dialogs.answers);
      return type ? answered(intake, 'type', { type }) : again();
    },
    edits: { field: 'type' },
    fallback: { answer: (intake) => withAnswer(intake, 'type', { type: 'incident' }), means: 'type' },
  },
  scope: {
    at: at('question', 'scope'),
    due: impactDue('scope'),
    prompt: (_intake, ctx) =>
      say(ctx, m(ctx).askScope(), {
        choices: [
          { label: m(ctx).labels.scopeOne, value: 'one_user' },
          { label: m(ctx).labels.scopeTeam, value: 'team' },
          { label: m(ctx).labels.scopeSite, value: 'site' },
        ],
      }),
    read: (intake, answer, ctx) => {
      const p = answer.picked;
      const scope = p === 'one_user' || p === 'team' || p === 'site' ? p : parseScope(answer.text, ctx.dialogs.answers);
      return scope ? answered(intake, 'scope', { scope }) : again();
    },
    edits: { field: 'impact' },
    fallback: { answer: (intake) => withAnswer(intake, 'scope', { scope: 'one_user' }), means: 'scope' },
  },
  workaround: {
    at: at('question', 'workaround'),
    due: impactDue('workaround'),
    prompt: (_intake, ctx) => say(ctx, m(ctx).askWorkaround(), { choices: yesNo(ctx), expects: 'confirm' }),
    read: (intake, answer, ctx) => {
      const workaround = yesOrNo(answer, ctx);
      return workaround === null ? again() : answered(intake, 'workaround', { workaround });
    },
    fallback: { answer: (intake) => withAnswer(intake, 'workaround', { workaround: false }), means: 'workaround' },
  },
  urgency: {
    at: at('question', 'urgency'),
    due: impactDue('urgency'),
    prompt: (_intake, ctx) =>
      say(ctx, m(ctx).askUrgency(), {
        choices: [
          { label: m(ctx).labels.urgentYes, value: 'yes' },
          { label: m(ctx).labels.urgentNo, value: 'no' },
        ],
        expects: 'confirm',
      }),
    read: (intake, answer, ctx) => {
      const urgent = yesOrNo(answer, ctx);
      return urgent === null ? again() : answered(intake, 'urgency', { urgent });
    },
  },
  date: {
    at: at('date'),
    // Seed 000: "Pour toute demande de priorité BASSE une date doit être définie avec le client".
    due: (intake, _ctx, classification) => {
      const c = classification();
      return c.type === 'request' && c.priority === 'basse' && !intake.appointmentAt
        ? { ...intake, ...at('date') }
        : null;
    },
    prompt: (_intake, ctx) => say(ctx, m(ctx).askDate(), { expects: 'date' }),
    read: readDate,
    edits: { field: 'date' },
  },
  summary: {
    at: at('summary'),
    due: (intake) => ({ ...intake, ...at('summary') }),
    prompt: (intake, ctx) =>
      say(ctx, summaryText(intake, ctx), {
        spoken: spokenSummaryText(intake, ctx),
        choices: [
          { label: m(ctx).labels.confirm, value: 'confirm' },
          { label: m(ctx).labels.change, value: 'change' },
          { label: m(ctx).labels.cancel, value: 'cancel' },
        ],
        expects: 'confirm',
      }),
    read: readSummary,
  },
  change: {
    at: at('change'),
    prompt: (intake, ctx) => say(ctx, m(ctx).askChange(), { choices: fieldOptions(intake, ctx) }),
    read: (_intake, answer, ctx) => {
      const p = answer.picked;
      const field = p?.startsWith('field:') ? (p.slice(6) as Field) : fieldNamed(answer.text, ctx);
      if (!field || !(FIELDS as readonly string[]).includes(field)) return again();
      return { kind: 'edit', field };
    },
  },
  done: {
    at: at('done'),
    prompt: (_intake, ctx) => say(ctx, m(ctx).anythingElse()),
    read: readDescription,
  },
};

/** The step the intake is at. */
export function stepKeyOf(intake: IntakeState): StepKey {
  return intake.phase === 'question' ? (intake.question ?? 'scope') : intake.phase;
}

/** The step that a field of the summary asks again. */
export function stepEditing(field: Field): StepDefinition {
  const found = Object.values(INTAKE_STEPS).find((s) => s.edits?.field === field);
  if (!found) throw new Error(`no intake step edits the field ${field}`);
  return found;
}
