import { z } from 'zod';
import { createClassifier, loadIntents } from '../intents/classifier.js';
import { loadPolicy } from '../policy/load.js';
import type { CliIo } from './io.js';
import { type LineOutcome, runJsonLines } from './jsonl.js';
import { parseCommandArgs } from './options.js';

const HELP = `Usage: guichet classify [--intents DIR] [--policy FILE]

Reads JSON lines {"id"?, "text", "management"?} on stdin and writes one JSON line per input:
{id?, type, priority, priorityLabel, domain, queue, category, subcategory?, confidence, rules,
reason, reasons, questions}: "reason" is the French sentence saying why, "reasons" the same as
{"fr", "en"}. "management": true says the contact is a member of the management (accounts
file). --intents (or GUICHET_INTENTS) points at another intents folder.
`;

const inputSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string().trim().min(1, 'expected a non-empty "text"'),
  management: z.boolean().optional(),
});

/** `guichet classify`: incident or request, priority, domain and queue of each line's text. */
export async function classify(args: string[], io: CliIo): Promise<number> {
  const { values, settings } = parseCommandArgs(args, io.env, {});
  if (values.help === true) {
    io.stdout.write(HELP);
    return 0;
  }
  const classifier = createClassifier(loadPolicy(settings.policyPath), loadIntents(settings.intentsDir));
  return runJsonLines(io, (input): LineOutcome => {
    const parsed = inputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'line';
      return { ok: false, error: `${field}: ${issue?.message ?? 'invalid'}` };
    }
    const { id, text, management } = parsed.data;
    const c = classifier.classify(text, management === undefined ? {} : { management });
    return {
      ok: true,
      value: {
        ...(id === undefined ? {} : { id }),
        type: c.type,
        priority: c.priorityNumber,
        priorityLabel: c.priority,
        domain: c.domain,
        queue: c.queue,
        category: c.category,
        ...(c.subcategory === undefined ? {} : { subcategory: c.subcategory }),
        confidence: c.confidence,
        rules: c.rules,
        reason: c.reason,
        reasons: c.reasons,
        questions: c.questions,
      },
    };
  });
}
