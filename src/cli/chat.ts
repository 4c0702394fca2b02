import type { CliIo } from './io.js';

/** `guichet chat`: not available in this build yet. */
export async function chat(_args: string[], io: CliIo): Promise<number> {
  io.stderr.write('guichet chat: not available yet\n');
  return 2;
}
