import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import twilio from 'twilio';

/** A request as the fuzz suite sends it: every byte and header under its control. */
export interface FuzzRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** What a route's builders know of the server under test. */
export interface RouteContext {
  /** http://127.0.0.1:PORT, as the platforms would call it (no proxy in front). */
  base: string;
  /** The environment the server was built from: the channels' secrets. */
  env: Record<string, string>;
  /** The Bot Connector stand-in's address, the serviceUrl of the Teams activities. */
  teamsServiceUrl: string;
}

/**
 * One route of the server, with how to build a valid request for it and, for a platform that
 * signs its webhooks, how to sign a request as the platform would (so a mutated body can also be
 * sent with a valid signature and reach the handler). A new channel's route is one more entry.
 */
export interface FuzzRoute {
  name: string;
  method: string;
  path: string;
  valid(context: RouteContext): FuzzRequest;
  sign?(request: FuzzRequest, context: RouteContext): FuzzRequest;
}

/**
 * The secrets the server under test runs with: every channel that can come on, on (Slack in HTTP
 * mode, its Web API given as SLACK_API_URL when the stand-in is up; Teams without authentication,
 * as the Agents Playground posts).
 */
export const FUZZ_ENV: Record<string, string> = {
  TWILIO_AUTH_TOKEN: '12345678901234567890123456789012',
  SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
  SLACK_BOT_TOKEN: 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
  TEAMS_ANONYMOUS: 'true',
};

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const jsonHeaders = { 'content-type': 'application/json' };

const incomingCall = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/twilio/incoming-call.json', import.meta.url)), 'utf8'),
) as Record<string, string>;

/** Twilio's signature of a form post: HMAC-SHA1 of the URL and the sorted parameters. */
function signTwilio(request: FuzzRequest, context: RouteContext): FuzzRequest {
  const params: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(request.body.toString('utf8'))) {
    const existing = params[name];
    params[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  const signature = twilio.getExpectedTwilioSignature(
    context.env.TWILIO_AUTH_TOKEN ?? '',
    `${context.base}${request.path}`,
    params as Record<string, string>,
  );
  return { ...request, headers: { ...request.headers, 'x-twilio-signature': signature } };
}

function twilioRoute(name: string, path: string, extra: Record<string, string>): FuzzRoute {
  return {
    name,
    method: 'POST',
    path,
    valid: (context) =>
      signTwilio(
        {
          method: 'POST',
          path: name === 'twilio voice' || name === 'twilio status' ? path : `${path}?step=1`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: Buffer.from(new URLSearchParams({ ...incomingCall, CallStatus: 'in-progress', ...extra }).toString()),
        },
        context,
      ),
    sign: signTwilio,
  };
}

const fixture = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url)), 'utf8')) as Record<
    string,
    unknown
  >;

/** Slack's signature: `v0=` HMAC-SHA256 of "v0:{timestamp}:{body}" under the signing secret, timestamped now. */
function signSlack(request: FuzzRequest, context: RouteContext): FuzzRequest {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', context.env.SLACK_SIGNING_SECRET ?? '')
    .update(`v0:${timestamp}:`)
    .update(request.body)
    .digest('hex');
  return {
    ...request,
    headers: { ...request.headers, 'x-slack-request-timestamp': timestamp, 'x-slack-signature': `v0=${signature}` },
  };
}

let slackEvents = 0;
let teamsActivities = 0;

/** Every route of `guichet start` with every channel on. */
export const FUZZ_ROUTES: FuzzRoute[] = [
  {
    name: 'web page',
    method: 'GET',
    path: '/',
    valid: () => ({ method: 'GET', path: '/', headers: {}, body: Buffer.alloc(0) }),
  },
  {
    name: 'health',
    method: 'GET',
    path: '/healthz',
    valid: () => ({ method: 'GET', path: '/healthz', headers: {}, body: Buffer.alloc(0) }),
  },
  {
    name: 'web begin',
    method: 'POST',
    path: '/api/web/begin',
    valid: () => ({ method: 'POST', path: '/api/web/begin', headers: jsonHeaders, body: json({}) }),
  },
  {
    name: 'web message',
    method: 'POST',
    path: '/api/web/messages',
    valid: () => ({
      method: 'POST',
      path: '/api/web/messages',
      headers: jsonHeaders,
      body: json({ conversationId: 'fuzz-conversation-1', text: "l'imprimante n'imprime plus", messageId: 'm1' }),
    }),
  },
  {
    name: 'web updates',
    method: 'POST',
    path: '/api/web/updates',
    valid: () => ({
      method: 'POST',
      path: '/api/web/updates',
      headers: jsonHeaders,
      body: json({ conversationId: 'fuzz-conversation-1', after: 0 }),
    }),
  },
  twilioRoute('twilio voice', '/twilio/voice', { CallStatus: 'ringing' }),
  twilioRoute('twilio menu', '/twilio/menu', { Digits: '2' }),
  twilioRoute('twilio gather', '/twilio/gather', { SpeechResult: "l'imprimante n'imprime plus", Confidence: '0.9' }),
  twilioRoute('twilio status', '/twilio/status', { CallStatus: 'completed', CallDuration: '12' }),
  {
    name: 'slack event',
    method: 'POST',
    path: '/slack/events',
    // A direct message to the bot, a new event id each time so Slack's retries check stays out of the way.
    valid: (context) => {
      slackEvents += 1;
      const event = { ...fixture('slack/message-im.json'), event_id: `Ev0FUZZ${slackEvents}` };
      return signSlack({ method: 'POST', path: '/slack/events', headers: jsonHeaders, body: json(event) }, context);
    },
    sign: signSlack,
  },
  {
    name: 'teams message',
    method: 'POST',
    path: '/api/messages',
    valid: (context) => {
      teamsActivities += 1;
      const { serviceUrl: _ignored, ...activity } = fixture('teams/message.json');
      // serviceUrl last, past where the splices cut: the replies go to the local stand-in only.
      const body = { ...activity, id: `fuzz-${teamsActivities}`, serviceUrl: context.teamsServiceUrl };
      return { method: 'POST', path: '/api/messages', headers: jsonHeaders, body: json(body) };
    },
  },
];
