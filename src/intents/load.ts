import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode, GuichetError } from '../errors.js';
import { loadYamlFile } from '../policy/load.js';
import { CODE_CONCEPTS, CODE_GROUPS } from './references.js';
import { type Intent, type IntentSet, type IntentsFile, intentsFileSchema } from './schema.js';

/** The intents shipped with Guichet: the seed's priority rules as data. */
export const DEFAULT_INTENTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'intents');

/**
 * Reads every `*.yaml` file of an intents folder, validates each with zod and checks that the
 * intents name only concepts and groups that exist. A bad file throws a GuichetError that names
 * the file, the field and what was expected, so start-up stops with a clear cause.
 */
export function loadIntents(dir: string = DEFAULT_INTENTS_DIR): IntentSet {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
      .sort();
  } catch (error) {
    throw new GuichetError(ErrorCode.PolicyUnreadable, `${dir}: the intents folder cannot be read`, { cause: error });
  }
  const set: IntentSet = { concepts: {}, groups: {}, intents: [], files: [], language: undefined as never };
  const intentFile = new Map<Intent, { path: string; index: number }>();
  for (const name of names) {
    const path = join(dir, name);
    const file: IntentsFile = loadYamlFile(path, intentsFileSchema);
    set.files.push(path);
    if (file.language) {
      if (set.language) invalid(path, 'language', 'is defined twice in the intents folder');
      set.language = file.language;
    }
    for (const [concept, definition] of Object.entries(file.concepts ?? {})) {
      if (set.concepts[concept]) invalid(path, `concepts.${concept}`, 'is defined twice in the intents folder');
      set.concepts[concept] = definition;
    }
    Object.assign(set.groups, file.groups ?? {});
    (file.intents ?? []).forEach((intent, index) => {
      intentFile.set(intent, { path, index });
      set.intents.push(intent);
    });
  }
  if (!set.language) invalid(dir, 'language', 'expected one file with a "language" section');
  checkReferences(set, intentFile);
  return set;
}

function checkReferences(set: IntentSet, where: Map<Intent, { path: string; index: number }>): void {
  const known = (name: string) => name in set.concepts;
  // The names the classifier's code reads: a renamed concept must stop start-up, not switch off a rule.
  for (const name of Object.values(CODE_CONCEPTS)) {
    if (!known(name))
      invalid(set.files.join(', '), `concepts.${name}`, 'is read by the classifier and must be defined');
  }
  for (const name of Object.values(CODE_GROUPS)) {
    if (!(name in set.groups)) {
      invalid(set.files.join(', '), `groups.${name}`, 'is read by the classifier and must be defined');
    }
  }
  for (const [group, members] of Object.entries(set.groups)) {
    for (const member of members) {
      if (!known(member)) invalid(set.files.join(', '), `groups.${group}`, `"${member}" is not a concept`);
    }
  }
  const ids = new Set<string>();
  for (const intent of set.intents) {
    const { path, index } = where.get(intent) ?? { path: '?', index: -1 };
    if (ids.has(intent.id)) invalid(path, `intents.${index}.id`, `"${intent.id}" is used by another intent`);
    ids.add(intent.id);
    intent.when.forEach((clause, c) => {
      for (const choice of clause.flat()) {
        const ok = choice.startsWith('@') ? choice.slice(1) in set.groups : known(choice);
        if (!ok) {
          const what = choice.startsWith('@') ? 'group' : 'concept';
          invalid(path, `intents.${index}.when.${c}`, `"${choice}" is not a ${what} of the intents folder`);
        }
      }
    });
    if (intent.type === 'request' && intent.priority === 1) {
      // Seed 000: "Il n'y a pas de requête avec priorité critique."
      invalid(path, `intents.${index}.priority`, 'a request cannot have priority 1 (the highest is 2)');
    }
  }
}

function invalid(path: string, field: string, message: string): never {
  throw new GuichetError(ErrorCode.PolicyInvalid, `${path}: invalid\n  - ${field}: ${message}`);
}
