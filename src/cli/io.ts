import type { Readable, Writable } from 'node:stream';

/** The process's streams and environment, injected so commands run in tests without a shell. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
};

/** A sub-command of `guichet`: its arguments (after the command name) in, an exit status out. */
export type Command = (args: string[], io: CliIo) => Promise<number>;
