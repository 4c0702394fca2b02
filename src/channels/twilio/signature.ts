import type { Request } from 'restify';
import twilio from 'twilio';
import type { FormParams } from './form.js';
import type { TwilioSettings } from './settings.js';

/**
 * The URL Twilio signed: PUBLIC_BASE_URL (the origin, and path prefix, Twilio calls) followed by the
 * path and query this server received. Without it, the request's own host and protocol (a proxy's
 * X-Forwarded-Proto when present), which only holds when Twilio reaches the server directly.
 */
export function signedUrl(req: Request, settings: TwilioSettings): string {
  const path = req.url ?? '/';
  if (settings.publicBaseUrl !== null) return `${settings.publicBaseUrl}${path}`;
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() || 'http';
  return `${proto}://${req.headers.host ?? 'localhost'}${path}`;
}

/**
 * Whether X-Twilio-Signature is Twilio's HMAC of this URL and these parameters under the auth
 * token (twilio.validateRequest, which also accepts the URL with or without the default port).
 */
export function hasValidSignature(req: Request, params: FormParams, settings: TwilioSettings): boolean {
  const header = req.headers['x-twilio-signature'];
  const signature = Array.isArray(header) ? header[0] : header;
  if (signature === undefined || signature === '') return false;
  return twilio.validateRequest(settings.authToken, signature, signedUrl(req, settings), params);
}
