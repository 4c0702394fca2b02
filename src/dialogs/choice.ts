import type { Reply } from '../engine/turn.js';
import { BOUNDARY, foldText } from '../intents/normalize.js';
import type { DialogInput } from './intake-context.js';
import { normalize } from './text.js';

/**
 * The value of the choice the input picks: a pressed button, a digit alone, a label typed out, or
 * most of a label's words ("oui ce titre va" picks "Oui, ce titre convient"), folded as the
 * classifier folds a message. Words shared with two labels alike pick neither.
 */
export function pickedChoice(prompt: Reply, input: DialogInput): string | null {
  if (input.choice && prompt.choices.some((c) => c.value === input.choice)) return input.choice;
  const text = input.text.trim();
  const byDigit = prompt.choices.find((c) => c.digit === text);
  if (byDigit) return byDigit.value;
  const n = normalize(text);
  if (n === '') return null;
  const exact = prompt.choices.find((c) => normalize(c.label) === n);
  if (exact) return exact.value;
  return choiceByWords(prompt.choices, text);
}

// Words of one or two letters ("le", "un", "it") say nothing about which choice is meant.
const foldedWords = (text: string) => new Set(foldText(text).filter((w) => w !== BOUNDARY && w.length > 2));

function choiceByWords(choices: Reply['choices'], text: string): string | null {
  const said = foldedWords(text);
  const scored = choices
    .map((choice) => {
      const label = foldedWords(choice.label);
      const shared = [...label].filter((w) => said.has(w)).length;
      return { choice, shared, enough: shared >= 2 && shared * 2 >= label.size };
    })
    .sort((a, b) => b.shared - a.shared);
  const [best, next] = scored;
  if (!best?.enough || (next && next.shared === best.shared)) return null;
  return best.choice.value;
}
