import { createRequire } from 'node:module';
import type { BayesClassifier as BayesClassifierClass, Stemmer } from 'natural';

/**
 * The parts of `natural` the classifier uses, loaded file by file: the package's index also loads
 * its storage adapters, which read a `.env` file and print to stdout, and a JSON-lines command
 * must print nothing but its answers.
 */
const require = createRequire(import.meta.url);

/** French Porter stemmer ("imprimantes" → "imprim"). */
export const stemFr: Stemmer = require('natural/lib/natural/stemmers/porter_stemmer_fr.js');
/** English Porter stemmer ("printers" → "printer"). */
export const stemEn: Stemmer = require('natural/lib/natural/stemmers/porter_stemmer.js');
/** Jaro–Winkler similarity, 0 to 1. */
export const jaroWinkler: (
  a: string,
  b: string,
) => number = require('natural/lib/natural/distance/jaro-winkler_distance.js');
/** Levenshtein edit distance. */
export const levenshtein: (a: string, b: string) => number = (
  require('natural/lib/natural/distance/levenshtein_distance.js') as {
    LevenshteinDistance: (a: string, b: string) => number;
  }
).LevenshteinDistance;
/** Naive Bayes text classifier (the baseline of the evaluation). */
export const BayesClassifier: typeof BayesClassifierClass = require('natural/lib/natural/classifiers/bayes_classifier.js');
