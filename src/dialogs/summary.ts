import type { Language, Priority } from '../domain.js';
import type { Policy } from '../policy/schema.js';
import { formatInstant } from './dates.js';
import { classifyIntake, type DialogContext } from './intake-context.js';
import type { IntakeState } from './intake-state.js';
import type { Summary } from './messages.js';

/**
 * Why this priority, from the French reason a ticket keeps (technicians read French): as it is in
 * French; in English, the policy's English definition of the priority. A conversation that has
 * the classification at hand uses its sentence in the person's language instead.
 */
export function reasonFor(reason: string | null, priority: Priority, policy: Policy, language: Language): string {
  if (reason && language === 'fr') return reason;
  return policy.priorities[priority].definition[language];
}

/** The summary's text: type, priority and why, domain and queue, company, contact, title. */
export function summaryText(intake: IntakeState, ctx: DialogContext): string {
  return ctx.dialogs.messages(ctx.language).summary(summaryOf(intake, ctx));
}

/** The summary as the phone says it: one sentence a caller can follow, then the question. */
export function spokenSummaryText(intake: IntakeState, ctx: DialogContext): string {
  return ctx.dialogs.messages(ctx.language).spokenSummary(summaryOf(intake, ctx));
}

function summaryOf(intake: IntakeState, ctx: DialogContext): Summary {
  const c = classifyIntake(intake, ctx);
  const zone = ctx.policy.calendar.timezone;
  return {
    type: c.type,
    priorityLabel: ctx.policy.priorities[c.priority].label[ctx.language],
    reason: c.reasons[ctx.language],
    domain: c.domain,
    queue: c.queue,
    account: intake.account ?? '',
    contract: intake.contract,
    known: intake.accountKnown,
    contact: intake.contact ?? '',
    title: intake.title ?? '',
    appointment: intake.appointmentAt ? formatInstant(intake.appointmentAt, ctx.language, zone, ctx.now) : null,
  };
}
