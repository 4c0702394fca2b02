import { currentPrompt, startIntake } from '../dialogs/intake.js';
import { prefixed, reply } from '../dialogs/reply.js';
import { escalate, myStatus, myTickets, status, technician } from './follow-up.js';
import type { Interruption } from './interruptions.js';
import type { ConversationState } from './state.js';
import {
  dialogContext,
  inProgress,
  messagesOf,
  type StepContext,
  type StepResult,
  withReprompt,
} from './step-context.js';
import { askWithdraw } from './withdraw-turns.js';

/** Handles what was asked at any point (interruptions.ts), then goes back to the intake's question. */
export async function interrupt(s: ConversationState, c: StepContext, i: Interruption): Promise<StepResult> {
  const m = messagesOf(s, c);
  const lang = s.language;
  switch (i.kind) {
    case 'help':
      return withReprompt(s, c, { state: s, replies: [reply(lang, m.help())], effects: [] });
    case 'thanks': {
      // In the middle of an intake, the question comes back; otherwise an invitation to say more.
      const said = inProgress(s.intake) ? m.welcome() : m.welcomeAnythingElse();
      return withReprompt(s, c, { state: s, replies: [reply(lang, said)], effects: [] });
    }
    case 'goodbye':
      if (inProgress(s.intake)) {
        // A request half told is not dropped on a polite word: the person is told how to leave it.
        return withReprompt(s, c, { state: s, replies: [reply(lang, m.goodbyeUnfinished())], effects: [] });
      }
      return { state: s, replies: [reply(lang, m.goodbye())], effects: [{ type: 'conversation_ended' }] };
    case 'cancel':
      return cancel(s, c);
    case 'restart': {
      const next = {
        ...s,
        intake: startIntake(c.identity),
        intakeNumber: s.intakeNumber + (inProgress(s.intake) ? 1 : 0),
      };
      return {
        state: next,
        replies: [prefixed(lang, m.restarted(), currentPrompt(next.intake, dialogContext(next, c)))],
        effects: [],
      };
    }
    case 'status':
      return withReprompt(s, c, await status(s, c, i.number));
    case 'my_tickets':
      return withReprompt(s, c, await myTickets(s, c));
    case 'my_status':
      return withReprompt(s, c, await myStatus(s, c));
    case 'escalate': {
      const number = i.number ?? s.opened[s.opened.length - 1] ?? null;
      if (!number)
        return { state: { ...s, pending: 'escalate' }, replies: [reply(lang, m.askTicketNumber())], effects: [] };
      return withReprompt(s, c, await escalate(s, c, number));
    }
    case 'urgent':
      return urgent(s, c);
    case 'withdraw':
      return askWithdraw(s, c, i.number);
    case 'technician':
      return withReprompt(s, c, await technician(s, c, i.number ?? s.opened[s.opened.length - 1] ?? null));
  }
}

/**
 * "C'est urgent !" right after a ticket: where the ticket stands (its priority and deadlines), and
 * how to have a technician told at once if that is too long, rather than a new request.
 */
async function urgent(s: ConversationState, c: StepContext): Promise<StepResult> {
  const m = messagesOf(s, c);
  const number = s.opened[s.opened.length - 1];
  if (!number) return { state: s, replies: [reply(s.language, m.help())], effects: [] };
  const current = await status(s, c, number);
  const [first, ...rest] = current.replies;
  const replies = first
    ? [prefixed(s.language, m.urgentNoted(), first), ...rest, reply(s.language, m.urgentAdvice())]
    : [reply(s.language, m.urgentAdvice())];
  return { ...current, replies };
}

/** Cancels the intake: nothing is recorded, and the next message starts a new one. */
export function cancel(s: ConversationState, c: StepContext): StepResult {
  const next: ConversationState = {
    ...s,
    intake: startIntake(c.identity),
    intakeNumber: s.intakeNumber + (inProgress(s.intake) ? 1 : 0),
    pending: null,
  };
  return {
    state: next,
    replies: [reply(s.language, messagesOf(s, c).cancelled())],
    effects: [{ type: 'conversation_ended' }],
  };
}
