import type { TicketDraft } from '../../src/tickets/ticket-service.js';

/** A complete ticket draft, with the fields a test cares about overridden. */
export function ticketDraft(overrides: Partial<TicketDraft> = {}): TicketDraft {
  return {
    account: 'Transports Durand',
    contact: 'Marie Lefèvre',
    contactEmail: 'marie.lefevre@transports-durand.fr',
    contactPhone: '+33491000001',
    contract: true,
    source: 'slack',
    title: 'Outlook ne démarre plus',
    description: 'Outlook se ferme au démarrage depuis la mise à jour de ce matin.',
    type: 'incident',
    priority: 'normale',
    domain: 'informatique',
    category: 'messagerie',
    subcategory: 'outlook',
    classificationReason: 'incident gênant mais non bloquant (webmail possible)',
    appointmentAt: null,
    conversationRef: '{"channel":"C1","thread":"1700000000.1"}',
    idempotencyKey: null,
    language: 'fr',
    ...overrides,
  };
}
