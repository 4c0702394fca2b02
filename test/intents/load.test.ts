import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, GuichetError } from '../../src/errors.js';
import { DEFAULT_INTENTS_DIR, loadIntents } from '../../src/intents/classifier.js';
import { CODE_CONCEPTS, CODE_GROUPS } from '../../src/intents/references.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the shipped intents folder with one more file. */
function folderWith(name: string, yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-intents-'));
  dirs.push(dir);
  for (const file of ['language.yaml', 'concepts.yaml', 'incidents.yaml', 'requests.yaml']) {
    copyFileSync(join(DEFAULT_INTENTS_DIR, file), join(dir, file));
  }
  writeFileSync(join(dir, name), yaml);
  return dir;
}

const intent = (fields: string, reasonEn = '    reasonEn: "a rule"\n') =>
  `intents:\n  - id: local.test\n    rule: "Une règle"\n${reasonEn}    category: Test\n${fields}`;

describe('loadIntents', () => {
  it('loads the shipped intents: one per seed bullet, with their rule text', () => {
    const set = loadIntents();
    expect(set.intents.length).toBeGreaterThanOrEqual(30);
    expect(set.intents.find((i) => i.id === 'incident.p1.pbx_down')?.rule).toBe(
      'Central téléphonique VoIP hors service',
    );
    expect(set.intents.every((i) => i.type === 'incident' || i.priority >= 2)).toBe(true);
  });

  // Every intent explains itself in English too: the sentence an English writer reads after "Why:".
  it.each(loadIntents().intents.map((i) => [i.id, i] as const))('%s has an English reason', (_id, i) => {
    expect(i.reasonEn.trim()).not.toBe('');
    expect(i.reasonEn).not.toBe(i.reason);
  });

  const bad: [string, string, string][] = [
    [
      'a priority out of range',
      intent('    type: incident\n    priority: 7\n    when: ["server & broken"]\n'),
      'intents.0.priority',
    ],
    ['a missing type', intent('    priority: 3\n    when: ["server & broken"]\n'), 'intents.0.type'],
    [
      'a missing English reason',
      intent('    type: incident\n    priority: 3\n    when: ["server & broken"]\n', ''),
      'intents.0.reasonEn: expected the English twin of "reason"',
    ],
    [
      'an empty English reason',
      intent('    type: incident\n    priority: 3\n    when: ["server & broken"]\n', '    reasonEn: "  "\n'),
      'intents.0.reasonEn: expected the English twin of "reason", not an empty text',
    ],
    [
      'an unknown concept',
      intent('    type: incident\n    priority: 3\n    when: ["toaster & broken"]\n'),
      'intents.0.when.0: "toaster"',
    ],
    [
      'an unknown group',
      intent('    type: incident\n    priority: 3\n    when: ["server & @nothing"]\n'),
      'intents.0.when.0: "@nothing"',
    ],
    [
      'a request of priority 1',
      intent('    type: request\n    priority: 1\n    when: ["server & add"]\n'),
      'intents.0.priority',
    ],
    [
      'a concept with a bad kind',
      'concepts:\n  toaster:\n    kind: appliance\n    fr: [grille-pain]\n',
      'concepts.toaster.kind',
    ],
    ['an unknown section', 'rules: []\n', '(root)'],
  ];
  it.each(bad)('rejects %s, naming the file and the field', (_name, yaml, field) => {
    const dir = folderWith('zz-local.yaml', yaml);
    let error: unknown;
    try {
      loadIntents(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GuichetError);
    expect((error as GuichetError).code).toBe(ErrorCode.PolicyInvalid);
    expect((error as GuichetError).message).toContain('zz-local.yaml');
    expect((error as GuichetError).message).toContain(field);
  });

  /** A copy of the shipped folder with `from:` renamed `to:` in concepts.yaml (its definition only). */
  function renamed(from: string, to: string): string {
    const dir = folderWith('zz-empty.yaml', 'intents: []\n');
    const path = join(dir, 'concepts.yaml');
    const yaml = readFileSync(path, 'utf8');
    expect(yaml).toContain(`\n  ${from}:`);
    writeFileSync(path, yaml.replace(`\n  ${from}:`, `\n  ${to}:`));
    return dir;
  }

  // The concepts and groups the classifier's code reads by name: renaming one stops start-up.
  it.each(Object.values(CODE_CONCEPTS))('stops when the concept "%s" that the code reads is renamed', (name) => {
    const dir = renamed(name, `${name}_renamed`);
    expect(() => loadIntents(dir)).toThrow(
      expect.objectContaining({
        code: ErrorCode.PolicyInvalid,
        message: expect.stringMatching(new RegExp(`concepts\\.${name}: is read by the classifier`)),
      }),
    );
  });

  it.each(Object.values(CODE_GROUPS))('stops when the group "%s" that the code reads is renamed', (name) => {
    const dir = renamed(name, `${name}_renamed`);
    expect(() => loadIntents(dir)).toThrow(new RegExp(`groups\\.${name}: is read by the classifier`));
  });

  it('says which folder cannot be read', () => {
    expect(() => loadIntents('/nonexistent/intents')).toThrow(/\/nonexistent\/intents/);
  });
});
