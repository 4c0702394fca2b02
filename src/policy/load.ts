import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { ErrorCode, GuichetError } from '../errors.js';
import { type Accounts, accountsSchema, type Policy, policySchema } from './schema.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The policy shipped with Guichet: the company's documents as data. */
export const DEFAULT_POLICY_PATH = resolve(projectRoot, 'policy', 'policy.yaml');
/** The example accounts file shipped with Guichet. */
export const DEFAULT_ACCOUNTS_PATH = resolve(projectRoot, 'policy', 'accounts.yaml');

/** Why a file could not be opened, in words, and what to do; `setting` says how to name another. */
function unopenable(path: string, error: unknown, setting: string): GuichetError {
  const code = (error as { code?: string }).code;
  const why =
    code === 'ENOENT'
      ? `there is no such file; check the path, or name the file with ${setting}`
      : code === 'EACCES'
        ? 'permission denied; make the file readable by the user running Guichet'
        : code === 'EISDIR'
          ? `it is a folder, not a file; name the file with ${setting}`
          : `it cannot be read (${error instanceof Error ? error.message : String(error)})`;
  return new GuichetError(ErrorCode.PolicyUnreadable, `${path}: ${why}`, { cause: error });
}

/**
 * Reads a YAML file and validates it; a bad file throws a GuichetError whose message names the
 * file, the path of each wrong field and what was expected, so start-up stops with a clear cause.
 * `setting` names the option or variable that chooses the file, for the message of a missing one.
 */
export function loadYamlFile<S extends z.ZodType>(path: string, schema: S, setting = 'another path'): z.output<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw unopenable(path, error, setting);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GuichetError(ErrorCode.PolicyUnreadable, `${path}: cannot be read as YAML: ${reason}`, {
      cause: error,
    });
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(root)';
      return `  - ${field}: ${issue.message}`;
    });
    throw new GuichetError(ErrorCode.PolicyInvalid, `${path}: invalid\n${lines.join('\n')}`);
  }
  return result.data;
}

export function loadPolicy(path: string = DEFAULT_POLICY_PATH): Policy {
  return loadYamlFile(path, policySchema, '--policy or GUICHET_POLICY');
}

export function loadAccounts(path: string = DEFAULT_ACCOUNTS_PATH): Accounts {
  return loadYamlFile(path, accountsSchema, '--accounts or GUICHET_ACCOUNTS');
}
