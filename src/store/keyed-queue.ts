/**
 * Runs the work given under one key one after the other, in the order asked, and work under
 * different keys side by side. It serializes within one process only; the stores add their
 * cross-process guard on top. It is not reentrant: work that waits for its own key never starts.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Runs `work` once every earlier work under `key` has settled; a failure does not block the
   * next. When earlier work is still running at `waitUntil` (a `performance.now()` instant),
   * `work` is not run and `late()` is thrown; the work queued after it still waits for the
   * earlier one.
   */
  async run<T>(key: string, work: () => Promise<T>, waitUntil: number, late: () => Error): Promise<T> {
    const previous = this.tails.get(key);
    let release = (): void => {};
    const tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.tails.set(key, tail);
    const done = () => {
      release();
      // The last in line removes the key, so the map holds only conversations being worked on.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    if (previous !== undefined && !(await settlesBefore(previous, waitUntil))) {
      void previous.then(done);
      throw late();
    }
    try {
      return await work();
    } finally {
      done();
    }
  }
}

/** Whether `promise` (which never rejects) settles before the instant `until`. */
async function settlesBefore(promise: Promise<void>, until: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, until - performance.now()));
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The key of a conversation in a KeyedQueue: NUL cannot be confused with a character of the channel. */
export function conversationKey(channel: string, conversationId: string): string {
  return `${channel}\u0000${conversationId}`;
}
