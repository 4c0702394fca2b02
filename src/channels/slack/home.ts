import type { types } from '@slack/bolt';
import { formatInstant } from '../../dialogs/dates.js';
import { shippedDialogs } from '../../dialogs/load.js';
import type { Dialogs } from '../../dialogs/messages.js';
import type { Language } from '../../domain.js';
import type { Policy } from '../../policy/schema.js';
import type { Ticket } from '../../store/ticket-store.js';
import { escapeMrkdwn } from './blocks.js';

/** The action of the Home tab's button, and the callback of the modal it opens. */
export const NEW_PROBLEM_ACTION = 'guichet_new_problem';
export const NEW_PROBLEM_VIEW = 'guichet_new_problem_view';
export const DESCRIPTION_BLOCK = 'description';
export const DESCRIPTION_INPUT = 'text';

/** The statuses of a ticket still being worked on, as the Home tab lists them. */
const OPEN = new Set<Ticket['status']>(['draft', 'new', 'assigned', 'in_progress', 'waiting_customer']);

/** Whether a ticket is still open (not resolved or closed). */
export function isOpen(ticket: Ticket): boolean {
  return OPEN.has(ticket.status);
}

/**
 * The App Home tab: the person's open tickets with their status and deadlines, and the button to
 * report a new problem. `tickets` is null when the person is not a known contact.
 */
export function homeView(
  tickets: readonly Ticket[] | null,
  policy: Policy,
  language: Language,
  now: Date,
  dialogs: Dialogs = shippedDialogs(),
): types.HomeView {
  const m = dialogs.messages(language);
  const w = m.slack.home;
  const zone = policy.calendar.timezone;
  const say = (iso: string | null) => (iso ? formatInstant(iso, language, zone, now) : null);
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: w.title } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(w.intro(policy.company.name)) }] },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          style: 'primary',
          action_id: NEW_PROBLEM_ACTION,
          text: { type: 'plain_text', text: w.newProblem },
        },
      ],
    },
    { type: 'divider' },
  ];
  if (tickets === null) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(w.unknown) } });
  else if (tickets.length === 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(w.none) } });
  // A Home view holds at most 100 blocks: two per ticket, after the five above.
  for (const ticket of (tickets ?? []).slice(0, 40)) {
    const card = m.slack.card;
    const priority = policy.priorities[ticket.priority].label[language];
    const first = ticket.firstRespondedAt === null ? say(ticket.firstResponseDue) : null;
    const resolution = say(ticket.resolutionDue);
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: w.ticketLine(ticket.number, escapeMrkdwn(ticket.title)) },
      fields: [
        {
          type: 'mrkdwn',
          text: `*${card.status}*\n${escapeMrkdwn(w.details(m.statuses[ticket.status], priority.toLowerCase()))}`,
        },
        ...(first ? [{ type: 'mrkdwn' as const, text: `*${card.firstResponse}*\n${escapeMrkdwn(first)}` }] : []),
        ...(resolution ? [{ type: 'mrkdwn' as const, text: `*${card.resolution}*\n${escapeMrkdwn(resolution)}` }] : []),
        ...(ticket.contract ? [] : [{ type: 'mrkdwn' as const, text: escapeMrkdwn(m.noSla) }]),
      ],
    });
    blocks.push({ type: 'divider' });
  }
  return { type: 'home', blocks };
}

/** The modal the Home tab's button opens: a description in the person's words, long if need be. */
export function newProblemModal(language: Language, dialogs: Dialogs = shippedDialogs()): types.ModalView {
  const w = dialogs.messages(language).slack.modal;
  return {
    type: 'modal',
    callback_id: NEW_PROBLEM_VIEW,
    title: { type: 'plain_text', text: w.title },
    submit: { type: 'plain_text', text: w.submit },
    close: { type: 'plain_text', text: w.close },
    blocks: [
      {
        type: 'input',
        block_id: DESCRIPTION_BLOCK,
        label: { type: 'plain_text', text: w.label },
        hint: { type: 'plain_text', text: w.hint },
        element: { type: 'plain_text_input', action_id: DESCRIPTION_INPUT, multiline: true, max_length: 3_000 },
      },
    ],
  };
}
