import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import type { Duplex } from 'node:stream';

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
  /** Socket Mode: the WebSocket connections open to the stand-in, and the messages the client sent. */
  readonly sockets = new Set<Duplex>();
  readonly socketMessages: Record<string, unknown>[] = [];
  /** The Authorization header of each call, by method (the app-level token opens Socket Mode). */
  readonly tokens = new Map<string, string>();
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
        this.tokens.set(method, String(req.headers.authorization ?? ''));
        const result = this.answer(method, args);
        this.calls.push({ method, args, result });
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(result));
      });
    });
    this.server.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => this.upgrade(req, socket));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as AddressInfo;
    this.base = `http://127.0.0.1:${address.port}`;
  }

  /** Sends a Socket Mode envelope to every connected client, as Slack does. */
  sendEnvelope(envelope: Record<string, unknown>): void {
    for (const socket of this.sockets) socket.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
  }

  /**
   * The WebSocket of Socket Mode, by hand (RFC 6455): the handshake, Slack's hello, then text
   * frames both ways; the client's pings are answered and its close is echoed.
   */
  private upgrade(req: http.IncomingMessage, socket: Duplex): void {
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let parsed = readFrame(pending); parsed; parsed = readFrame(pending)) {
        pending = pending.subarray(parsed.length);
        if (parsed.opcode === 0x1)
          this.socketMessages.push(JSON.parse(parsed.payload.toString('utf8')) as Record<string, unknown>);
        else if (parsed.opcode === 0x9) socket.write(frame(0xa, parsed.payload));
        else if (parsed.opcode === 0x8) {
          socket.end(frame(0x8, parsed.payload));
          this.sockets.delete(socket);
        }
      }
    });
    socket.write(
      frame(
        0x1,
        Buffer.from(
          JSON.stringify({
            type: 'hello',
            num_connections: 1,
            debug_info: { host: 'applink-stand-in', build_number: 1, approximate_connection_time: 18060 },
            connection_info: { app_id: 'A0GUICHET1' },
          }),
        ),
      ),
    );
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
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
      case 'apps.connections.open':
        return { ok: true, url: `${this.base.replace(/^http/, 'ws')}/link/?ticket=stand-in` };
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

/** A server-to-client WebSocket frame (final, unmasked). */
function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65_536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
  return Buffer.concat([header, payload]);
}

function bigLength(length: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(length));
  return out;
}

/** One client frame (masked, as clients send them) at the start of `data`, or null while incomplete. */
function readFrame(data: Buffer): { opcode: number; payload: Buffer; length: number } | null {
  if (data.length < 2) return null;
  const opcode = (data[0] ?? 0) & 0x0f;
  const masked = ((data[1] ?? 0) & 0x80) !== 0;
  let length = (data[1] ?? 0) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return null;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return null;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  const maskLength = masked ? 4 : 0;
  if (data.length < offset + maskLength + length) return null;
  const mask = data.subarray(offset, offset + maskLength);
  const payload = Buffer.from(data.subarray(offset + maskLength, offset + maskLength + length));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return { opcode, payload, length: offset + maskLength + length };
}
