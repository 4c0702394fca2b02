import type { Account } from '../policy/schema.js';
import { type KnownContact, matchContact } from './accounts.js';
import { emptyIntake, type IntakeState } from './intake-state.js';

/** A new intake, with the contact and company already known when the channel identity is. */
export function startIntake(identity: KnownContact | null): IntakeState {
  const intake = emptyIntake();
  return identity ? withContact(withAccount(intake, identity.account), identity) : intake;
}

/** The intake with its company known (from the accounts file), and the contact linked to it. */
export function withAccount(intake: IntakeState, account: Account): IntakeState {
  const next = { ...intake, account: account.name, accountKnown: true, contract: account.contract, candidate: null };
  // A contact named before the company was known: link it now that the company is.
  if (intake.contact) {
    const contact = matchContact(account, intake.contact);
    if (contact) return withContact(next, { account, contact });
    return { ...next, management: false };
  }
  return next;
}

/** The intake with a contact of the accounts file: name, e-mail, phone, management. */
export function withContact(intake: IntakeState, known: KnownContact): IntakeState {
  return {
    ...intake,
    contact: known.contact.name,
    contactEmail: known.contact.email ?? null,
    contactPhone: known.contact.phone ?? null,
    management: known.contact.management,
  };
}
