import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { fill } from '../../src/dialogs/catalogue.js';
import { DEFAULT_DIALOGS_DIR, loadDialogs } from '../../src/dialogs/load.js';
import { ErrorCode, GuichetError } from '../../src/errors.js';
import { createGuichet } from '../../src/main.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH } from '../../src/policy/load.js';
import { MONDAY_10H, settableClock } from '../helpers/transcript.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop() ?? '', { recursive: true, force: true });
});

/** A copy of the shipped dialogs/ with one file's text changed. */
function editedDialogs(file: 'fr.yaml' | 'en.yaml', edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-dialogs-'));
  dirs.push(dir);
  cpSync(DEFAULT_DIALOGS_DIR, dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
  return dir;
}

function loadError(dir: string): GuichetError {
  try {
    loadDialogs(dir);
  } catch (error) {
    if (error instanceof GuichetError) return error;
    throw error;
  }
  throw new Error(`${dir} loaded without an error`);
}

describe('dialogs/*.yaml', () => {
  it('the shipped sentences load and fill their placeholders', () => {
    const dialogs = loadDialogs();
    expect(dialogs.messages('fr').confirmCompany('SARL Techcore')).toBe('Vous voulez dire SARL Techcore ?');
    expect(dialogs.messages('en').alreadyOpened('T20261123.0001')).toBe(
      'Your ticket T20261123.0001 is already open: I am not creating it a second time.',
    );
    expect(dialogs.messages('fr').labels.titleAccept).toBe('Oui, ce titre convient');
  });

  it('an empty placeholder goes with the space before it', () => {
    expect(fill('Bonjour {name}, ici Guichet', { name: null })).toBe('Bonjour, ici Guichet');
    expect(fill('Bonjour {name} !', { name: 'Marie' })).toBe('Bonjour Marie !');
    expect(fill('{count} tickets', { count: 3 })).toBe('3 tickets');
  });

  it('a key missing from one language stops start-up naming the file and the key', () => {
    const dir = editedDialogs('en.yaml', (yaml) => yaml.replace(/^askUrgency: .*\n/m, ''));
    const error = loadError(dir);
    expect(error.code).toBe(ErrorCode.PolicyInvalid);
    expect(error.message).toContain(`${join(dir, 'en.yaml')}: askUrgency: missing (present in fr.yaml)`);
  });

  it('a missing key inside a group is named with its group', () => {
    const dir = editedDialogs('fr.yaml', (yaml) => yaml.replace(/^ {2}goodbye: .*\n/m, ''));
    expect(loadError(dir).message).toContain(`${join(dir, 'fr.yaml')}: phone.goodbye: missing (present in en.yaml)`);
  });

  it('an unknown placeholder stops start-up with the sentence and the placeholders it has', () => {
    const dir = editedDialogs('fr.yaml', (yaml) =>
      yaml.replace('Vous voulez dire {company} ?', 'Vous voulez dire {societe} ?'),
    );
    expect(loadError(dir).message).toContain(
      `${join(dir, 'fr.yaml')}: confirmCompany: unknown placeholder {societe} (this sentence has: {company})`,
    );
  });

  it('a key present in one language only stops start-up', () => {
    const dir = editedDialogs('fr.yaml', (yaml) => `${yaml}\nau revoir: "Au revoir."\n`);
    expect(loadError(dir).message).toContain(`${join(dir, 'fr.yaml')}: au revoir: present in fr.yaml only`);
  });

  it('an empty sentence is refused', () => {
    const dir = editedDialogs('en.yaml', (yaml) => yaml.replace(/^resume: .*$/m, 'resume: ""'));
    expect(loadError(dir).message).toContain(`${join(dir, 'en.yaml')}: resume: expected a sentence`);
  });

  it('a reworded sentence is what the person reads, without touching the code', async () => {
    const dir = editedDialogs('fr.yaml', (yaml) =>
      yaml.replace(/^greeting: .*$/m, 'greeting: "Bienvenue au support {company}, {name} ! Que puis-je faire ?"'),
    );
    const app = await createGuichet({
      database: ':memory:',
      clock: settableClock(MONDAY_10H),
      policyPath: DEFAULT_POLICY_PATH,
      accountsPath: DEFAULT_ACCOUNTS_PATH,
      dialogsPath: dir,
      logger: pino({ level: 'silent' }),
    });
    try {
      const greeting = await app.engine.begin({
        channel: 'web',
        conversationId: 'reworded',
        userId: 'marie.lefevre@transports-durand.fr',
      });
      expect(greeting.replies[0]?.text).toBe(
        `Bienvenue au support ${app.policy.company.name}, Marie Lefèvre ! Que puis-je faire ?`,
      );
    } finally {
      await app.close();
    }
  });
});
