import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchRow, printTable, resentAfterReset } from './harness.js';

/** Each benchmark file exports `run(): Promise<BenchRow[]>`. `npm run bench -- sla` runs one. */
const suites = ['sla', 'store', 'classify', 'engine', 'twilio', 'slack', 'teams', 'watch'];
const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

const rows: BenchRow[] = [];
for (const suite of suites) {
  if (only.length > 0 && !only.includes(suite)) continue;
  if (!existsSync(join(here, `${suite}.ts`))) continue;
  const module = (await import(`./${suite}.ts`)) as { run: () => Promise<BenchRow[]> };
  process.stderr.write(`running ${suite}…\n`);
  rows.push(...(await module.run()));
}
process.stdout.write(`${printTable(rows)}\n`);
if (resentAfterReset > 0)
  process.stderr.write(`${resentAfterReset} request(s) sent again after the server closed their kept-alive socket\n`);
