import type { CliIo } from './io.js';

/** `guichet start`: not available in this build yet. */
export async function start(_args: string[], io: CliIo): Promise<number> {
  io.stderr.write('guichet start: not available yet\n');
  return 2;
}
