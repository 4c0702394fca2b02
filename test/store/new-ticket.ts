import type { NewTicket } from '../../src/store/ticket-store.js';

/** A complete ticket to create, with the fields a test cares about overridden. */
export function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    createdAt: '2026-11-22T09:15:00.000Z',
    account: 'Transports Durand',
    contact: 'Marie Lefèvre',
    contactEmail: 'marie.lefevre@transports-durand.fr',
    contactPhone: '+33491000001',
    source: 'phone',
    title: 'Imprimante du 2e étage hors service',
    description: "L'imprimante du 2e étage n'imprime plus depuis ce matin.",
    type: 'incident',
    priority: 'normale',
    domain: 'informatique',
    category: 'impression',
    subcategory: null,
    queue: 'OPS-01-INFORMATIQUE',
    primaryResource: 'philippe',
    level: 1,
    status: 'assigned',
    workType: 'Support à distance (Réactif)',
    contract: true,
    firstResponseDue: '2026-11-23T13:00:00.000+01:00',
    resolutionDue: '2026-11-24T16:30:00.000+01:00',
    escalationAt: '2026-11-24T09:30:00.000+01:00',
    appointmentAt: null,
    classificationReason: 'imprimante en panne: incident gênant mais non bloquant',
    conversationRef: null,
    idempotencyKey: null,
    language: 'fr',
    ...overrides,
  };
}
