import { z } from 'zod';
import { PRIORITIES } from '../domain.js';
import { loadPolicy } from '../policy/load.js';
import { type DeadlineExplanation, SlaEngine } from '../sla/sla-engine.js';
import { parseOffsetInstant } from './instant.js';
import type { CliIo } from './io.js';
import { type LineOutcome, runJsonLines } from './jsonl.js';
import { parseCommandArgs } from './options.js';

const USAGE = `Usage: guichet sla [--explain] [--policy FILE]

Reads JSON lines {"openedAt": ISO-8601 with offset, "priority": critique|haute|normale|basse,
"contract"?: boolean (default true), "id"?: any} on stdin and writes one JSON line per input with
firstResponseDue, resolutionDue and escalationAt in the policy time zone (null without contract).
--explain adds the windows each deadline consumed and the days it skipped.

Example:
  echo '{"openedAt":"2026-11-20T17:30:00+01:00","priority":"critique"}' | guichet sla
`;

/** An instant written with its UTC offset ("Z", "+01:00", "+0530"): without one it is ambiguous. */
const instant = z
  .string({ error: 'expected an ISO-8601 instant with its UTC offset, such as "2026-11-20T17:30:00+01:00"' })
  .refine((text) => parseOffsetInstant(text) !== undefined, {
    error: (issue) =>
      `expected an ISO-8601 instant with its UTC offset, such as "2026-11-20T17:30:00+01:00", not ${JSON.stringify(issue.input)}`,
  });

const requestSchema = z.object(
  {
    id: z.unknown().optional(),
    openedAt: instant,
    priority: z.enum(PRIORITIES, {
      error: (issue) => `expected one of ${PRIORITIES.join(', ')}, not ${JSON.stringify(issue.input)}`,
    }),
    contract: z.boolean({ error: 'expected true or false (default true)' }).default(true),
  },
  { error: 'expected a JSON object such as {"openedAt": "2026-11-20T17:30:00+01:00", "priority": "critique"}' },
);

/** `guichet sla`: SLA deadlines of JSON lines (docs/architecture.md, "The command line"). */
export async function sla(args: string[], io: CliIo): Promise<number> {
  const { values, settings } = parseCommandArgs(args, io.env, { explain: { type: 'boolean' } });
  if (values.help === true) {
    io.stdout.write(USAGE);
    return 0;
  }
  const engine = new SlaEngine(loadPolicy(settings.policyPath));
  const explain = values.explain === true;
  return runJsonLines(io, (input) => answer(engine, input, explain));
}

function answer(engine: SlaEngine, input: unknown, explain: boolean): LineOutcome {
  const parsed = requestSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    );
    return { ok: false, error: problems.join('; ') };
  }
  const { id, openedAt, priority, contract } = parsed.data;
  const opened = parseOffsetInstant(openedAt) as Date;
  const deadlines = engine.deadlines(opened, priority, contract);
  const format = (at: Date | undefined) => (at ? engine.formatInstant(at) : null);
  const value: Record<string, unknown> = id === undefined ? {} : { id };
  Object.assign(value, {
    openedAt: engine.formatInstant(opened),
    priority,
    firstResponseDue: format(deadlines?.firstResponseDue),
    resolutionDue: format(deadlines?.resolutionDue),
    escalationAt: format(deadlines?.escalationAt),
  });
  if (explain) {
    const explanation = deadlines ? engine.explain(opened, priority) : null;
    const one = ({ businessHours, trace }: DeadlineExplanation) => ({ businessHours, ...trace });
    value.explain = explanation && {
      firstResponse: one(explanation.firstResponse),
      resolution: one(explanation.resolution),
      escalation: one(explanation.escalation),
    };
  }
  return { ok: true, value };
}
