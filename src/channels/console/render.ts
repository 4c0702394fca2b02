import type { Reply, TicketCard, TurnResult } from '../../engine/turn.js';

/**
 * Rendering the engine's replies for the terminal: one JSON line per turn for scripts (the
 * stable shape of docs/architecture.md, "The command line"), or plain text with numbered choices for a person.
 */

/** The JSON line of a turn: `{"replies": [{"text", "choices": [{"label", "digit"}], "expects"}], "ticket"?}`. */
export interface ChatLine {
  replies: { text: string; choices: { label: string; digit: string }[]; expects: Reply['expects'] }[];
  ticket?: TicketCard;
}

export function toChatLine(result: TurnResult): ChatLine {
  const line: ChatLine = {
    replies: result.replies.map((r) => ({
      text: r.text,
      choices: r.choices.map((c) => ({ label: c.label, digit: c.digit })),
      expects: r.expects,
    })),
  };
  if (result.ticket) line.ticket = result.ticket;
  return line;
}

/** A turn's replies as text for a person at a terminal, choices numbered for typing the digit. */
export function toText(result: TurnResult): string {
  const blocks = result.replies.map((r) => {
    const choices = r.choices.map((c) => `   ${c.digit}. ${c.label}`);
    return [r.text, ...choices].join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
