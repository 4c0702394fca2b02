import { z } from 'zod';
import { shippedDialogs } from '../../dialogs/load.js';
import type { Dialogs } from '../../dialogs/messages.js';
import type { Language } from '../../domain.js';
import type { Choice, TicketCard } from '../../engine/turn.js';

/**
 * Adaptive Cards as Teams renders them. Teams supports schema 1.5 at most (Microsoft's "Adaptive
 * Cards in Teams" page); a card of a later version is shown as an error, so every card says 1.5.
 */
export const ADAPTIVE_CARD_VERSION = '1.5';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** An attachment of a Bot Framework activity carrying an Adaptive Card. */
export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: AdaptiveCard;
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: typeof ADAPTIVE_CARD_VERSION;
  body: Record<string, unknown>[];
  actions?: Record<string, unknown>[];
}

/**
 * What a choice button sends back when it is clicked (`Action.Submit` data, received as the
 * activity's `value`). It carries the question and the label so the card can be rewritten with the
 * answer without keeping the card anywhere, and the card's own id so that a second click on the
 * same card is recognised.
 */
export const choiceSubmit = z.object({
  guichet: z.literal('choice'),
  card: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  value: z.string().min(1).max(200),
  label: z.string().max(300),
  prompt: z.string().max(4_000),
  language: z.enum(['fr', 'en']),
});
export type ChoiceSubmit = z.infer<typeof choiceSubmit>;

function card(body: Record<string, unknown>[], actions?: Record<string, unknown>[]): CardAttachment {
  const content: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    body,
  };
  if (actions) content.actions = actions;
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

function textBlock(text: string, style: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'TextBlock', text, wrap: true, ...style };
}

/** Adaptive Cards' TextBlock reads a subset of Markdown: a line break needs an empty line. */
function paragraphs(text: string): string {
  return text.replace(/\n/g, '\n\n');
}

/** A question with its choices as `Action.Submit` buttons; `cardId` tells this card's clicks apart. */
export function choiceCard(prompt: string, choices: Choice[], language: Language, cardId: string): CardAttachment {
  const actions = choices.map((choice) => {
    const data: ChoiceSubmit = {
      guichet: 'choice',
      card: cardId,
      value: choice.value,
      label: choice.label,
      prompt,
      language,
    };
    return { type: 'Action.Submit', title: choice.label, data };
  });
  return card([textBlock(paragraphs(prompt))], actions);
}

/** The same question once answered: the answer shown, no button left to click. */
export function answeredCard(submit: ChoiceSubmit, dialogs: Dialogs = shippedDialogs()): CardAttachment {
  const wording = dialogs.messages(submit.language).teams;
  return card([
    textBlock(paragraphs(submit.prompt), { isSubtle: true }),
    textBlock(wording.answered(submit.label), { weight: 'Bolder', color: 'Good' }),
  ]);
}

/** The ticket card: number, type, priority and why, queue, deadlines and how to escalate. */
export function ticketCardAttachment(
  ticket: TicketCard,
  language: Language,
  dialogs: Dialogs = shippedDialogs(),
): CardAttachment {
  const wording = dialogs.messages(language).teams;
  const noSla = dialogs.messages(language).noSla;
  const facts: { title: string; value: string }[] = [
    { title: wording.type, value: ticket.typeLabel },
    { title: wording.priority, value: ticket.priorityLabel },
  ];
  if (ticket.priorityReason) facts.push({ title: wording.reason, value: ticket.priorityReason });
  facts.push(
    { title: wording.queue, value: ticket.queue },
    { title: wording.firstResponse, value: ticket.firstResponseDueText ?? noSla },
    { title: wording.resolution, value: ticket.resolutionDueText ?? noSla },
    { title: wording.escalation, value: ticket.escalationText },
  );
  return card([
    textBlock(wording.ticketHeading(ticket.number), { size: 'Medium', weight: 'Bolder' }),
    textBlock(ticket.title, { isSubtle: true, spacing: 'None' }),
    { type: 'FactSet', facts },
  ]);
}
