import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../src/store/keyed-queue.js';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const late = () => new Error('waited too long');
const inAMinute = () => performance.now() + 60_000;

describe('KeyedQueue', () => {
  it('runs work under one key in the order asked, and under other keys side by side', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const work = (name: string, ms: number) => async () => {
      log.push(`${name} starts`);
      await pause(ms);
      log.push(`${name} ends`);
    };
    await Promise.all([
      queue.run('a', work('a1', 30), inAMinute(), late),
      queue.run('a', work('a2', 1), inAMinute(), late),
      queue.run('b', work('b1', 10), inAMinute(), late),
    ]);
    expect(log).toEqual(['a1 starts', 'b1 starts', 'b1 ends', 'a1 ends', 'a2 starts', 'a2 ends']);
  });

  it('lets the next work run after a failure', async () => {
    const queue = new KeyedQueue();
    const failing = queue.run('a', async () => Promise.reject(new Error('boom')), inAMinute(), late);
    const next = queue.run('a', async () => 'next', inAMinute(), late);
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  it('gives up waiting at the instant given, and the work after it still waits for the running one', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let finish = (): void => {};
    const running = queue.run('a', () => new Promise<void>((resolve) => (finish = resolve)), inAMinute(), late);
    const impatient = queue.run('a', async () => log.push('impatient ran'), performance.now() + 20, late);
    const patient = queue.run('a', async () => log.push('patient ran'), inAMinute(), late);
    await expect(impatient).rejects.toThrow('waited too long');
    await pause(20);
    expect(log).toEqual([]);
    finish();
    await running;
    await patient;
    expect(log).toEqual(['patient ran']);
  });
});
