import type { Reply, TicketCard } from '../../engine/turn.js';
import type { Prompt } from './call-state.js';
import { spellTicketNumber } from './spell.js';

/**
 * A reply as the caller hears it. The engine writes `speech` for the ear (deadlines in words); the
 * ticket number is the channel's part: read sign by sign, and said even if the sentence omits it.
 */
export function replyForTheEar(reply: Reply): Prompt {
  return { speech: speechWithTicketNumber(reply.speech, reply.card), choices: reply.choices, expects: reply.expects };
}

function speechWithTicketNumber(speech: string, card: TicketCard | undefined): string {
  if (card === undefined) return speech;
  const spelled = spellTicketNumber(card.number);
  if (speech.includes(card.number)) return speech.split(card.number).join(spelled);
  if (speech.includes(spelled)) return speech;
  return `Votre numéro de ticket est le ${spelled}. ${speech}`.trim();
}

/** The SMS that repeats what the caller heard: the number, the deadlines and how to escalate. */
export function ticketSms(companyName: string, card: TicketCard): string {
  const lines = [`${companyName} : votre ticket ${card.number} est ouvert (priorité ${card.priorityLabel}).`];
  if (card.firstResponseDueText !== null) lines.push(`Première réponse : ${card.firstResponseDueText}.`);
  if (card.resolutionDueText !== null) lines.push(`Résolution : ${card.resolutionDueText}.`);
  if (card.escalationText.trim() !== '') lines.push(card.escalationText.trim());
  return lines.map((line) => line.replace(/\.\.$/, '.')).join('\n');
}
