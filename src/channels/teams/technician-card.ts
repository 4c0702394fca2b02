import { z } from 'zod';
import { shippedDialogs } from '../../dialogs/load.js';
import type { TechnicianNotice } from '../../tickets/technician-notice.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, ADAPTIVE_CARD_VERSION, type CardAttachment } from './cards.js';

/**
 * What a technician card's button sends back (`Action.Submit` data, the activity's `value`): the
 * notice's action value ("guichet:take:T20261123.0001") and, for Répondre, Escalader, En attente
 * client and Résolu, the text typed in the card's Input.Text.
 */
export const technicianSubmit = z.object({
  guichet: z.literal('technician'),
  value: z.string().min(1).max(100),
  text: z.string().max(4_000).optional(),
});
export type TechnicianSubmit = z.infer<typeof technicianSubmit>;

/** Technicians read French (seed 004's helpdesk): the card's own words are the French catalogue's. */
function wording() {
  return shippedDialogs().messages('fr').technicianTeams;
}

function textBlock(text: string, style: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'TextBlock', text, wrap: true, ...style };
}

/**
 * A button of the notice. One that asks for a text is an `Action.ShowCard` holding the Input.Text
 * and its own submit, so the text travels with the value; a call back is an `Action.OpenUrl` to
 * the caller's tel: link.
 */
function cardAction(action: TechnicianNotice['actions'][number]): Record<string, unknown> {
  if (action.url) return { type: 'Action.OpenUrl', title: action.label, url: action.url };
  const data: TechnicianSubmit = { guichet: 'technician', value: action.value };
  const style = action.style === 'default' ? {} : { style: action.style === 'primary' ? 'positive' : 'destructive' };
  if (!action.input) return { type: 'Action.Submit', title: action.label, data, ...style };
  return {
    type: 'Action.ShowCard',
    title: action.label,
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.Text',
          id: 'text',
          label: action.input.label,
          isMultiline: true,
          maxLength: 4_000,
          isRequired: action.input.required,
          errorMessage: action.input.label,
        },
      ],
      actions: [{ type: 'Action.Submit', title: wording().send, data, ...style }],
    },
  };
}

/**
 * A technician notice as an Adaptive Card 1.5 (the most Teams renders): the headline (in red when
 * the ticket is critique), the title and description, the facts, the deadlines with the time left,
 * and the buttons of the ticket's status. Each copy is replaced by the card of the new notice after
 * an action.
 */
export function technicianCard(notice: TechnicianNotice): CardAttachment {
  const body: Record<string, unknown>[] = [
    textBlock(notice.headline, { size: 'Medium', weight: 'Bolder', ...(notice.urgent ? { color: 'Attention' } : {}) }),
    textBlock(notice.title, { weight: 'Bolder', spacing: 'Small' }),
    textBlock(notice.description, { isSubtle: true, spacing: 'None', maxLines: 8 }),
    { type: 'FactSet', facts: notice.facts.map((f) => ({ title: f.label, value: f.value })) },
  ];
  if (notice.deadlines.length > 0) {
    body.push(textBlock(wording().deadlines, { weight: 'Bolder', spacing: 'Medium' }), {
      type: 'FactSet',
      facts: notice.deadlines.map((d) => ({ title: d.label, value: `${d.dueText} (${d.left})` })),
    });
  }
  return {
    contentType: ADAPTIVE_CARD_CONTENT_TYPE,
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: ADAPTIVE_CARD_VERSION,
      body,
      actions: notice.actions.map(cardAction),
    },
  };
}
