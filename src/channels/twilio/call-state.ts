import { z } from 'zod';
import { LANGUAGES, type Language } from '../../domain.js';
import type { ConversationStore } from '../../store/ticket-store.js';

/** The channel under which call states are kept in the conversation store (the engine keeps its own). */
export const CALL_STATE_CHANNEL = 'twilio-call';

/** How long a call state is kept: long enough for the status callback of a long call. */
const CALL_STATE_TTL_MS = 6 * 60 * 60 * 1000;

/** How many answered steps are kept to answer a retried webhook with the same TwiML. */
const KEPT_RESPONSES = 6;

const promptSchema = z.object({
  speech: z.string(),
  choices: z.array(z.object({ label: z.string(), digit: z.string(), value: z.string() })),
  expects: z.enum(['text', 'choice', 'confirm', 'date', 'none']),
});
/** A reply of the engine as the caller heard it, kept to ask it again after a silence. */
export type Prompt = z.output<typeof promptSchema>;

/** Where the call is: which webhook answers next and what it expects. */
export const CALL_PHASES = [
  'menu',
  'intake',
  'confirm_speech',
  'offer_transfer',
  'another_request',
  'transferred',
  'ended',
] as const;
export type CallPhase = (typeof CALL_PHASES)[number];

const callStateSchema = z.object({
  version: z.literal(1),
  callSid: z.string(),
  caller: z.string().nullable(),
  /**
   * The language the call is held in: its voice, speech recognition and wording. French until the
   * caller presses the English key or describes the problem in English. A state saved before the
   * line spoke English reads as French.
   */
  language: z.enum(LANGUAGES).default('fr'),
  phase: z.enum(CALL_PHASES),
  /** The step number the outstanding <Gather action> and <Redirect> carry. */
  step: z.number().int().min(0),
  menuMisses: z.number().int().min(0),
  silences: z.number().int().min(0),
  /** The intake was begun and has not ended with a ticket or a cancellation: a hang-up leaves a draft. */
  intakeOpen: z.boolean(),
  prompt: z.array(promptSchema),
  pendingSpeech: z.object({ text: z.string(), confidence: z.number() }).nullable(),
  ticketNumber: z.string().nullable(),
  onCallPhone: z.string().nullable(),
  smsSent: z.boolean(),
  draftNumber: z.string().nullable(),
  /** The TwiML of the last answered steps, by "route:step", replayed to a retried webhook. */
  responses: z.array(z.object({ key: z.string(), twiml: z.string() })),
});
/** Everything the phone line remembers of a call, keyed by CallSid. */
export type CallState = z.output<typeof callStateSchema>;

/** The state of a call that just rang. */
export function newCallState(callSid: string, caller: string | null, language: Language = 'fr'): CallState {
  return {
    version: 1,
    callSid,
    caller,
    language,
    phase: 'menu',
    step: 0,
    menuMisses: 0,
    silences: 0,
    intakeOpen: false,
    prompt: [],
    pendingSpeech: null,
    ticketNumber: null,
    onCallPhone: null,
    smsSent: false,
    draftNumber: null,
    responses: [],
  };
}

/** Loads a call's state; a missing, expired or unreadable state reads as null (the call starts over). */
export async function loadCallState(store: ConversationStore, callSid: string, now: Date): Promise<CallState | null> {
  const raw = await store.loadConversation(CALL_STATE_CHANNEL, callSid, now);
  if (raw === null || raw === undefined) return null;
  const parsed = callStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export async function saveCallState(store: ConversationStore, state: CallState, now: Date): Promise<void> {
  await store.saveConversation(CALL_STATE_CHANNEL, state.callSid, state, new Date(now.getTime() + CALL_STATE_TTL_MS));
}

/** The TwiML already sent for this step, if it was answered before. */
export function answeredBefore(state: CallState, key: string): string | null {
  return state.responses.find((r) => r.key === key)?.twiml ?? null;
}

/** The most recent TwiML sent on this call. */
export function lastResponse(state: CallState): string | null {
  return state.responses.at(-1)?.twiml ?? null;
}

/** Records the TwiML answered to a step, keeping the last few. */
export function rememberResponse(state: CallState, key: string, twiml: string): CallState {
  const responses = [...state.responses.filter((r) => r.key !== key), { key, twiml }].slice(-KEPT_RESPONSES);
  return { ...state, responses };
}
