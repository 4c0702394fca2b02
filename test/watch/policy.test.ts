import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ErrorCode } from '../../src/errors.js';
import { DEFAULT_POLICY_PATH, loadPolicy } from '../../src/policy/load.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The shipped policy with its slaWatch section replaced (undefined: removed). */
function withWatch(slaWatch: unknown): string {
  const doc = parse(readFileSync(DEFAULT_POLICY_PATH, 'utf8')) as Record<string, unknown>;
  if (slaWatch === undefined) delete doc.slaWatch;
  else doc.slaWatch = slaWatch;
  const folder = mkdtempSync(join(tmpdir(), 'guichet-watch-policy-'));
  folders.push(folder);
  const path = join(folder, 'policy.yaml');
  writeFileSync(path, stringify(doc));
  return path;
}

describe('the slaWatch section of the policy', () => {
  it('ships the warning share, the levels and the manager warned', () => {
    expect(loadPolicy().slaWatch).toEqual({
      warnAt: { critique: 0.75, haute: 0.75, normale: 0.75, basse: 0.75 },
      takeCharge: { toLevel: 2, escalation: 'automatic' },
      resolution: { toLevel: 3, escalation: 'automatic', warn: ['loic'] },
    });
  });

  it('has defaults when a policy file has no such section', () => {
    expect(loadPolicy(withWatch(undefined)).slaWatch).toEqual({
      warnAt: { critique: 0.75, haute: 0.75, normale: 0.75, basse: 0.75 },
      takeCharge: { toLevel: 2, escalation: 'automatic' },
      resolution: { toLevel: 3, escalation: 'automatic', warn: [] },
    });
  });

  it.each([
    [{ warnAt: { normale: 1.5 } }, /slaWatch\.warnAt\.normale/, /below 1/],
    [{ takeCharge: { toLevel: 1 } }, /slaWatch\.takeCharge\.toLevel/, /2 or more/],
    [{ takeCharge: { escalation: 'sometimes' } }, /slaWatch\.takeCharge\.escalation/, /automatic|proposed/],
    [{ resolution: { warn: ['nobody'] } }, /slaWatch\.resolution\.warn/, /"nobody" is not a technician/],
    [{ takeCharge: { toLevel: 3 }, resolution: { toLevel: 2 } }, /slaWatch\.resolution\.toLevel/, /at least/],
  ])('refuses %j naming the field', (slaWatch, field, why) => {
    const path = withWatch(slaWatch);
    let failure: unknown;
    try {
      loadPolicy(path);
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({ code: ErrorCode.PolicyInvalid });
    expect((failure as Error).message).toMatch(field);
    expect((failure as Error).message).toMatch(why);
    expect((failure as Error).message).toContain(path);
  });
});
