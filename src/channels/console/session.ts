import { createInterface } from 'node:readline';
import type { CliIo } from '../../cli/io.js';
import type { ConversationEngine, Turn } from '../../engine/turn.js';
import { toChatLine, toText } from './render.js';

/** Who is talking and in which conversation, for every turn of a console session. */
export interface ConsoleSession {
  conversationId: string;
  userId?: string;
}

/** The turn of one input line: plain text, or a JSON object `{"text"?, "choice"?}` for scripts. */
export function turnOf(line: string, session: ConsoleSession): Turn {
  const turn: Turn = { channel: 'console', conversationId: session.conversationId, text: line };
  if (session.userId) turn.userId = session.userId;
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      const value = JSON.parse(trimmed) as { text?: unknown; choice?: unknown };
      if (value && typeof value === 'object' && ('text' in value || 'choice' in value)) {
        turn.text = typeof value.text === 'string' ? value.text : '';
        if (typeof value.choice === 'string') turn.choice = value.choice;
      }
    } catch {
      // Not JSON after all: the person typed a brace; it is their message.
    }
  }
  return turn;
}

/**
 * Scripted chat: the greeting as a first JSON line, then exactly one JSON line per input line
 * (an empty line is an empty message and is answered too).
 */
export async function runJsonSession(engine: ConversationEngine, io: CliIo, session: ConsoleSession): Promise<number> {
  const begin: Omit<Turn, 'text'> = { channel: 'console', conversationId: session.conversationId };
  if (session.userId) begin.userId = session.userId;
  io.stdout.write(`${JSON.stringify(toChatLine(await engine.begin(begin)))}\n`);
  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const result = await engine.handleTurn(turnOf(line, session));
    io.stdout.write(`${JSON.stringify(toChatLine(result))}\n`);
  }
  return 0;
}

/** Interactive chat in a terminal: the bot's replies as text, a prompt for each answer. */
export async function runInteractiveSession(
  engine: ConversationEngine,
  io: CliIo,
  session: ConsoleSession,
): Promise<number> {
  const begin: Omit<Turn, 'text'> = { channel: 'console', conversationId: session.conversationId };
  if (session.userId) begin.userId = session.userId;
  io.stdout.write(`\n${toText(await engine.begin(begin))}`);
  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: true, prompt: '\nvous › ' });
  rl.prompt();
  for await (const line of rl) {
    if (/^\s*(\/quit|\/exit|\/q)\s*$/.test(line)) break;
    const result = await engine.handleTurn(turnOf(line, session));
    io.stdout.write(`\n${toText(result)}`);
    if (result.ticket) {
      io.stdout.write(`\n(conversation ${session.conversationId}; /quit pour sortir)\n`);
    }
    rl.prompt();
  }
  rl.close();
  io.stdout.write('\n');
  return 0;
}
