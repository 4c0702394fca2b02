import { z } from 'zod';
import { DOMAINS, TICKET_TYPES } from '../domain.js';

/**
 * What the intake dialog knows so far: the ticket fields of the phone procedure (004: compte,
 * contact, titre, description, type, domaine) and the answers to the impact questions. It is
 * plain JSON, saved with the conversation after every turn, and validated when loaded back.
 */

export const INTAKE_PHASES = [
  'describe',
  'company',
  'company_confirm',
  'contact',
  'domain',
  'title',
  'title_custom',
  'question',
  'date',
  'summary',
  'change',
  'done',
] as const;
export type IntakePhase = (typeof INTAKE_PHASES)[number];

/** The impact questions the dialog asks when the classifier is unsure. */
export const IMPACT_QUESTIONS = ['type', 'scope', 'workaround', 'urgency'] as const;
export type ImpactQuestion = (typeof IMPACT_QUESTIONS)[number];

/** The fields a person can change from the summary. */
export const FIELDS = ['company', 'contact', 'domain', 'title', 'description', 'type', 'impact', 'date'] as const;
export type Field = (typeof FIELDS)[number];

export const intakeStateSchema = z.object({
  phase: z.enum(INTAKE_PHASES),
  question: z.enum(IMPACT_QUESTIONS).nullable(),
  description: z.string().nullable(),
  account: z.string().nullable(),
  /** The account is in the accounts file (otherwise its name is kept as the person gave it). */
  accountKnown: z.boolean(),
  contract: z.boolean(),
  /** A fuzzy match waiting for the person's yes or no. */
  candidate: z.string().nullable(),
  /** Names the person said were not theirs. */
  refused: z.array(z.string()),
  contact: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  management: z.boolean(),
  /** The domain given by the person (otherwise the classifier's). */
  domain: z.enum(DOMAINS).nullable(),
  /** The type given by the person (otherwise the classifier's). */
  type: z.enum(TICKET_TYPES).nullable(),
  title: z.string().nullable(),
  proposedTitle: z.string().nullable(),
  scope: z.enum(['one_user', 'team', 'site', 'company']).nullable(),
  workaround: z.boolean().nullable(),
  urgent: z.boolean().nullable(),
  asked: z.array(z.enum(IMPACT_QUESTIONS)),
  appointmentAt: z.string().nullable(),
  /** The field being changed from the summary. */
  editing: z.enum(FIELDS).nullable(),
  /** The first description was not understood and asked again once (the next one is kept as it is). */
  descriptionReasked: z.boolean().default(false),
  /** How many answers to the current question were not understood (reset when it is answered). */
  misses: z.number().int().min(0).default(0),
});
export type IntakeState = z.infer<typeof intakeStateSchema>;

/** A fresh intake, waiting for the person's description. */
export function emptyIntake(): IntakeState {
  return {
    phase: 'describe',
    question: null,
    description: null,
    account: null,
    accountKnown: false,
    contract: false,
    candidate: null,
    refused: [],
    contact: null,
    contactEmail: null,
    contactPhone: null,
    management: false,
    domain: null,
    type: null,
    title: null,
    proposedTitle: null,
    scope: null,
    workaround: null,
    urgent: null,
    asked: [],
    appointmentAt: null,
    editing: null,
    descriptionReasked: false,
    misses: 0,
  };
}
