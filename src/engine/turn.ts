import type { Language, Source } from '../domain.js';

/** One message from a person, as every channel adapter hands it to the engine. */
export interface Turn {
  channel: Source;
  /** Conversation id on that channel (Slack thread, Teams conversation, Twilio CallSid, web session). */
  conversationId: string;
  /** The channel identity: e-mail, phone number (E.164) or chat id, matched in the accounts file. */
  userId?: string;
  /** What the person wrote or said; empty for a pure choice. */
  text: string;
  /** The value of a choice when the person pressed a button or a key. */
  choice?: string;
  /** Speech-to-text confidence (0–1) when the text was spoken. */
  speechConfidence?: number;
  /** A stable id of the incoming message, to ignore the same turn delivered twice. */
  messageId?: string;
  /** The channel's reference to reach the person again (serialized by the adapter). */
  conversationRef?: string;
  /**
   * The language the person chose on the channel (the English key of the phone menu): the
   * conversation is held in it from this turn on, as if their words had decided it.
   */
  language?: Language;
}

/** A choice offered to the person: a button in chat, a key on the phone. */
export interface Choice {
  label: string;
  /** The keypad digit that picks it on the phone ("1"…"9"). */
  digit: string;
  /** The value sent back in Turn.choice. */
  value: string;
}

/** What the bot expects next, so a channel can pick the right input (keypad, speech, date…). */
export type Expectation = 'text' | 'choice' | 'confirm' | 'date' | 'none';

/** The card shown once a ticket is opened (or when its status is asked). */
export interface TicketCard {
  number: string;
  type: 'incident' | 'request';
  typeLabel: string;
  priority: string;
  priorityLabel: string;
  /** Why this priority, in the person's language (the rule of seed 000 that set it). */
  priorityReason?: string;
  domain: string;
  queue: string;
  title: string;
  status: string;
  account: string | null;
  /** Who the ticket is for, as the intake recorded it. */
  contact: string | null;
  contract: boolean;
  firstResponseDue: string | null;
  resolutionDue: string | null;
  escalationAt: string | null;
  firstResponseDueText: string | null;
  resolutionDueText: string | null;
  escalationText: string;
  /** The intervention date agreed for a basse request (seed 000), as an instant and as said. */
  appointmentAt: string | null;
  appointmentText: string | null;
}

/** One reply of the bot, channel-neutral: each channel renders it (text, TwiML, Block Kit, cards). */
export interface Reply {
  text: string;
  /** The same sentence written for the ear (numbers and dates in words, no symbols). */
  speech: string;
  choices: Choice[];
  expects: Expectation;
  card?: TicketCard;
  language: Language;
}

/** Something that happened because of the turn, for the adapters and the notifier to act on. */
export type Effect =
  | { type: 'ticket_opened'; ticketNumber: string }
  | { type: 'ticket_escalated'; ticketNumber: string }
  /** The message was added to an open ticket of the same problem instead of opening another. */
  | { type: 'ticket_noted'; ticketNumber: string }
  /** The person no longer needs the ticket: it is marked resolved with their words. */
  | { type: 'ticket_withdrawn'; ticketNumber: string }
  /** The person said the problem of their resolved ticket is still there: it is open again. */
  | { type: 'ticket_reopened'; ticketNumber: string }
  /** The person answered their ticket waiting for them: it is back in progress. */
  | { type: 'ticket_answered'; ticketNumber: string }
  | { type: 'technician_requested'; ticketNumber?: string }
  | { type: 'transfer_call'; phone: string }
  | { type: 'conversation_ended' };

export interface TurnResult {
  replies: Reply[];
  /** The ticket opened (or referred to) by this turn. */
  ticket?: TicketCard;
  effects: Effect[];
}

/**
 * The conversation engine as every channel sees it. State is loaded from and saved to the store
 * on each call, keyed by channel and conversation id.
 */
export interface ConversationEngine {
  /** Opens (or resumes) the conversation and returns the greeting (or where it stopped). */
  begin(turn: Omit<Turn, 'text'>): Promise<TurnResult>;
  /** One message of the person. */
  handleTurn(turn: Turn): Promise<TurnResult>;
  /**
   * The person left mid-intake (a caller hung up): what is known is kept as a draft ticket that
   * technicians can see. Returns it, or null when nothing worth keeping was said.
   */
  abandon(channel: Turn['channel'], conversationId: string): Promise<TicketCard | null>;
}
