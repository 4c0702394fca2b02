import type { Reply } from '../engine/turn.js';
import { isNonAnswer } from './answers.js';
import { pickedChoice } from './choice.js';
import { classifyIntake, type DialogContext, type DialogInput, type DialogStep } from './intake-context.js';
import type { IntakeState } from './intake-state.js';
import { type Capture, INTAKE_STEPS, stepEditing, stepKeyOf } from './intake-steps.js';
import { prefixed, reply } from './reply.js';

export { pickedChoice } from './choice.js';
export { classifyIntake, contextOf, type DialogContext, type DialogInput, type DialogStep } from './intake-context.js';
export { startIntake } from './intake-fill.js';
export { DESCRIPTION_MAX } from './intake-readers.js';
export { reasonFor, summaryText } from './summary.js';

/**
 * The intake dialog: the questions a good helpdesk agent asks on the phone (phone procedure,
 * 004), in order of need. The person's first message is free text; what it already says is
 * kept, and only what is missing is asked, step by step as the table of intake-steps.ts declares
 * them; then a summary to confirm, change one field, or cancel.
 *
 * The dialog is pure: state and input in, state and replies out. Opening the ticket is the
 * engine's job, when the dialog says the person confirmed.
 */

/** Moves the intake to the first question of the table still due and returns it. */
export function advance(intake: IntakeState, ctx: DialogContext): { intake: IntakeState; reply: Reply } {
  const base = { ...intake, editing: null, question: null } as IntakeState;
  let classification: ReturnType<typeof classifyIntake> | undefined;
  const classified = () => {
    classification ??= classifyIntake(base, ctx);
    return classification;
  };
  for (const step of Object.values(INTAKE_STEPS)) {
    const due = step.due?.(base, ctx, classified);
    if (due) return { intake: due, reply: currentPrompt(due, ctx) };
  }
  // The summary is always due: the table ends with it.
  throw new Error('the intake table has no step due');
}

/** The question of the step the intake is at, as it was (or would be) asked. */
export function currentPrompt(intake: IntakeState, ctx: DialogContext): Reply {
  return INTAKE_STEPS[stepKeyOf(intake)].prompt(intake, ctx);
}

/** One step of the intake: the person's input to the current question. */
export function intakeStep(intake: IntakeState, input: DialogInput, ctx: DialogContext): DialogStep {
  const prompt = currentPrompt(intake, ctx);
  const answer = { text: input.text.trim(), picked: pickedChoice(prompt, input) };
  const key = stepKeyOf(intake);
  // "je ne sais pas", "euh", "?" answer no question: not a company, not a name, not a no.
  const answersNothing =
    answer.picked === null && key !== 'describe' && key !== 'done' && isNonAnswer(answer.text, ctx.dialogs.answers);
  const capture: Capture = answersNothing ? { kind: 'again' } : INTAKE_STEPS[key].read(intake, answer, ctx);
  return afterCapture(intake, capture, prompt, ctx);
}

/** Not understood twice, a question is asked a last time with its choices spelled out. */
const MAX_MISSES = 3;

/**
 * A question not understood: asked again, then again with its choices spelled out; the third time
 * the seed's default is taken and said, or a person takes over (no question is asked forever).
 */
function notUnderstood(intake: IntakeState, say: string | undefined, prompt: Reply, ctx: DialogContext): DialogStep {
  const m = ctx.dialogs.messages(ctx.language);
  const misses = intake.misses + 1;
  if (misses >= MAX_MISSES) {
    const step = INTAKE_STEPS[stepKeyOf(intake)];
    const fallback = step.fallback;
    if (!fallback && step.giveUp) {
      return { intake: { ...intake, misses: 0 }, replies: [reply(ctx.language, step.giveUp(intake, ctx))] };
    }
    if (!fallback) return { intake: { ...intake, misses: 0 }, replies: [], outcome: 'handover' };
    const next = advance({ ...fallback.answer(intake), misses: 0 }, ctx);
    const taken = m.defaultTaken(m.defaults[fallback.means]());
    return { intake: next.intake, replies: [prefixed(ctx.language, taken, next.reply)] };
  }
  const kept = { ...intake, misses };
  if (misses === 1) return { intake: kept, replies: [prefixed(ctx.language, say ?? m.notUnderstood(), prompt)] };
  const before = say ?? m.notUnderstoodAgain();
  if (prompt.choices.length === 0) return { intake: kept, replies: [prefixed(ctx.language, before, prompt)] };
  const spelled = prompt.choices.map((c) => m.choiceQuoted(c.label));
  const choices = `${spelled.slice(0, -1).join(', ')} ${m.choicesOr()} ${spelled.at(-1)}`;
  const text = [before, prompt.text, m.answerWithChoices(choices)].join('\n');
  const options = prompt.choices.map(({ label, value }) => ({ label, value }));
  return { intake: kept, replies: [reply(ctx.language, text, { choices: options, expects: prompt.expects })] };
}

function afterCapture(intake: IntakeState, capture: Capture, prompt: Reply, ctx: DialogContext): DialogStep {
  switch (capture.kind) {
    case 'next': {
      const next = advance({ ...capture.intake, misses: 0 }, ctx);
      const said = capture.say === undefined ? next.reply : prefixed(ctx.language, capture.say, next.reply);
      return { intake: next.intake, replies: [said] };
    }
    case 'again':
      return notUnderstood(capture.intake ?? intake, capture.say, prompt, ctx);
    case 'goto':
      return { intake: { ...capture.intake, misses: 0 }, replies: [currentPrompt(capture.intake, ctx)] };
    case 'reply':
      return { intake: { ...capture.intake, misses: 0 }, replies: [capture.reply] };
    case 'edit': {
      // Asks the question of one field again; the other answers are kept.
      const step = stepEditing(capture.field);
      const next: IntakeState = { ...intake, editing: capture.field, ...step.at, ...step.edits?.reset };
      return { intake: next, replies: [currentPrompt(next, ctx)] };
    }
    case 'outcome':
      return { intake, replies: [], outcome: capture.outcome };
  }
}
