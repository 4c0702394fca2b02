import type { Domain, Priority } from '../domain.js';
import { ErrorCode, GuichetError } from '../errors.js';
import type { Policy, QueuePolicy, Technician } from '../policy/schema.js';

/** The queue of a domain: "OPS-01-INFORMATIQUE ou OPS-02-TELECOM selon le problème" (seed 004). */
export function queueOf(policy: Policy, domain: Domain): QueuePolicy {
  const queue = policy.queues.find((q) => q.domain === domain);
  if (!queue) {
    throw new GuichetError(ErrorCode.PolicyInvalid, `the policy has no queue for the domain "${domain}" (queues)`);
  }
  return queue;
}

/** The levels of a queue's resources, lowest first (1, 2, 3 in the seed's table). */
export function levelsOf(policy: Policy, queue: string): number[] {
  return Object.keys(policy.resources.byQueue[queue] ?? {})
    .map(Number)
    .filter((n) => Number.isInteger(n))
    .sort((a, b) => a - b);
}

/**
 * The level a ticket of `priority` starts at in `queue` (policy.resources.startLevel), brought
 * down to the highest level the queue has.
 */
export function startLevel(policy: Policy, queue: string, priority: Priority): number {
  const wanted = policy.resources.startLevel[priority];
  const levels = levelsOf(policy, queue);
  const atOrBelow = levels.filter((l) => l <= wanted);
  return atOrBelow[atOrBelow.length - 1] ?? levels[0] ?? wanted;
}

/** The level above `level` in `queue`, or `level` itself when it is already the highest. */
export function nextLevel(policy: Policy, queue: string, level: number): number {
  return levelsOf(policy, queue).find((l) => l > level) ?? level;
}

/**
 * The technicians of a queue at a level ("Ressource principale", seed 004), in the policy's
 * order: the first one is the ticket's primary resource.
 */
export function techniciansAt(policy: Policy, queue: string, level: number): Technician[] {
  const ids = policy.resources.byQueue[queue]?.[String(level)] ?? [];
  return ids.flatMap((id) => policy.resources.technicians.filter((t) => t.id === id));
}
