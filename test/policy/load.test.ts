import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { systemClock } from '../../src/domain.js';
import { createGuichet } from '../../src/main.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH, loadAccounts, loadPolicy } from '../../src/policy/load.js';

function writeVariant(mutate: (doc: Record<string, unknown>) => void): string {
  const doc = parse(readFileSync(DEFAULT_POLICY_PATH, 'utf8')) as Record<string, unknown>;
  mutate(doc);
  const path = join(mkdtempSync(join(tmpdir(), 'guichet-policy-')), 'policy.yaml');
  writeFileSync(path, stringify(doc));
  return path;
}

describe('the default policy', () => {
  it('holds the seeds’ SLA targets', () => {
    const policy = loadPolicy();
    const hours = (p: keyof typeof policy.priorities) => {
      const { firstResponseHours, resolutionHours, takeChargeHours } = policy.priorities[p];
      return [firstResponseHours, resolutionHours, takeChargeHours];
    };
    expect(hours('critique')).toEqual([1, 4, 2]);
    expect(hours('haute')).toEqual([2, 8, 4]);
    expect(hours('normale')).toEqual([4, 12, 8]);
    expect(hours('basse')).toEqual([12, 48, 12]);
    expect(policy.escalation.graceHours).toBe(1);
  });

  it('holds the business hours in minutes, Monday to Friday', () => {
    const { calendar } = loadPolicy();
    expect(calendar.timezone).toBe('Europe/Paris');
    expect(calendar.week.monday).toEqual([
      { start: 9 * 60, end: 12 * 60 + 30 },
      { start: 14 * 60, end: 18 * 60 },
    ]);
    expect(calendar.week.saturday).toEqual([]);
  });

  it('holds the matrices, queues and resources by level', () => {
    const policy = loadPolicy();
    expect(policy.escalationMatrix.withContract.critique.mention).toBe('PRODUCTION ARRETEE');
    expect(policy.triggerMatrix.withContract.haute.menuChoice).toBe(2);
    expect(policy.triggerMatrix.withoutContract.critique.phone).toBe('0899 198 643');
    expect(policy.queues.map((q) => q.id)).toEqual(['OPS-01-INFORMATIQUE', 'OPS-02-TELECOM']);
    expect(policy.resources.byQueue['OPS-01-INFORMATIQUE']?.['3']).toEqual(['pascal', 'loic']);
  });

  it('ships an example accounts file with and without contract', () => {
    const { accounts } = loadAccounts();
    expect(accounts.some((a) => a.contract)).toBe(true);
    expect(accounts.some((a) => !a.contract)).toBe(true);
  });
});

describe('a wrong policy file', () => {
  it('names the file, the field and what was expected', () => {
    const path = writeVariant((doc) => {
      (doc.priorities as { haute: Record<string, unknown> }).haute.resolutionHours = 'eight';
    });
    expect(() => loadPolicy(path)).toThrowError(
      /policy\.yaml: invalid\n.*priorities\.haute\.resolutionHours: .*number/,
    );
  });

  it('refuses an overlapping or reversed window', () => {
    const path = writeVariant((doc) => {
      ((doc.calendar as Record<string, unknown>).week as Record<string, unknown>).monday = ['14:00-09:00'];
    });
    expect(() => loadPolicy(path)).toThrowError(/calendar\.week\.monday\.0: the window "14:00-09:00" must end after/);
  });

  it('refuses a resource that is not a technician', () => {
    const path = writeVariant((doc) => {
      const resources = doc.resources as { byQueue: Record<string, Record<string, string[]>> };
      (resources.byQueue['OPS-02-TELECOM'] as Record<string, string[]>)['1'] = ['nobody'];
    });
    expect(() => loadPolicy(path)).toThrowError(/resources\.byQueue\.OPS-02-TELECOM\.1: "nobody" is not a technician/);
  });

  it('says when the file is not YAML at all', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'guichet-policy-')), 'broken.yaml');
    writeFileSync(path, 'calendar: [unclosed');
    expect(() => loadPolicy(path)).toThrowError(/broken\.yaml: cannot be read as YAML/);
  });

  it.each([
    { name: 'a policy file', load: loadPolicy, setting: '--policy or GUICHET_POLICY' },
    { name: 'an accounts file', load: loadAccounts, setting: '--accounts or GUICHET_ACCOUNTS' },
  ])('says that $name is missing and how to name another, not an ENOENT', ({ load, setting }) => {
    const path = join(mkdtempSync(join(tmpdir(), 'guichet-policy-')), 'missing.yaml');
    expect(() => load(path)).toThrowError(
      `${path}: there is no such file; check the path, or name the file with ${setting}`,
    );
  });

  it('says when the path is a folder', () => {
    const folder = mkdtempSync(join(tmpdir(), 'guichet-policy-'));
    expect(() => loadPolicy(folder)).toThrowError(`${folder}: it is a folder, not a file`);
  });
});

describe('the phone line of the policy', () => {
  type PhoneLine = { languages: Record<string, Record<string, unknown>>; menu: Record<string, unknown>[] };
  const phoneLineOf = (doc: Record<string, unknown>) => doc.phoneLine as PhoneLine & Record<string, unknown>;

  it('ships the English key and a British voice, recognizer and hints', () => {
    const { phoneLine } = loadPolicy();
    expect(phoneLine?.menu).toContainEqual({ digit: '9', label: { en: 'English' }, action: 'intake', language: 'en' });
    expect(phoneLine?.languages.en).toMatchObject({
      voice: 'Polly.Amy-Neural',
      language: 'en-GB',
      speechLanguage: 'en-GB',
    });
    expect(phoneLine?.languages.en.hints).toContain('printer');
    expect(phoneLine?.languages.fr).toMatchObject({ voice: 'Polly.Lea-Neural', language: 'fr-FR' });
  });

  it.each<[string, (line: PhoneLine & Record<string, unknown>) => void, RegExp]>([
    [
      'a language tag that is not one',
      (line) => {
        (line.languages.en as Record<string, unknown>).language = 'english';
      },
      /phoneLine\.languages\.en\.language: expected a language tag such as "fr-FR" or "en-GB"/,
    ],
    [
      'a recognizer language that is not one',
      (line) => {
        (line.languages.en as Record<string, unknown>).speechLanguage = 'en_GB';
      },
      /phoneLine\.languages\.en\.speechLanguage: expected a language tag/,
    ],
    [
      'a language without its voice',
      (line) => {
        delete (line.languages.en as Record<string, unknown>).voice;
      },
      /phoneLine\.languages\.en\.voice: /,
    ],
    [
      'a language the line does not speak',
      (line) => {
        line.languages.de = { voice: 'Polly.Vicki-Neural', language: 'de-DE' };
      },
      /phoneLine\.languages: .*"de"/,
    ],
    [
      'an English key without its English label',
      (line) => {
        (line.menu[2] as Record<string, unknown>).label = { fr: 'anglais' };
      },
      /phoneLine\.menu\.2\.label\.en: the option is said in English: it needs its label "en"/,
    ],
    [
      'a key in a language the line does not speak',
      (line) => {
        (line.menu[2] as Record<string, unknown>).language = 'de';
      },
      /phoneLine\.menu\.2\.language: /,
    ],
    [
      'the voice still written where it used to be',
      (line) => {
        line.voice = 'Polly.Lea-Neural';
      },
      /phoneLine\.voice: this key has moved: set it as phoneLine\.languages\.fr\.voice/,
    ],
  ])('refuses %s, naming the field', (_name, mutate, message) => {
    const path = writeVariant((doc) => mutate(phoneLineOf(doc)));
    expect(() => loadPolicy(path)).toThrowError(message);
  });

  it('stops start-up on a bad language entry, naming the field', async () => {
    const path = writeVariant((doc) => {
      (phoneLineOf(doc).languages.en as Record<string, unknown>).language = 'english';
    });
    await expect(
      createGuichet({
        database: ':memory:',
        clock: systemClock,
        policyPath: path,
        accountsPath: DEFAULT_ACCOUNTS_PATH,
        logger: pino({ level: 'silent' }),
      }),
    ).rejects.toThrowError(/phoneLine\.languages\.en\.language: expected a language tag/);
  });
});
