import { Readable, Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';

/** CLI streams in memory: what a command writes is read back with `out()` and `err()`. */
export function memoryIo(input = '', env: NodeJS.ProcessEnv = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  return {
    stdin: Readable.from([input]),
    stdout: sink((s) => {
      out += s;
    }),
    stderr: sink((s) => {
      err += s;
    }),
    env,
    out: () => out,
    err: () => err,
  };
}
