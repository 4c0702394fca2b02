import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../domain.js';
import { ErrorCode, GuichetError } from '../errors.js';
import { loadAnswerWords } from './answer-words.js';
import { buildSentences, placeholdersOf, SENTENCES, type SentenceTree } from './catalogue.js';
import { type Dialogs, dialogsOf } from './messages.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The sentences shipped with Guichet: `dialogs/fr.yaml`, `dialogs/en.yaml` and `dialogs/answers.yaml`. */
export const DEFAULT_DIALOGS_DIR = resolve(projectRoot, 'dialogs');

/** A sentence's zod schema: a non-empty string naming only the placeholders the code fills in. */
function sentenceSchema(placeholders: readonly string[] | null): z.ZodType<string> {
  return z
    .string({ error: 'expected a sentence (a string)' })
    .trim()
    .min(1, 'expected a sentence, not an empty string')
    .superRefine((text, ctx) => {
      for (const name of placeholdersOf(text)) {
        if ((placeholders ?? []).includes(name)) continue;
        const known = placeholders && placeholders.length > 0 ? placeholders.map((p) => `{${p}}`).join(', ') : 'none';
        ctx.addIssue({ code: 'custom', message: `unknown placeholder {${name}} (this sentence has: ${known})` });
      }
    });
}

/** The zod schema of one language file, from the declaration: every key, nothing else. */
function fileSchema(tree: SentenceTree): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, leaf] of Object.entries(tree)) {
    shape[key] =
      leaf === null || Array.isArray(leaf)
        ? sentenceSchema(leaf as readonly string[] | null)
        : fileSchema(leaf as SentenceTree);
  }
  return z.strictObject(shape, { error: 'expected a group of sentences' }) as unknown as z.ZodType<
    Record<string, unknown>
  >;
}

function readYaml(path: string): unknown {
  try {
    return parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GuichetError(ErrorCode.PolicyUnreadable, `${path}: cannot be read as YAML: ${reason}`, {
      cause: error,
    });
  }
}

/** Whether a dotted key exists in a parsed file. */
function has(raw: unknown, path: readonly PropertyKey[]): boolean {
  let at: unknown = raw;
  for (const part of path) {
    if (at === null || typeof at !== 'object' || !(String(part) in at)) return false;
    at = (at as Record<string, unknown>)[String(part)];
  }
  return true;
}

/**
 * Loads the sentences of every language from a folder (`fr.yaml`, `en.yaml`) and validates them
 * against the declaration of src/dialogs/catalogue.ts. A missing key, an unknown placeholder, or a
 * key present in one language only throws a GuichetError naming the file and the key, so start-up
 * stops before anyone hears a broken sentence. The words that count
 * as answers come from `answers.yaml` of the same folder.
 */
export function loadDialogs(dir: string = DEFAULT_DIALOGS_DIR): Dialogs {
  const answers = loadAnswerWords(resolve(dir, 'answers.yaml'));
  const paths = Object.fromEntries(LANGUAGES.map((l) => [l, resolve(dir, `${l}.yaml`)])) as Record<Language, string>;
  const raw = Object.fromEntries(LANGUAGES.map((l) => [l, readYaml(paths[l])])) as Record<Language, unknown>;
  const schema = fileSchema(SENTENCES);
  const problems: string[] = [];
  const words: Partial<Record<Language, Record<string, unknown>>> = {};
  for (const language of LANGUAGES) {
    const others = LANGUAGES.filter((l) => l !== language);
    const result = schema.safeParse(raw[language]);
    if (result.success) {
      words[language] = result.data;
      continue;
    }
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const path = [...issue.path, key];
          const alsoIn = others.filter((l) => has(raw[l], path));
          const why =
            alsoIn.length === 0
              ? `present in ${language}.yaml only, and Guichet never says it (declare it in src/dialogs/catalogue.ts and add it to every language)`
              : 'unknown key: Guichet never says it (declare it in src/dialogs/catalogue.ts)';
          problems.push(`${paths[language]}: ${path.join('.')}: ${why}`);
        }
        continue;
      }
      const key = issue.path.join('.') || '(root)';
      const missing = issue.path.length > 0 && !has(raw[language], issue.path);
      if (missing) {
        const elsewhere = others.filter((l) => has(raw[l], issue.path)).map((l) => `${l}.yaml`);
        const note = elsewhere.length > 0 ? ` (present in ${elsewhere.join(', ')})` : '';
        problems.push(`${paths[language]}: ${key}: missing${note}`);
      } else {
        problems.push(`${paths[language]}: ${key}: ${issue.message}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new GuichetError(
      ErrorCode.PolicyInvalid,
      `the sentences are invalid\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return dialogsOf(
    Object.fromEntries(LANGUAGES.map((l) => [l, buildSentences(words[l] ?? {})])) as Record<
      Language,
      ReturnType<typeof buildSentences>
    >,
    answers,
  );
}

let shipped: Dialogs | undefined;

/** The sentences shipped in the repository's dialogs/, loaded once. */
export function shippedDialogs(): Dialogs {
  shipped ??= loadDialogs(DEFAULT_DIALOGS_DIR);
  return shipped;
}
