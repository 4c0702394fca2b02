import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '../../src/app.js';
import { createSlackChannel } from '../../src/channels/slack/index.js';
import type { SlackAdapter } from '../../src/channels/slack/slack-app.js';
import { teamsChannel } from '../../src/channels/teams/index.js';
import { twilioChannel } from '../../src/channels/twilio/index.js';
import { webChannel } from '../../src/channels/web/channel.js';
import { readConfig } from '../../src/config/config.js';
import { MAX_BODY_BYTES } from '../../src/server/body.js';
import { listen, stopServer } from '../../src/server/lifecycle.js';
import { createHttpServer } from '../../src/server/server.js';
import { SlackApiStandIn } from '../channels/slack/helpers/slack-api.js';
import { ConnectorStandIn } from '../channels/teams/helpers/connector.js';
import { LUCAS } from '../channels/teams/helpers/harness.js';
import { testGuichet } from '../helpers/guichet.js';
import { FUZZ_ENV, FUZZ_ROUTES, type FuzzRequest, type FuzzRoute, type RouteContext } from './routes.js';

/** Fixed, so a failure replays; fast-check prints the seed and the path of the smallest failing case. */
const SEED = 20_261_201;
const RUNS = 2_500;
/** The suite stops after this long however many cases ran, so a slow machine cannot stall `npm test`. */
const TIME_LIMIT_MS = 90_000;
/** A body still missing after this is answered 408: short here, so lying Content-Lengths stay cheap. */
const BODY_TIMEOUT_MS = 50;

/** What XML 1.0 cannot carry. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends exactly these bytes and headers on a fresh connection. */
function send(base: string, req: FuzzRequest): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-length': String(req.body.length), ...req.headers };
    const outgoing = httpRequest(
      {
        host: hostname,
        port: Number(port),
        method: req.method,
        path: req.path,
        headers,
        agent: false,
        timeout: 10_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer to ${req.method} ${req.path} within 10 s`)));
    outgoing.on('error', reject);
    // The server may answer and close before a refused body is all sent.
    outgoing.end(req.body);
  });
}

/**
 * A digest of every row a request could change (the health probe's own row and the transient
 * locks aside).
 */
function snapshot(db: Database.Database): string {
  const tables = ['tickets', 'ticket_events', 'ticket_counters', 'conversations', 'inbound_deliveries'];
  const rows = JSON.stringify(tables.map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()));
  return createHash('sha256').update(rows).digest('hex');
}

/** Printable ASCII: what an HTTP client can put in a header value. */
const headerValue = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/xml',
  '*/*',
  'application/json; charset=latin1',
);
const encodings = fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'gzip, gzip', 'x-unknown', 'GZIP');

/** Any text a person, a phone recognizer or an attacker could send, control characters included. */
const anyText = fc.string({ unit: 'binary', maxLength: 300 });

/** A request changed the way a bad network, a broken client or an attacker would change it. */
type Change =
  | { kind: 'none' }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'splice'; at: number; remove: number; insert: string }
  | { kind: 'json'; value: unknown }
  | { kind: 'fields'; fields: [string, string][] }
  | { kind: 'size'; bytes: number }
  | { kind: 'contentType'; value: string }
  | { kind: 'encoding'; value: string }
  | { kind: 'length'; delta: number }
  | { kind: 'method'; value: string }
  | { kind: 'query'; value: string }
  | { kind: 'header'; name: string; value: string };

const twilioNames = fc.constantFrom(
  'CallSid',
  'Digits',
  'SpeechResult',
  'Confidence',
  'From',
  'CallStatus',
  'AccountSid',
);
const webNames = fc.constantFrom('conversationId', 'text', 'choice', 'messageId', 'userId', '__proto__', 'constructor');

const change: fc.Arbitrary<Change> = fc.oneof(
  { arbitrary: fc.constant<Change>({ kind: 'none' }), weight: 2 },
  fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 1_500 }) }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(400),
    remove: fc.nat(20),
    insert: anyText,
  }),
  fc.record({
    kind: fc.constant('json' as const),
    value: fc.oneof(
      fc.jsonValue(),
      fc.dictionary(webNames, fc.oneof(anyText, fc.jsonValue()), { maxKeys: 5 }),
      fc.record({ conversationId: fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/), text: anyText }),
    ),
  }),
  {
    arbitrary: fc.record({
      kind: fc.constant('fields' as const),
      fields: fc.array(fc.tuple(fc.oneof(twilioNames, webNames, anyText), anyText), { maxLength: 6 }),
    }),
    weight: 3,
  },
  fc.record({
    kind: fc.constant('size' as const),
    bytes: fc.integer({ min: MAX_BODY_BYTES - 64, max: MAX_BODY_BYTES * 3 }),
  }),
  fc.record({ kind: fc.constant('contentType' as const), value: fc.oneof(contentTypes, headerValue) }),
  fc.record({ kind: fc.constant('encoding' as const), value: fc.oneof(encodings, headerValue) }),
  // Only more than is sent: a shorter Content-Length makes the rest a second request (answered 400
  // by Node), while the first, valid, one is handled; that is HTTP framing, not a refusal.
  fc.record({ kind: fc.constant('length' as const), delta: fc.integer({ min: 1, max: 20 }) }),
  fc.record({
    kind: fc.constant('method' as const),
    value: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  }),
  fc.record({ kind: fc.constant('query' as const), value: headerValue }),
  fc.record({
    kind: fc.constant('header' as const),
    name: fc.constantFrom('x-request-id', 'x-forwarded-proto', 'x-twilio-signature', 'accept', 'expect', 'host'),
    value: headerValue,
  }),
);

/** The body as a JSON object to add fields to; a body an earlier change broke starts afresh. */
function parsedObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** Applies one change to a valid request. */
function apply(request: FuzzRequest, c: Change): FuzzRequest {
  const text = request.body.toString('utf8');
  const withBody = (body: Buffer | string) => ({ ...request, body: Buffer.isBuffer(body) ? body : Buffer.from(body) });
  switch (c.kind) {
    case 'none':
      return request;
    case 'bytes':
      return withBody(Buffer.from(c.bytes));
    case 'splice': {
      const at = Math.min(c.at, text.length);
      return withBody(text.slice(0, at) + c.insert + text.slice(at + c.remove));
    }
    case 'json':
      return withBody(JSON.stringify(c.value) ?? 'null');
    case 'fields': {
      if (request.headers['content-type']?.includes('json')) {
        const parsed = parsedObject(text);
        for (const [name, value] of c.fields) parsed[name] = value;
        return withBody(JSON.stringify(parsed));
      }
      const form = new URLSearchParams(text);
      for (const [name, value] of c.fields) form.set(name, value);
      return withBody(form.toString());
    }
    case 'size':
      return withBody(Buffer.alloc(c.bytes, 0x61));
    case 'contentType':
      return { ...request, headers: { ...request.headers, 'content-type': c.value } };
    case 'encoding':
      return { ...request, headers: { ...request.headers, 'content-encoding': c.value } };
    case 'length':
      return { ...request, headers: { ...request.headers, 'content-length': String(request.body.length + c.delta) } };
    case 'method':
      return { ...request, method: c.value };
    case 'query':
      return {
        ...request,
        path: `${request.path}${request.path.includes('?') ? '&' : '?'}${encodeURIComponent(c.value)}`,
      };
    case 'header':
      return { ...request, headers: { ...request.headers, [c.name]: c.value } };
  }
}

describe('the server under random and mutated requests', () => {
  let app: Guichet;
  let context: RouteContext;
  let stop: () => Promise<void>;
  let raw: Database.Database;
  let folder: string;
  let slack: SlackAdapter | undefined;
  // Slack's Web API and the Bot Connector, answering ok: no request leaves the machine.
  const slackApi = new SlackApiStandIn();
  const connector = new ConnectorStandIn();
  /** The work Slack does after its acknowledgement, finished, so the store is read at rest. */
  const settled = async () => slack?.http?.idle();

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'guichet-fuzz-'));
    const database = join(folder, 'guichet.sqlite');
    ({ app } = await testGuichet({ database }));
    await slackApi.start();
    await connector.start();
    connector.members.set(LUCAS.id, LUCAS);
    const env = { ...FUZZ_ENV, SLACK_API_URL: slackApi.apiUrl };
    const slackChannel = createSlackChannel({ onMounted: (mounted) => (slack = mounted) });
    const server = createHttpServer(app, readConfig(env), [webChannel, twilioChannel, slackChannel, teamsChannel], {
      maxBytes: MAX_BODY_BYTES,
      timeoutMs: BODY_TIMEOUT_MS,
    });
    const address = await listen(server, 0, '127.0.0.1');
    context = { base: `http://127.0.0.1:${address.port}`, env, teamsServiceUrl: connector.serviceUrl };
    stop = async () => {
      await settled();
      await stopServer(server, app, 1_000);
    };
    raw = new Database(database, { readonly: true });
  });
  afterAll(async () => {
    raw?.close();
    await stop?.();
    await slackApi.stop();
    await connector.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('has one valid request per route, and the server takes each', async () => {
    for (const route of FUZZ_ROUTES) {
      const answer = await send(context.base, route.valid(context));
      expect(answer.status, `${route.name}: ${answer.body}`).toBeGreaterThanOrEqual(200);
      expect(answer.status, `${route.name}: ${answer.body}`).toBeLessThan(300);
    }
  });

  it(
    'never answers 5xx, never stops, keeps /healthz up, and changes nothing on a refused request',
    async () => {
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...FUZZ_ROUTES),
          fc.array(change, { minLength: 1, maxLength: 3 }),
          fc.boolean(),
          async (route: FuzzRoute, changes: Change[], resign: boolean) => {
            cases += 1;
            let request = changes.reduce(apply, route.valid(context));
            if (resign && route.sign) request = route.sign(request, context);
            await settled();
            const before = snapshot(raw);
            const answer = await send(context.base, request);
            await settled();
            const where = `${request.method} ${request.path} → ${answer.status} ${answer.body.slice(0, 200)}`;
            expect(answer.status, where).toBeGreaterThanOrEqual(200);
            expect(answer.status, where).toBeLessThan(500);
            if (answer.status >= 400)
              expect(snapshot(raw), `a refused request changed the store: ${where}`).toBe(before);
            if (route.name.startsWith('twilio') && answer.status === 200) {
              // What Twilio executes: a document XML can carry, never a stack or a JSON error.
              expect(answer.body.startsWith('<?xml'), where).toBe(true);
              expect(answer.body, where).not.toMatch(NOT_XML);
            }
            if (cases % 50 === 0) expect((await send(context.base, healthz)).status).toBe(200);
          },
        ),
        { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
      );
      expect((await send(context.base, healthz)).status).toBe(200);
      // Enough cases ran to mean something, even on a slow machine.
      expect(cases).toBeGreaterThanOrEqual(500);
    },
    TIME_LIMIT_MS + 30_000,
  );
});

const healthz: FuzzRequest = { method: 'GET', path: '/healthz', headers: {}, body: Buffer.alloc(0) };
