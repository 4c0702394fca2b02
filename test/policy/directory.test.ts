import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_POLICY_PATH, loadPolicy } from '../../src/policy/load.js';

type Doc = { resources: { technicians: Record<string, unknown>[]; [key: string]: unknown } };

function writeVariant(mutate: (doc: Doc) => void): string {
  const doc = parse(readFileSync(DEFAULT_POLICY_PATH, 'utf8')) as Doc;
  mutate(doc);
  const path = join(mkdtempSync(join(tmpdir(), 'guichet-directory-')), 'policy.yaml');
  writeFileSync(path, stringify(doc));
  return path;
}

const first = (doc: Doc) => doc.resources.technicians[0] as Record<string, unknown>;

describe('the technicians’ directory', () => {
  it('has every resource of the levels with a name, an e-mail and Slack and Teams ids', () => {
    const { resources } = loadPolicy();
    const named = new Set(Object.values(resources.byQueue).flatMap((levels) => Object.values(levels).flat()));
    for (const id of named) {
      const technician = resources.technicians.find((t) => t.id === id);
      expect(technician, id).toBeDefined();
      expect(technician?.email, id).toMatch(/@/);
      expect(technician?.chatIds.slack, id).toMatch(/^U/);
      expect(technician?.chatIds.teams, id).toMatch(/^29:/);
    }
    expect(resources.onCall).toBe('pascal');
  });

  it.each<[string, (doc: Doc) => void, RegExp]>([
    [
      'a resource of the levels missing from the directory',
      (doc) => {
        doc.resources.technicians = doc.resources.technicians.filter((t) => t.id !== 'loic');
      },
      /policy\.yaml: invalid\n.*resources\.byQueue\.OPS-01-INFORMATIQUE\.3: "loic" is not a technician/,
    ],
    [
      'a Slack id that is not a member id',
      (doc) => {
        first(doc).chatIds = { slack: '@philippe' };
      },
      /resources\.technicians\.0\.chatIds\.slack: expected a Slack user id/,
    ],
    [
      'a Teams id in the wrong format',
      (doc) => {
        first(doc).chatIds = { teams: 'philippe@itcomservices.fr' };
      },
      /resources\.technicians\.0\.chatIds\.teams: expected a Teams user id/,
    ],
    [
      'a chat platform the directory does not know',
      (doc) => {
        first(doc).chatIds = { skype: 'philippe' };
      },
      /resources\.technicians\.0\.chatIds: .*skype/,
    ],
    [
      'a technician without e-mail',
      (doc) => {
        delete first(doc).email;
      },
      /resources\.technicians\.0\.email: expected the technician's e-mail address/,
    ],
    [
      'two technicians with one id',
      (doc) => {
        (doc.resources.technicians[1] as Record<string, unknown>).id = 'philippe';
      },
      /resources\.technicians\.1\.id: "philippe" is the id of another technician/,
    ],
    [
      'a queue channel of an unknown queue',
      (doc) => {
        doc.resources.channels = { 'OPS-03-RESEAU': { slack: 'C0OPS03' } };
      },
      /resources\.channels\.OPS-03-RESEAU: "OPS-03-RESEAU" is not a queue/,
    ],
    [
      'a Slack queue channel that is a user id',
      (doc) => {
        doc.resources.channels = { 'OPS-01-INFORMATIQUE': { slack: 'U0PHILIPPE' } };
      },
      /resources\.channels\.OPS-01-INFORMATIQUE\.slack: expected a Slack channel id/,
    ],
    [
      'a Teams queue channel that is not a thread',
      (doc) => {
        doc.resources.channels = { 'OPS-02-TELECOM': { teams: 'ops02' } };
      },
      /resources\.channels\.OPS-02-TELECOM\.teams: expected a Teams channel id/,
    ],
    [
      'an on-call resource not in the directory',
      (doc) => {
        doc.resources.onCall = 'nobody';
      },
      /resources\.onCall: "nobody" is not a technician/,
    ],
  ])('stops start-up on %s, naming the file and the field', (_name, mutate, says) => {
    expect(() => loadPolicy(writeVariant(mutate))).toThrowError(says);
  });

  it('takes a channel per queue and Entra object ids', () => {
    const policy = loadPolicy(
      writeVariant((doc) => {
        first(doc).chatIds = { slack: 'W0PHILIPPE', teams: '8f0c2a4e-1b2d-4c3e-9f00-0123456789ab' };
        doc.resources.channels = { 'OPS-01-INFORMATIQUE': { slack: 'C0OPS01', teams: '19:ops01@thread.tacv2' } };
      }),
    );
    expect(policy.resources.channels['OPS-01-INFORMATIQUE']).toEqual({
      slack: 'C0OPS01',
      teams: '19:ops01@thread.tacv2',
    });
  });
});
