import { z } from 'zod';
import { DOMAINS, TICKET_TYPES } from '../domain.js';
import type { ClarifyingQuestion, ClassificationContext } from '../intents/classification.js';
import { createClassifier, loadIntents } from '../intents/classifier.js';
import { loadPolicy } from '../policy/load.js';
import type { CliIo } from './io.js';
import { type LineOutcome, runJsonLines } from './jsonl.js';
import { parseCommandArgs } from './options.js';

const HELP = `Usage: guichet classify [--intents DIR] [--policy FILE]

Reads JSON lines {"id"?, "text", "management"?, answers…} on stdin and writes one JSON line per
input: {id?, type, priority, priorityLabel, domain, queue, category, subcategory?, confidence,
rules, reason, reasons, questions}: "reason" is the French sentence saying why, "reasons" the same
as {"fr", "en"}. "management": true says the contact is a member of the management (accounts
file). The intake's answers, when given, are applied as the dialog applies them: "scope"
(one_user, team, site, company), "workaround", "urgent", "noRush" (true or false), "type"
(incident, request), "domain" (informatique, telecom), and "asked", the questions already asked
(type, scope, workaround, urgency, domain): none is asked again, and one whose answer is not
given gets the seed's default (incident; one user), said in the reason.
--intents (or GUICHET_INTENTS) points at another intents folder.
`;

const QUESTIONS = ['type', 'scope', 'workaround', 'urgency', 'domain'] as const satisfies readonly ClarifyingQuestion[];

const inputSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string().trim().min(1, 'expected a non-empty "text"'),
  management: z.boolean().optional(),
  scope: z.enum(['one_user', 'team', 'site', 'company']).optional(),
  workaround: z.boolean().optional(),
  urgent: z.boolean().optional(),
  noRush: z.boolean().optional(),
  type: z.enum(TICKET_TYPES).optional(),
  domain: z.enum(DOMAINS).optional(),
  asked: z.array(z.enum(QUESTIONS)).optional(),
});

/** The classification context of a line: the answers it gives, none of the fields it leaves out. */
function contextOf(line: z.output<typeof inputSchema>): ClassificationContext {
  const context: ClassificationContext = {};
  if (line.management !== undefined) context.management = line.management;
  if (line.scope !== undefined) context.scope = line.scope;
  if (line.workaround !== undefined) context.workaround = line.workaround;
  if (line.urgent !== undefined) context.urgent = line.urgent;
  if (line.noRush !== undefined) context.noRush = line.noRush;
  if (line.type !== undefined) context.type = line.type;
  if (line.domain !== undefined) context.domain = line.domain;
  if (line.asked !== undefined) context.asked = [...new Set(line.asked)];
  return context;
}

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
    const { id, text } = parsed.data;
    const c = classifier.classify(text, contextOf(parsed.data));
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
