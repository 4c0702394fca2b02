import type { ConversationEngine, Reply, TicketCard, Turn, TurnResult } from '../../../../src/engine/turn.js';

/** A caller without a maintenance contract (Boulangerie Marcel in policy/accounts.yaml). */
export const NO_CONTRACT_CALLER = '+33490000020';

interface Conversation {
  step: 'describe' | 'confirm' | 'done';
  description: string;
}

function reply(speech: string, extra: Partial<Reply> = {}): Reply {
  return { text: speech, speech, choices: [], expects: 'text', language: 'fr', ...extra };
}

/**
 * A scripted intake standing in for the conversation engine: it asks for a description (with
 * keypad shortcuts), reads back a summary to confirm, then opens a ticket. It records every call
 * and, on purpose, does not ignore repeated turns, so the channel alone must keep retries from
 * opening a second ticket.
 */
export class FakeEngine implements ConversationEngine {
  readonly begun: Omit<Turn, 'text'>[] = [];
  readonly turns: Turn[] = [];
  readonly opened: TicketCard[] = [];
  readonly abandoned: string[] = [];
  private readonly conversations = new Map<string, Conversation>();
  private sequence = 0;

  async begin(turn: Omit<Turn, 'text'>): Promise<TurnResult> {
    this.begun.push(turn);
    this.conversations.set(turn.conversationId, { step: 'describe', description: '' });
    return { replies: [this.describeQuestion()], effects: [] };
  }

  async handleTurn(turn: Turn): Promise<TurnResult> {
    this.turns.push(turn);
    const conversation = this.conversations.get(turn.conversationId);
    if (conversation === undefined) throw new Error(`no conversation ${turn.conversationId}`);
    if (conversation.step === 'describe') {
      const shortcut = { standard: 'le standard téléphonique ne répond plus', printer: "l'imprimante est en panne" };
      conversation.description =
        turn.choice !== undefined ? (shortcut[turn.choice as keyof typeof shortcut] ?? turn.choice) : turn.text;
      conversation.step = 'confirm';
      return { replies: [this.summary(conversation.description)], effects: [] };
    }
    if (conversation.step === 'confirm') {
      const answer = turn.choice ?? (/\boui\b/i.test(turn.text) ? 'yes' : /\bnon\b/i.test(turn.text) ? 'no' : '');
      if (answer === 'no') {
        conversation.step = 'describe';
        return { replies: [this.describeQuestion()], effects: [] };
      }
      if (answer !== 'yes') return { replies: [this.summary(conversation.description)], effects: [] };
      conversation.step = 'done';
      const card = this.card(conversation.description, turn.userId, 'assigned');
      this.opened.push(card);
      const speech =
        `Votre ticket ${card.number} est ouvert, priorité ${card.priorityLabel}. ` +
        `Première réponse au plus tard ${card.firstResponseDueText}, résolution au plus tard ${card.resolutionDueText}.`;
      return {
        replies: [reply(speech, { card, expects: 'none' })],
        ticket: card,
        effects: [{ type: 'ticket_opened', ticketNumber: card.number }],
      };
    }
    return { replies: [reply('Votre ticket est déjà ouvert.', { expects: 'none' })], effects: [] };
  }

  async abandon(_channel: Turn['channel'], conversationId: string): Promise<TicketCard | null> {
    this.abandoned.push(conversationId);
    const conversation = this.conversations.get(conversationId);
    if (conversation === undefined || conversation.step === 'done' || conversation.description === '') return null;
    conversation.step = 'done';
    return this.card(conversation.description, undefined, 'draft');
  }

  private describeQuestion(): Reply {
    return reply('Décrivez votre problème en quelques mots.', {
      choices: [
        { label: 'Le standard téléphonique ne répond plus', digit: '1', value: 'standard' },
        { label: "L'imprimante est en panne", digit: '2', value: 'printer' },
      ],
    });
  }

  private summary(description: string): Reply {
    const priority = /standard/.test(description) ? 'critique' : 'normale';
    return reply(`Je résume : incident de priorité ${priority}, « ${description} ». C'est bien ça ?`, {
      expects: 'confirm',
      choices: [
        { label: "Oui, c'est juste", digit: '1', value: 'yes' },
        { label: 'Non, je corrige', digit: '2', value: 'no' },
      ],
    });
  }

  private card(description: string, caller: string | undefined, status: string): TicketCard {
    this.sequence += 1;
    const critique = /standard/.test(description);
    const contract = caller !== NO_CONTRACT_CALLER;
    return {
      number: `T20261123.${String(this.sequence).padStart(4, '0')}`,
      type: 'incident',
      typeLabel: 'Incident',
      priority: critique ? 'critique' : 'normale',
      priorityLabel: critique ? 'Critique' : 'Normale',
      domain: critique ? 'telecom' : 'informatique',
      queue: critique ? 'OPS-02-TELECOM' : 'OPS-01-INFORMATIQUE',
      title: description,
      status,
      account: contract ? 'Transports Durand' : 'Boulangerie Marcel',
      contract,
      firstResponseDue: contract ? '2026-11-23T11:00:00+01:00' : null,
      resolutionDue: contract ? '2026-11-23T16:00:00+01:00' : null,
      escalationAt: null,
      firstResponseDueText: contract ? 'lundi 23 novembre à 11 heures' : null,
      resolutionDueText: contract ? 'lundi 23 novembre à 16 heures' : null,
      escalationText: 'Sans réponse dans ce délai, appelez le 04 84 26 83 10.',
      contact: null,
      appointmentAt: null,
      appointmentText: null,
    };
  }
}
