import { describe, expect, it } from 'vitest';
import type { DialogContext } from '../../src/dialogs/intake.js';
import { emptyIntake, FIELDS, IMPACT_QUESTIONS, INTAKE_PHASES } from '../../src/dialogs/intake-state.js';
import { INTAKE_STEPS, stepEditing, stepKeyOf } from '../../src/dialogs/intake-steps.js';
import { loadDialogs } from '../../src/dialogs/load.js';
import { loadAccounts, loadPolicy } from '../../src/policy/load.js';
import { fakeClassifier } from '../helpers/fake-classifier.js';

/** The table of the intake's steps holds every question once, and every question is reachable. */
describe('INTAKE_STEPS', () => {
  const ctx: DialogContext = {
    policy: loadPolicy(),
    accounts: loadAccounts(),
    classifier: fakeClassifier(),
    dialogs: loadDialogs(),
    now: new Date('2026-11-23T09:00:00Z'),
    language: 'fr',
  };

  it('has a step for every phase and every impact question', () => {
    const keys = Object.keys(INTAKE_STEPS).sort();
    const expected = [...INTAKE_PHASES.filter((p) => p !== 'question'), ...IMPACT_QUESTIONS].sort();
    expect(keys).toEqual(expected);
  });

  it('asks each step where it says it stands', () => {
    for (const [key, step] of Object.entries(INTAKE_STEPS)) {
      const intake = { ...emptyIntake(), ...step.at, candidate: 'Transports Durand', proposedTitle: 'Imprimante' };
      expect(stepKeyOf(intake)).toBe(key);
      expect(step.prompt(intake, ctx).text.trim()).not.toBe('');
    }
  });

  it('has exactly one step for each field the summary can change', () => {
    for (const field of FIELDS) {
      const editing = Object.values(INTAKE_STEPS).filter((s) => s.edits?.field === field);
      expect(editing, field).toHaveLength(1);
      expect(stepEditing(field)).toBe(editing[0]);
    }
  });
});
