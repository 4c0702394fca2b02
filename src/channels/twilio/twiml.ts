import twilio from 'twilio';
import type { Language } from '../../domain.js';
import type { PhoneLinePolicy } from '../../policy/schema.js';

type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;
type SayAttributes = NonNullable<Parameters<VoiceResponse['say']>[0]>;
type GatherAttributes = NonNullable<Parameters<VoiceResponse['gather']>[0]>;
// The voice and language are policy data; Twilio checks them, the package's unions would only go stale.
type SayVoice = NonNullable<SayAttributes['voice']>;
type SayLanguage = NonNullable<SayAttributes['language']>;
type GatherLanguage = NonNullable<GatherAttributes['language']>;

/** The webhooks a <Gather> posts to. */
export type GatherRoute = 'menu' | 'gather';

/** A sentence said in another language than the rest of its instruction ("For English, press 9."). */
export interface Spoken {
  text: string;
  language: Language;
}

/**
 * What the call does next, as data: the call flow decides the instructions, this module alone
 * writes TwiML. Everything a caller said reaches the XML only through twilio's VoiceResponse, which
 * escapes it (no string concatenation, no XML injection).
 */
export type Instruction =
  /** Said in the voice of its language. */
  | { kind: 'say'; text: string; language: Language }
  /**
   * Waits for a key (or a key or words, heard in its language); the sentences are read while it
   * listens, in the voice of its language unless a sentence carries its own.
   */
  | {
      kind: 'gather';
      route: GatherRoute;
      step: number;
      input: 'keypad' | 'keypad+speech';
      numDigits?: number;
      language: Language;
      sentences: (string | Spoken)[];
    }
  | { kind: 'dial'; phone: string }
  | { kind: 'hangup' };

/** How TwiML is written for this deployment: the voices, the speech settings and the action URLs. */
export interface TwimlContext {
  phoneLine: PhoneLinePolicy;
  /** The speech recognition hints of each language. */
  hints: Readonly<Record<Language, readonly string[]>>;
  /** The URL a <Gather> of this step posts to (absolute with PUBLIC_BASE_URL, else relative). */
  actionUrl(route: GatherRoute, step: number): string;
}

/** Twilio accepts hints up to a total size; the first ones are the most useful. */
const MAX_HINTS = 100;

/**
 * The characters XML 1.0 forbids (its `Char` production): controls other than tab and line ends,
 * U+FFFE, U+FFFF and unpaired surrogates. twilio's VoiceResponse throws on them, so a caller's
 * words carrying one would otherwise break the document; they are not speech and are dropped.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `text` with the characters XML cannot carry removed. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Writes the instructions as a TwiML document. */
export function renderTwiml(context: TwimlContext, instructions: Instruction[]): string {
  const response = new twilio.twiml.VoiceResponse();
  const voice = (language: Language): SayAttributes => {
    const line = context.phoneLine.languages[language];
    return { voice: line.voice as SayVoice, language: line.language as SayLanguage };
  };
  for (const instruction of instructions) {
    switch (instruction.kind) {
      case 'say':
        response.say(voice(instruction.language), xmlSafe(instruction.text));
        break;
      case 'gather': {
        const action = context.actionUrl(instruction.route, instruction.step);
        const gather = response.gather(gatherAttributes(context, instruction, action));
        for (const sentence of instruction.sentences) {
          const spoken = typeof sentence === 'string' ? { text: sentence, language: instruction.language } : sentence;
          gather.say(voice(spoken.language), xmlSafe(spoken.text));
        }
        // No key and no words: Twilio falls through to the next verb; the same action hears the silence.
        response.redirect({ method: 'POST' }, action);
        break;
      }
      case 'dial':
        response.dial(instruction.phone);
        break;
      case 'hangup':
        response.hangup();
        break;
    }
  }
  return response.toString();
}

function gatherAttributes(
  context: TwimlContext,
  instruction: Extract<Instruction, { kind: 'gather' }>,
  action: string,
): GatherAttributes {
  const { phoneLine } = context;
  const attributes: GatherAttributes = {
    action,
    method: 'POST',
    timeout: phoneLine.gatherTimeoutSeconds,
  };
  if (instruction.numDigits !== undefined) attributes.numDigits = instruction.numDigits;
  if (instruction.input === 'keypad') {
    attributes.input = ['dtmf'];
    return attributes;
  }
  attributes.input = ['dtmf', 'speech'];
  const line = phoneLine.languages[instruction.language];
  attributes.language = (line.speechLanguage ?? line.language) as GatherLanguage;
  // A positive integer: Twilio refuses speechTimeout="auto" together with a speechModel (warning 13335).
  attributes.speechTimeout = String(phoneLine.speechTimeoutSeconds);
  if (phoneLine.speechModel !== undefined) attributes.speechModel = phoneLine.speechModel;
  const hints = context.hints[instruction.language];
  if (hints.length > 0) attributes.hints = xmlSafe(hints.slice(0, MAX_HINTS).join(', '));
  return attributes;
}
