import { describe, expect, it } from 'vitest';
import { runJsonLines } from '../../src/cli/jsonl.js';
import { ErrorCode, GuichetError } from '../../src/errors.js';
import { memoryIo } from '../helpers/memory-io.js';

describe('runJsonLines', () => {
  it('refuses only the line whose handler throws a GuichetError and answers the lines after it', async () => {
    const io = memoryIo('{"n":1}\n{"n":2}\n{"n":3}\n');
    const status = await runJsonLines(io, (input) => {
      const n = (input as { n: number }).n;
      if (n === 2) throw new GuichetError(ErrorCode.PolicyInvalid, 'no deadline can be met');
      return { ok: true, value: { n } };
    });
    expect(status).toBe(1);
    expect(
      io
        .out()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([{ n: 1 }, { line: 2, error: 'no deadline can be met' }, { n: 3 }]);
    expect(io.err()).toBe('line 2: no deadline can be met\n');
  });

  it('lets an unexpected error through: it is a bug, not a bad line', async () => {
    const io = memoryIo('{"n":1}\n');
    await expect(
      runJsonLines(io, () => {
        throw new TypeError('boom');
      }),
    ).rejects.toThrow('boom');
  });
});
