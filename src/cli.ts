import type { CliIo, Command } from './cli/io.js';
import { processIo } from './cli/io.js';
import { GuichetError } from './errors.js';

/** The sub-commands of `guichet`, loaded on demand so each starts only what it needs. */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  start: {
    summary: 'run the server: every configured channel, the web chat at /',
    load: async () => (await import('./cli/start.js')).start,
  },
  chat: {
    summary: 'talk to the bot in the terminal (--jsonl for scripts)',
    load: async () => (await import('./cli/chat.js')).chat,
  },
  classify: {
    summary: 'classify JSON lines {"text"} into type, priority, domain, queue',
    load: async () => (await import('./cli/classify.js')).classify,
  },
  sla: {
    summary: 'SLA deadlines for JSON lines {"openedAt", "priority"} (--explain)',
    load: async () => (await import('./cli/sla.js')).sla,
  },
  tickets: {
    summary: 'list, show and act on tickets (list | show N | take|reply|escalate|wait|resolve|reopen N --by T)',
    load: async () => (await import('./cli/tickets.js')).tickets,
  },
  teams: {
    summary: 'teams package: write the Teams app zip (manifest and icons) to upload in Teams',
    load: async () => (await import('./cli/teams.js')).teams,
  },
  report: {
    summary: 'the SLA compliance report (--from, --to)',
    load: async () => (await import('./cli/report.js')).report,
  },
  watch: {
    summary: 'one pass of the SLA watch: warnings and escalations due (--once)',
    load: async () => (await import('./cli/watch.js')).watch,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: guichet <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Every command takes --now ISO (the clock), --db PATH|URL (the store; DATABASE_URL otherwise),',
    '--policy FILE, --accounts FILE and --intents DIR (GUICHET_POLICY, GUICHET_ACCOUNTS and',
    'GUICHET_INTENTS otherwise). A wrong variable of the environment stops the command with its name.',
    '',
  ].join('\n');
}

/** Runs `guichet <command> …` and returns the exit status. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`guichet: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load())(args, io);
  } catch (error) {
    if (error instanceof GuichetError) {
      io.stderr.write(`guichet ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
