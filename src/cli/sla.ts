import type { CliIo } from './io.js';

/** `guichet sla`: not available in this build yet. */
export async function sla(_args: string[], io: CliIo): Promise<number> {
  io.stderr.write('guichet sla: not available yet\n');
  return 2;
}
