import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

/** One call the stand-in received: the Web API method (or `response_url`) and its arguments. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** What the stand-in answered. */
  result?: Record<string, unknown>;
}

/** A Slack profile the stand-in's users.info answers with. */
export interface StandInUser {
  id: string;
  email?: string;
}

/**
 * A local HTTP server standing in for Slack's Web API (`SLACK_API_URL`) and the response URLs of
 * slash commands: it answers as Slack does (`{ok: true, …}` or `{ok: false, error}`) and records
 * every call, so tests see exactly what Guichet asked Slack to do.
 */
export class SlackApiStandIn {
  readonly calls: SlackCall[] = [];
  private readonly users = new Map<string, StandInUser>();
  private readonly failures = new Map<string, { error: string; times: number }>();
  private server: http.Server | null = null;
  private ts = 1764583201;
  base = '';

  /** The base URL to give as SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A response_url of this stand-in, recorded as method `response_url`. */
  responseUrl(name: string): string {
    return `${this.base}/respond/${name}`;
  }

  addUser(user: StandInUser): void {
    this.users.set(user.id, user);
  }

  /** The next `times` calls of `method` answer `{ok: false, error}`. */
  fail(method: string, error: string, times = 1): void {
    this.failures.set(method, { error, times });
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Waits until `predicate` holds on the calls (the work after Slack's acknowledgement is asynchronous). */
  async waitFor(predicate: (stand: SlackApiStandIn) => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; calls: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', this.base);
        const args = parseArgs(raw, req.headers['content-type']);
        if (url.pathname.startsWith('/respond/')) {
          this.calls.push({ method: 'response_url', args: { ...args, name: url.pathname.slice('/respond/'.length) } });
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('ok');
          return;
        }
        const method = url.pathname.replace(/^\/api\//, '');
        const result = this.answer(method, args);
        this.calls.push({ method, args, result });
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(result));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as AddressInfo;
    this.base = `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const failure = this.failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return { ok: false, error: failure.error };
    }
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://guichet-demo.slack.com/',
          team: 'Guichet demo',
          user: 'guichet',
          team_id: 'T0GUICHET',
          user_id: 'U0GUICHETBOT',
          bot_id: 'B0GUICHET1',
        };
      case 'chat.postMessage': {
        this.ts += 1;
        return {
          ok: true,
          channel: args.channel,
          ts: `${this.ts}.000100`,
          message: { text: args.text, ts: `${this.ts}.000100` },
        };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.ts}.000200` };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).slice(1)}` } };
      case 'views.publish':
      case 'views.open':
        return { ok: true, view: { id: 'V0STANDIN01' } };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id: user.id, profile: user.email ? { email: user.email } : {} } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

/** The WebClient posts forms whose nested values (blocks, views) are JSON strings. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if ((contentType ?? '').startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const form = parseQuery(raw);
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    const text = Array.isArray(value) ? value[0] : value;
    args[key] = typeof text === 'string' && /^[[{]/.test(text) ? safeJson(text) : text;
  }
  return args;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
