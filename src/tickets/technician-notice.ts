import { shippedDialogs } from '../dialogs/load.js';
import type { Dialogs, Messages } from '../dialogs/messages.js';
import type { TicketStatus } from '../domain.js';
import type { NotificationKind } from '../notifier/notifier.js';
import type { Policy, QueueChannels, Technician } from '../policy/schema.js';
import type { Ticket } from '../store/ticket-store.js';
import { notificationText, shortDate, TECHNICIAN_LANGUAGE } from './notification-text.js';
import { techniciansAt } from './resources.js';
import type { TechnicianAction } from './technician-actions.js';

/** One fact of a notice: a Block Kit field, an Adaptive Card FactSet entry. */
export interface NoticeFact {
  label: string;
  value: string;
}

/** A deadline with what is left of it at the notice's instant. */
export interface NoticeDeadline {
  label: string;
  /** ISO-8601 with the helpdesk's offset. */
  due: string;
  /** "23/11/2026 14:00". */
  dueText: string;
  /** "dans 2 h 15", "en retard de 40 min", "tenue"… */
  left: string;
  late: boolean;
}

/** One button: a technician action on the ticket, or calling a caller back. */
export interface NoticeAction {
  action: TechnicianAction | 'call_back';
  label: string;
  /** What the button sends back (Slack `value`, Teams `data.value`); read with `parseActionValue`. */
  value: string;
  style: 'primary' | 'danger' | 'default';
  /** The text the button asks for first (a Slack modal, a Teams Input.Text). */
  input?: { label: string; required: boolean };
  /** call_back: the tel: link to open instead of sending anything. */
  url?: string;
}

/**
 * A technician notification described once for every chat: what the Slack (Block Kit) and Teams
 * (Adaptive Card) renderers lay out, and what each copy of the message is updated to after an
 * action. The words are French, as technicians read them (the `notice` sentences of dialogs/).
 */
export interface TechnicianNotice {
  kind: NotificationKind;
  number: string;
  /** A critique ticket: "La production de l'entreprise est à l'arrêt" (seed 004). */
  urgent: boolean;
  headline: string;
  title: string;
  description: string;
  facts: NoticeFact[];
  deadlines: NoticeDeadline[];
  status: { code: TicketStatus; label: string };
  assignee: Technician | null;
  actions: NoticeAction[];
  /** Who gets it: the level's technicians, and the on-call one for a critique ticket. */
  recipients: Technician[];
  /** The queue's channels, where the recipients are mentioned besides their DMs. */
  channels: QueueChannels;
  /** The whole notice as plain text, for a log, an SMS or a notification preview. */
  text: string;
}

/** Who hears of a ticket: its level's technicians, and for a critique one the on-call technician too. */
export function noticeRecipients(policy: Policy, ticket: Ticket): Technician[] {
  const recipients = techniciansAt(policy, ticket.queue, ticket.level);
  const onCall = policy.resources.technicians.find((t) => t.id === policy.resources.onCall);
  if (ticket.priority === 'critique' && onCall && !recipients.some((t) => t.id === onCall.id)) recipients.push(onCall);
  return recipients;
}

const VALUE_PREFIX = 'guichet';

/** The value a button sends back: "guichet:take:T20261123.0001". */
export function actionValue(action: NoticeAction['action'], number: string): string {
  return `${VALUE_PREFIX}:${action}:${number}`;
}

/** Reads a button's value back; undefined for anything else, which the channel refuses with a 4xx. */
export function parseActionValue(value: string): { action: NoticeAction['action']; number: string } | undefined {
  const match = /^guichet:(take|reply|escalate|wait|resolve|reopen|call_back):(T\d{8}\.\d{4,})$/.exec(value);
  if (!match) return undefined;
  return { action: match[1] as NoticeAction['action'], number: match[2] as string };
}

/** The words of a notice (dialogs/, `notice`), in French as technicians read them. */
type NoticeWords = Messages['notice'];

/** Buttons that ask for a text first, and whether it may be left empty. */
const INPUT_REQUIRED = { reply: true, escalate: true, wait: false, resolve: true } as const;

function timeLeft(w: NoticeWords, due: string, now: Date, doneAt: string | null): { left: string; late: boolean } {
  const t = w.timeLeft;
  if (doneAt !== null) {
    const met = new Date(doneAt) <= new Date(due);
    return { left: met ? t.met : t.missed, late: !met };
  }
  const ms = new Date(due).getTime() - now.getTime();
  const total = Math.round(Math.abs(ms) / 60_000);
  const [hours, minutes] = [Math.floor(total / 60), total % 60];
  const span =
    hours === 0
      ? t.minutes(minutes)
      : minutes === 0
        ? t.hours(hours)
        : t.hoursMinutes(hours, String(minutes).padStart(2, '0'));
  return ms >= 0 ? { left: t.left(span), late: false } : { left: t.late(span), late: true };
}

function button(
  w: NoticeWords,
  action: NoticeAction['action'],
  number: string,
  style: NoticeAction['style'] = 'default',
): NoticeAction {
  const made: NoticeAction = { action, label: w.actions[action], value: actionValue(action, number), style };
  if (action in INPUT_REQUIRED) {
    const asked = action as keyof typeof INPUT_REQUIRED;
    made.input = { label: w.inputs[asked], required: INPUT_REQUIRED[asked] };
  }
  return made;
}

/** The buttons a ticket offers in its status: nothing to take once taken, only reopen once resolved. */
function actionsFor(w: NoticeWords, ticket: Ticket): NoticeAction[] {
  const n = ticket.number;
  if (ticket.status === 'resolved' || ticket.status === 'closed') return [button(w, 'reopen', n)];
  const actions: NoticeAction[] = [];
  if (ticket.assignee === null) actions.push(button(w, 'take', n, 'primary'));
  actions.push(button(w, 'reply', n));
  if (ticket.status === 'draft' && ticket.contactPhone) {
    actions.push({ ...button(w, 'call_back', n), url: `tel:${ticket.contactPhone.replace(/[^\d+]/g, '')}` });
  }
  actions.push(button(w, 'escalate', n, 'danger'));
  if (ticket.status === 'waiting_customer') actions.push(button(w, 'reopen', n));
  else actions.push(button(w, 'wait', n));
  actions.push(button(w, 'resolve', n));
  return actions;
}

/**
 * The notice of a ticket at `now`: for a new ticket, an escalation (with who and why), a draft
 * left by a caller who hung up (with the number to call back), and again after every action,
 * so each copy of the message shows who took it, the status and the time left.
 */
export function technicianNotice(
  policy: Policy,
  kind: NotificationKind,
  ticket: Ticket,
  now: Date,
  detail?: { by?: string; fromLevel?: number; reason?: string },
  dialogs: Dialogs = shippedDialogs(),
): TechnicianNotice {
  const w = dialogs.messages(TECHNICIAN_LANGUAGE).notice;
  const labels = w.labels;
  const priority = policy.priorities[ticket.priority];
  const urgent = ticket.priority === 'critique';
  const assignee = policy.resources.technicians.find((t) => t.id === ticket.assignee) ?? null;
  const facts: NoticeFact[] = [
    { label: labels.priority, value: w.priority(priority.number, priority.label[TECHNICIAN_LANGUAGE]) },
    { label: labels.type, value: ticket.type === 'incident' ? w.incident : w.request },
    { label: labels.person, value: ticket.contact ?? w.unknownContact },
    { label: labels.company, value: ticket.account ?? w.unknownAccount },
    { label: labels.contract, value: ticket.contract ? w.withContract : w.withoutContract },
    { label: labels.queue, value: w.queue(ticket.queue, ticket.level) },
    { label: labels.status, value: w.statuses[ticket.status] },
  ];
  if (ticket.classificationReason) facts.splice(1, 0, { label: labels.reason, value: ticket.classificationReason });
  if (assignee) facts.push({ label: labels.assignee, value: assignee.name });
  if (ticket.status === 'draft' && ticket.contactPhone) {
    facts.push({ label: labels.callerPhone, value: ticket.contactPhone });
  }
  if (kind === 'ticket_escalated' && detail?.by) facts.push({ label: labels.escalatedBy, value: detail.by });
  if (kind === 'ticket_escalated' && detail?.reason) {
    facts.push({ label: labels.escalationReason, value: detail.reason });
  }
  const deadlines: NoticeDeadline[] = [];
  if (ticket.contract && ticket.firstResponseDue && ticket.resolutionDue) {
    const rows = [
      [labels.firstResponse, ticket.firstResponseDue, ticket.firstRespondedAt],
      [labels.resolution, ticket.resolutionDue, ticket.resolvedAt],
    ] as const;
    for (const [label, due, doneAt] of rows) {
      deadlines.push({ label, due, dueText: shortDate(due), ...timeLeft(w, due, now, doneAt) });
    }
  }
  const text = notificationText(policy, dialogs, kind, ticket, detail);
  return {
    kind,
    number: ticket.number,
    urgent,
    headline: text.split('\n')[0] ?? ticket.number,
    title: ticket.title,
    description: ticket.description,
    facts,
    deadlines,
    status: { code: ticket.status, label: w.statuses[ticket.status] },
    assignee,
    actions: actionsFor(w, ticket),
    recipients: noticeRecipients(policy, ticket),
    channels: policy.resources.channels[ticket.queue] ?? {},
    text,
  };
}
