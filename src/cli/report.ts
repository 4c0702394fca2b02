import type { CliIo } from './io.js';

/** `guichet report`: not available in this build yet. */
export async function report(_args: string[], io: CliIo): Promise<number> {
  io.stderr.write('guichet report: not available yet\n');
  return 2;
}
