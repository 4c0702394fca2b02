import { findIdentity } from '../dialogs/accounts.js';
import { parseYesNo } from '../dialogs/answers.js';
import { currentPrompt, intakeStep, startIntake } from '../dialogs/intake.js';
import { prefixed } from '../dialogs/reply.js';
import { answerDuplicate, confirmIntake } from './duplicate-turns.js';
import { escalate } from './follow-up.js';
import { cancel, interrupt } from './interrupt.js';
import { detectInterruption, ticketNumberIn } from './interruptions.js';
import { chosenLanguage, languageAfter } from './language-choice.js';
import type { ConversationState } from './state.js';
import {
  dialogContext,
  inProgress,
  messagesOf,
  type StepContext,
  type StepDeps,
  type StepResult,
  withReprompt,
} from './step-context.js';
import { answerOnTicket } from './ticket-answer.js';
import { alreadyOpened, handOver } from './ticket-turns.js';
import type { Turn } from './turn.js';
import { answerWithdraw } from './withdraw-turns.js';

export type { StepDeps, StepResult, TicketPort } from './step-context.js';
export { intakeDraft, intakeKey } from './ticket-turns.js';

/** Below this speech-to-text confidence the caller is asked to repeat. */
const MIN_SPEECH_CONFIDENCE = 0.3;

/**
 * One turn of the conversation: the state and the person's message in, the new state, the
 * replies and the effects out. Interruptions are handled before any dialog step (interrupt.ts);
 * the answers go to the intake dialog, and a confirmed intake opens its ticket (ticket-turns.ts).
 * The only I/O is through the ticket port; the conversation state itself is loaded and saved by
 * the caller.
 */
export async function step(state: ConversationState, turn: Turn, now: Date, deps: StepDeps): Promise<StepResult> {
  const text = (turn.text ?? '').trim();
  const c: StepContext = { turn, now, deps, identity: findIdentity(deps.accounts, turn.userId) };
  let s: ConversationState =
    turn.language === undefined
      ? { ...state, greeted: true, ...(text ? languageAfter(state, text, deps) : {}) }
      : { ...chosenLanguage(state, turn), greeted: true };
  const m = messagesOf(s, c);
  const ctx = () => dialogContext(s, c);

  if (text === '' && !turn.choice) {
    const prompt = currentPrompt(s.intake, ctx());
    return { state: s, replies: [prefixed(s.language, m.empty(), prompt)], effects: [] };
  }
  if (turn.speechConfidence !== undefined && turn.speechConfidence < MIN_SPEECH_CONFIDENCE && !turn.choice) {
    const prompt = currentPrompt(s.intake, ctx());
    return { state: s, replies: [prefixed(s.language, m.notHeard(), prompt)], effects: [] };
  }

  if (s.pending === 'escalate') {
    const number = ticketNumberIn(text);
    s = { ...s, pending: null };
    if (number) return withReprompt(s, c, await escalate(s, c, number));
  }
  if (s.pending === 'withdraw') {
    const answered = await answerWithdraw(s, c, text);
    if (answered) return answered;
    s = { ...s, pending: null, withdrawOf: null, withdrawWords: null };
  }
  if (s.pending === 'duplicate') {
    const answered = await answerDuplicate(s, c, text);
    if (answered) return answered;
    s = { ...s, pending: null, duplicateOf: null };
  }

  const afterTicket = s.intake.phase === 'done' && s.opened.length > 0;
  const interruption = detectInterruption(text, deps.dialogs.answers, { afterTicket, inIntake: inProgress(s.intake) });
  if (interruption) return interrupt(s, c, interruption);

  // After a ticket: pressing "confirm" again answers with the same ticket.
  const last = s.opened[s.opened.length - 1];
  if (
    s.intake.phase === 'done' &&
    last &&
    (turn.choice === 'confirm' || text === '1' || parseYesNo(text, deps.dialogs.answers) === true)
  ) {
    return alreadyOpened(s, c, last);
  }
  // Between two intakes, a message may be about the conversation's ticket: the answer a
  // technician waits for, or the problem of a resolved ticket still there (ticket-answer.ts).
  if ((s.intake.phase === 'done' || s.intake.phase === 'describe') && turn.choice === undefined) {
    const answered = await answerOnTicket(s, c, text);
    if (answered) return answered;
  }
  // Anything else after a ticket is a new intake.
  if (s.intake.phase === 'done') {
    s = { ...s, intake: nextIntake(s, c), intakeNumber: s.intakeNumber + 1 };
  } else if (s.intake.phase === 'describe' && !s.intake.account && c.identity) {
    s = { ...s, intake: startIntake(c.identity) };
  }

  const input = turn.choice === undefined ? { text } : { text, choice: turn.choice };
  const result = intakeStep(s.intake, input, ctx());
  s = { ...s, intake: result.intake };
  if (result.outcome === 'confirm') return confirmIntake(s, c);
  if (result.outcome === 'cancel') return cancel(s, c);
  if (result.outcome === 'handover') return handOver(s, c);
  return { state: s, replies: result.replies, effects: [] };
}

/**
 * The intake of a new request in the same conversation: who the person is carries over (the
 * channel's identity, or the company and name they gave for the first ticket), so it is not asked
 * again.
 */
function nextIntake(s: ConversationState, c: StepContext): ConversationState['intake'] {
  const fresh = startIntake(c.identity);
  if (c.identity || !s.intake.account) return fresh;
  const { account, accountKnown, contract, contact, contactEmail, contactPhone, management } = s.intake;
  return { ...fresh, account, accountKnown, contract, contact, contactEmail, contactPhone, management };
}
