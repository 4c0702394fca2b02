import { isGreetingOnly } from '../dialogs/answers.js';
import type { IntakePhase } from '../dialogs/intake-state.js';
import { detectLanguage } from '../dialogs/language.js';
import { words } from '../dialogs/text.js';
import type { ConversationState } from './state.js';
import type { StepDeps } from './step-context.js';
import type { Turn } from './turn.js';

/** Where the person answers with a name: a company or a person's name says nothing of their language. */
const NAMING_PHASES: readonly IntakePhase[] = ['company', 'company_confirm', 'contact'];

/**
 * The language of the conversation after this message: decided by the first message (the
 * classifier's reading, or obvious English words), switched later only by a real sentence, never
 * by a name given ("Garage Dupont et Fils Réunis" in an English conversation).
 */
export function languageAfter(
  state: ConversationState,
  text: string,
  deps: StepDeps,
): Pick<ConversationState, 'language' | 'languageSet'> {
  const detected = detectLanguage(text);
  if (!state.languageSet) {
    if (detected) return { language: detected, languageSet: true };
    if (words(text).length >= 3 && !isGreetingOnly(text, deps.dialogs.answers)) {
      return { language: deps.classifier.classify(text).language, languageSet: true };
    }
    return { language: state.language, languageSet: false };
  }
  const naming = state.pending === null && NAMING_PHASES.includes(state.intake.phase);
  if (detected && detected !== state.language && words(text).length >= 4 && !naming)
    return { language: detected, languageSet: true };
  return { language: state.language, languageSet: true };
}

/** The conversation held in the language the person chose on the channel, when the turn carries one. */
export function chosenLanguage(state: ConversationState, turn: Pick<Turn, 'language'>): ConversationState {
  return turn.language === undefined ? state : { ...state, language: turn.language, languageSet: true };
}
