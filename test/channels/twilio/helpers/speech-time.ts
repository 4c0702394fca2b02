/**
 * How long a caller listens to sentences, estimated on their words. 2.5 words a second (150 words
 * a minute) is the low end of the rate people find comfortable to follow, and Polly documents no
 * rate of its own for its voices, so the estimate leans long. Each sign of a ticket number read
 * sign by sign ("T 2 0 2 6 …") counts as a word: Polly says each one as a word of its own.
 */
export const WORDS_PER_SECOND = 2.5;

export function wordsOf(sentences: readonly string[]): number {
  return sentences
    .join(' ')
    .split(/[\s'’]+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function secondsOfSpeech(sentences: readonly string[]): number {
  return wordsOf(sentences) / WORDS_PER_SECOND;
}
