import type { Messages } from '../../dialogs/messages.js';
import type { Reply, TicketCard } from '../../engine/turn.js';
import type { Prompt } from './call-state.js';
import { spellTicketNumber } from './spell.js';

/**
 * A reply as the caller hears it. The engine writes `speech` for the ear (deadlines in words); the
 * ticket number is the channel's part: read sign by sign, and said even if the sentence omits it.
 */
export function replyForTheEar(reply: Reply, m: Messages): Prompt {
  return {
    speech: speechWithTicketNumber(reply.speech, reply.card, m),
    choices: reply.choices,
    expects: reply.expects,
  };
}

function speechWithTicketNumber(speech: string, card: TicketCard | undefined, m: Messages): string {
  if (card === undefined) return speech;
  const spelled = spellTicketNumber(card.number, m.phone);
  if (speech.includes(card.number)) return speech.split(card.number).join(spelled);
  if (speech.includes(spelled)) return speech;
  return `${m.phone.ticketNumber(spelled)} ${speech}`.trim();
}

/** The SMS that repeats what the caller heard: the number, the deadlines and how to escalate. */
export function ticketSms(companyName: string, card: TicketCard, m: Messages): string {
  const lines = [m.sms.opened(companyName, card.number, card.priorityLabel)];
  if (card.firstResponseDueText !== null) lines.push(m.sms.firstResponse(card.firstResponseDueText));
  if (card.resolutionDueText !== null) lines.push(m.sms.resolution(card.resolutionDueText));
  if (card.escalationText.trim() !== '') lines.push(card.escalationText.trim());
  return lines.map((line) => line.replace(/\.\.$/, '.')).join('\n');
}
