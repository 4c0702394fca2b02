import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const BOT_TOKEN = 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy';

const fixtures = fileURLToPath(new URL('../../../fixtures/slack/', import.meta.url));

/** A JSON fixture of test/fixtures/slack/, as a fresh object to change. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(`${fixtures}${name}`, 'utf8')) as T;
}

/** A text fixture (the slash command's form). */
export function textFixture(name: string): string {
  return readFileSync(`${fixtures}${name}`, 'utf8');
}

/** The headers Slack signs a request with: `v0=` HMAC-SHA256 of "v0:{timestamp}:{body}" under the signing secret. */
export function slackHeaders(
  body: string,
  options: { secret?: string; timestamp?: number } = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

/** A client posting to /slack/events of one server, signed as Slack signs. */
export class SlackPoster {
  constructor(private readonly base: string) {}

  /** Posts an Events API payload as JSON. */
  event(
    body: unknown,
    headers: Record<string, string> = {},
    sign: { secret?: string; timestamp?: number } = {},
  ): Promise<Response> {
    return this.raw(JSON.stringify(body), 'application/json', headers, sign);
  }

  /** Posts an interactivity payload as Slack does: a form with one `payload` field of JSON. */
  interaction(payload: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.raw(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
      headers,
    );
  }

  /** Posts a slash command's form. */
  command(form: string): Promise<Response> {
    return this.raw(form, 'application/x-www-form-urlencoded');
  }

  raw(
    body: string,
    contentType: string,
    headers: Record<string, string> = {},
    sign: { secret?: string; timestamp?: number } = {},
  ): Promise<Response> {
    return fetch(`${this.base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...slackHeaders(body, sign), ...headers },
      body,
    });
  }
}
