import type { Language } from '../domain.js';
import type { Reply } from '../engine/turn.js';
import type { Classification, ClassificationContext, Classifier } from '../intents/classification.js';
import type { Accounts, Policy } from '../policy/schema.js';
import type { IntakeState } from './intake-state.js';
import type { Dialogs } from './messages.js';

/** What the dialog needs besides its state. */
export interface DialogContext {
  policy: Policy;
  accounts: Accounts;
  classifier: Classifier;
  /** What Guichet says, as loaded from dialogs/. */
  dialogs: Dialogs;
  now: Date;
  language: Language;
}

/** One input: the text, and the value of the choice when a button or key was pressed. */
export interface DialogInput {
  text: string;
  choice?: string;
}

export interface DialogStep {
  intake: IntakeState;
  replies: Reply[];
  /**
   * The person confirmed the summary (open the ticket) or cancelled it; or their answers could not
   * be understood three times and a person takes over (a technician calls back, or the call is put
   * through), with what was said kept as a draft.
   */
  outcome?: 'confirm' | 'cancel' | 'handover';
}

/** The classifier's context from what the person answered; unanswered questions stay out. */
export function contextOf(intake: IntakeState, now: Date): ClassificationContext {
  const context: ClassificationContext = {};
  if (intake.management) context.management = true;
  if (intake.scope) context.scope = intake.scope;
  if (intake.workaround !== null) context.workaround = intake.workaround;
  if (intake.urgent !== null) context.urgent = intake.urgent;
  if (intake.type) context.type = intake.type;
  if (intake.domain) context.domain = intake.domain;
  // Asked once is enough: an answer that settled nothing gets the classifier's default, said in the reason.
  if (intake.asked.length > 0) context.asked = [...intake.asked];
  // Seed 000, priorité 4: "un rendez-vous a été convenu plus tard que dans les 5 jours".
  if (intake.appointmentAt) {
    const days = (new Date(intake.appointmentAt).getTime() - now.getTime()) / 86_400_000;
    if (days > 5) context.noRush = true;
  }
  return context;
}

/** The classification of the intake as it stands, with every answer in the context. */
export function classifyIntake(intake: IntakeState, ctx: DialogContext): Classification {
  return ctx.classifier.classify(intake.description ?? '', contextOf(intake, ctx.now));
}
