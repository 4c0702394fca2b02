import type { CliIo } from './io.js';

/** `guichet classify`: not available in this build yet. */
export async function classify(_args: string[], io: CliIo): Promise<number> {
  io.stderr.write('guichet classify: not available yet\n');
  return 2;
}
