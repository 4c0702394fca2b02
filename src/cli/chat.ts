import { randomUUID } from 'node:crypto';
import { runInteractiveSession, runJsonSession } from '../channels/console/session.js';
import { createGuichet } from '../main.js';
import type { CliIo } from './io.js';
import { parseCommandArgs } from './options.js';

const USAGE = `Usage: guichet chat [--jsonl] [--user EMAIL|PHONE] [--conversation ID] [--now ISO] [--db PATH|URL]

Talk to Guichet in the terminal. Type a digit to pick a numbered choice, /quit to leave.
--jsonl (or a stdin that is not a terminal): one JSON line with the greeting, then one JSON line
per input line: {"replies":[{"text","choices":[{"label","digit"}],"expects"}],"ticket":{…}}.
--user sets who you are (an e-mail or phone of the accounts file); --conversation resumes one.
`;

/** `guichet chat`: the console channel. */
export async function chat(args: string[], io: CliIo): Promise<number> {
  const { values, settings } = parseCommandArgs(args, io.env, {
    jsonl: { type: 'boolean' },
    user: { type: 'string' },
    conversation: { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const app = await createGuichet(settings);
  try {
    const session = {
      conversationId:
        typeof values.conversation === 'string' && values.conversation ? values.conversation : randomUUID(),
      ...(typeof values.user === 'string' && values.user ? { userId: values.user } : {}),
    };
    const scripted = values.jsonl === true || !io.stdin.isTTY;
    return scripted
      ? await runJsonSession(app.engine, io, session)
      : await runInteractiveSession(app.engine, io, session);
  } finally {
    await app.close();
  }
}
