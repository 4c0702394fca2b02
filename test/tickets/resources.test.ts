import { describe, expect, it } from 'vitest';
import type { Domain, Priority } from '../../src/domain.js';
import { loadPolicy } from '../../src/policy/load.js';
import { nextLevel, queueOf, startLevel, techniciansAt } from '../../src/tickets/resources.js';

const policy = loadPolicy();

describe('resources by level (seed 004, "Ressource principale")', () => {
  it.each<[Domain, Priority, string, number]>([
    ['informatique', 'critique', 'OPS-01-INFORMATIQUE', 2],
    ['informatique', 'haute', 'OPS-01-INFORMATIQUE', 1],
    ['telecom', 'critique', 'OPS-02-TELECOM', 2],
    ['telecom', 'basse', 'OPS-02-TELECOM', 1],
  ])('%s %s starts in %s at level %i', (domain, priority, queue, level) => {
    expect(queueOf(policy, domain).id).toBe(queue);
    expect(startLevel(policy, queue, priority)).toBe(level);
  });

  it.each([
    ['OPS-01-INFORMATIQUE', 1, ['Philippe', 'Jérôme']],
    ['OPS-01-INFORMATIQUE', 2, ['Philippe', 'Pascal']],
    ['OPS-01-INFORMATIQUE', 3, ['Pascal', 'Loïc']],
    ['OPS-02-TELECOM', 1, ['Jérôme']],
    ['OPS-02-TELECOM', 3, ['Jérôme', 'Pascal']],
    ['OPS-02-TELECOM', 4, []],
  ])('%s level %i is %j', (queue, level, names) => {
    expect(techniciansAt(policy, queue, level).map((t) => t.name)).toEqual(names);
  });

  it.each([
    [1, 2],
    [2, 3],
    [3, 3],
  ])('the level after %i is %i', (level, next) => {
    expect(nextLevel(policy, 'OPS-01-INFORMATIQUE', level)).toBe(next);
  });

  it('brings a start level above the queue’s highest down to it', () => {
    const tall = {
      ...policy,
      resources: { ...policy.resources, startLevel: { ...policy.resources.startLevel, critique: 9 } },
    };
    expect(startLevel(tall, 'OPS-02-TELECOM', 'critique')).toBe(3);
  });
});
