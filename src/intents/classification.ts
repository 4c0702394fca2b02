import type { Domain, Priority, TicketType } from '../domain.js';

/** What the person said about who is affected ("scope" of the impact). */
export type Scope = 'one_user' | 'team' | 'site' | 'company';

/** Facts known beside the text, e.g. from the accounts file or earlier answers of the dialog. */
export interface ClassificationContext {
  /** The contact is a member of the management (accounts file). */
  management?: boolean;
  /** Answers of the impact questions, when the dialog asked them. */
  scope?: Scope;
  workaround?: boolean;
  urgent?: boolean;
  /** The person said the ticket can wait (a date agreed more than 5 days away, "pas urgent"). */
  noRush?: boolean;
  /** Forced by the person when they corrected the summary. */
  type?: TicketType;
  domain?: Domain;
  /**
   * Questions the dialog already asked. None is asked again; one whose answer left it open gets
   * the seed's default (incident; one user), said in the reason.
   */
  asked?: ClarifyingQuestion[];
}

/** A rule of the seed that a classification applied. */
export interface MatchedRule {
  /** Intent id, e.g. "incident.p1.site_down". */
  id: string;
  /** The seed's bullet text the intent implements. */
  rule: string;
  /** The words of the message that matched. */
  matched: string[];
  score: number;
}

/** The question that would settle a low-confidence classification. */
export type ClarifyingQuestion = 'type' | 'scope' | 'workaround' | 'urgency' | 'domain';

export interface Classification {
  type: TicketType;
  priority: Priority;
  priorityNumber: 1 | 2 | 3 | 4;
  domain: Domain;
  /** Queue id of the policy (OPS-01-INFORMATIQUE, OPS-02-TELECOM). */
  queue: string;
  /** "Type de problème" and "Type de sous-problème". */
  category: string;
  subcategory?: string;
  /** 0 to 1. */
  confidence: number;
  /** Whether the domain was recognized from the text (otherwise it is a default). */
  domainKnown: boolean;
  scope?: Scope;
  workaround?: boolean;
  noRush: boolean;
  rules: MatchedRule[];
  /** A sentence saying why this type and priority, citing the seed rule (French: what technicians read). */
  reason: string;
  /**
   * The same sentence in both languages, for the person's own language: `fr` equals `reason`.
   * Optional so that classifiers written before it still type-check; Guichet's always sets it.
   */
  reasons: { fr: string; en: string };
  /** Questions to ask, most useful first, when the confidence is low. */
  questions: ClarifyingQuestion[];
  /** The message is written in English. */
  language: 'fr' | 'en';
}

/** The classifier port: pure, synchronous, fast. */
export interface Classifier {
  classify(text: string, context?: ClassificationContext): Classification;
  /**
   * Whether the message says that something fails: one of the symptoms the intents know (a
   * failure, "ne marche pas", an error, "problème"), whatever the thing. What a follow-up of a
   * resolved ticket reads to know that the problem is still there.
   */
  reportsFault(text: string): boolean;
}
