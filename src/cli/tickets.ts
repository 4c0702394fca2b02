import type { CliIo } from './io.js';

/** `guichet tickets`: not available in this build yet. */
export async function tickets(_args: string[], io: CliIo): Promise<number> {
  io.stderr.write('guichet tickets: not available yet\n');
  return 2;
}
