import type { Priority } from '../domain.js';
import type { ContactMethod, Policy } from '../policy/schema.js';

/**
 * How a person reaches the helpdesk about a ticket and how to escalate it, from the trigger and
 * escalation matrices of the SLA sheet (seed 004), for the ticket's priority and contract status.
 */
export interface EscalationPlan {
  /** "Matrice de déclenchement des incidents": how to report it. */
  trigger: ContactMethod;
  /** "Matrice d'escalade des incidents": how to escalate it. */
  escalation: ContactMethod;
  /** From when an escalation may be asked (take-charge time + 1 business hour); null without contract. */
  escalationAt: string | null;
  contract: boolean;
}

/** The escalation plan of a ticket of `priority`, with or without a maintenance contract. */
export function escalationPlan(
  policy: Policy,
  ticket: { priority: Priority; contract: boolean; escalationAt: string | null },
): EscalationPlan {
  const column = ticket.contract ? 'withContract' : 'withoutContract';
  return {
    trigger: policy.triggerMatrix[column][ticket.priority],
    escalation: policy.escalationMatrix[column][ticket.priority],
    // No contract, no SLA: the sheet's "Sans contrat" column says N/A.
    escalationAt: ticket.contract ? ticket.escalationAt : null,
    contract: ticket.contract,
  };
}
