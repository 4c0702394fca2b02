import { createInterface } from 'node:readline';
import { GuichetError } from '../errors.js';
import type { CliIo } from './io.js';

/** What a JSON-lines command answers for one input line: a value, or a reason to refuse it. */
export type LineOutcome = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Reads JSON lines from stdin and writes exactly one JSON line per non-blank input line. A line
 * that is not JSON, or that the handler refuses, gets `{"line": N, "error": "…"}` on stdout (and
 * the same on stderr); the other lines are still answered. Returns the exit status: 0 when every
 * line was answered, 1 when any was refused.
 */
export async function runJsonLines(io: CliIo, handle: (input: unknown) => LineOutcome): Promise<number> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  let failed = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let input: unknown;
    try {
      input = JSON.parse(line);
    } catch (error) {
      failed++;
      report(io, lineNumber, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    const outcome = answer(handle, input);
    if (outcome.ok) {
      io.stdout.write(`${JSON.stringify(outcome.value)}\n`);
    } else {
      failed++;
      report(io, lineNumber, outcome.error);
    }
  }
  return failed > 0 ? 1 : 0;
}

/**
 * The handler's outcome; a GuichetError it throws (an instant past the calendar's range, a policy
 * that can never meet a target) refuses this line only, so the lines after it are still answered.
 */
function answer(handle: (input: unknown) => LineOutcome, input: unknown): LineOutcome {
  try {
    return handle(input);
  } catch (error) {
    if (error instanceof GuichetError) return { ok: false, error: error.message };
    throw error;
  }
}

function report(io: CliIo, line: number, error: string): void {
  const json = JSON.stringify({ line, error });
  io.stdout.write(`${json}\n`);
  io.stderr.write(`line ${line}: ${error}\n`);
}
