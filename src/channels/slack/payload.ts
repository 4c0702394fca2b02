import { parse as parseQuery } from 'node:querystring';
import { z } from 'zod';

/**
 * The envelopes Slack posts to the request URL, checked before Bolt sees them: an Events API
 * callback, the URL check, an interactivity payload (a form with one `payload` field holding
 * JSON) or a slash command (a plain form). Only what Guichet relies on is required; the rest
 * passes through to Bolt as Slack sent it.
 */
const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  event_id: z.string().min(1),
  team_id: z.string().min(1),
  event: z.looseObject({ type: z.string().min(1) }),
});
const urlVerification = z.looseObject({ type: z.literal('url_verification'), challenge: z.string() });
const INTERACTIONS = [
  'block_actions',
  'view_submission',
  'view_closed',
  'shortcut',
  'message_action',
  'block_suggestion',
] as const;
const interaction = z.looseObject({
  type: z.enum(INTERACTIONS),
  user: z.looseObject({ id: z.string().min(1) }),
});
const slashCommand = z.looseObject({
  command: z.string().startsWith('/'),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  team_id: z.string().min(1),
  trigger_id: z.string().min(1),
  text: z.string().default(''),
});
/** Slack's notices without an event of their own (app_rate_limited, …): acknowledged, nothing else. */
const notice = z.looseObject({ type: z.string().min(1) });

const envelope = z.union([eventCallback, urlVerification, interaction, slashCommand, notice]);

/** The schema of a body by what it says it is, so a refusal names the field that is wrong. */
function schemaOf(body: unknown): z.ZodType {
  if (typeof body !== 'object' || body === null) return notice;
  const { type, command } = body as { type?: unknown; command?: unknown };
  if (command !== undefined) return slashCommand;
  if (type === 'event_callback') return eventCallback;
  if (type === 'url_verification') return urlVerification;
  if (typeof type === 'string' && (INTERACTIONS as readonly string[]).includes(type)) return interaction;
  return notice;
}

export type SlackEnvelope = z.output<typeof envelope>;

/** Why a body was refused, for the 400 and its log line. */
export class MalformedPayload extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedPayload';
  }
}

/**
 * Parses the raw body as Slack sends it: JSON for events, a form for slash commands and
 * interactivity (`payload=<JSON>`). Throws MalformedPayload naming what is wrong.
 */
export function parseSlackBody(raw: string, contentType: string | undefined): SlackEnvelope {
  const type = mediaType(contentType);
  let body: unknown;
  if (type === 'application/x-www-form-urlencoded') {
    const form = parseQuery(raw);
    if (typeof form.payload === 'string') body = parseJson(form.payload);
    else
      body = Object.fromEntries(
        Object.entries(form).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
      );
  } else if (type === 'application/json') {
    body = parseJson(raw);
  } else {
    throw new MalformedPayload(`unexpected content type ${type || '(none)'}: Slack sends JSON or a form`);
  }
  const result = schemaOf(body).safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new MalformedPayload(
      `not a Slack payload (${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unknown shape'})`,
    );
  }
  return result.data as SlackEnvelope;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Whether this is Slack's check of a slash command URL's certificate: an unsigned form with
 * `ssl_check=1`, answered 200 and nothing else (whatever else the form holds is ignored).
 */
export function isSslCheck(raw: string, contentType: string | undefined): boolean {
  return mediaType(contentType) === 'application/x-www-form-urlencoded' && parseQuery(raw).ssl_check === '1';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedPayload('the body is not valid JSON');
  }
}
