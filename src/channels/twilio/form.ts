import type { Request } from 'restify';

/** Twilio's webhook parameters as signed: names to string values (a repeated name keeps every value). */
export type FormParams = Record<string, string | string[]>;

const MAX_BODY_BYTES = 64 * 1024;

/**
 * The form Twilio posted (application/x-www-form-urlencoded), whether or not the server ran a body
 * parser before this route: a parsed object, a raw string or buffer, or the unread stream.
 */
export async function readForm(req: Request): Promise<FormParams> {
  const body: unknown = (req as { body?: unknown }).body;
  if (typeof body === 'string') return parseForm(body);
  if (Buffer.isBuffer(body)) return parseForm(body.toString('utf8'));
  if (body !== null && typeof body === 'object') return fromObject(body as Record<string, unknown>);
  if (req.readableEnded) return {};
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) break;
    chunks.push(buffer);
  }
  return parseForm(Buffer.concat(chunks).toString('utf8'));
}

/** The query string of a request URL as parameters. */
export function queryOf(url: string | undefined): URLSearchParams {
  return new URL(url ?? '/', 'http://localhost').searchParams;
}

function parseForm(text: string): FormParams {
  const params: FormParams = {};
  for (const [name, value] of new URLSearchParams(text)) add(params, name, value);
  return params;
}

function fromObject(body: Record<string, unknown>): FormParams {
  const params: FormParams = {};
  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value)) for (const item of value) add(params, name, String(item));
    else if (value !== undefined && value !== null) add(params, name, String(value));
  }
  return params;
}

function add(params: FormParams, name: string, value: string): void {
  const existing = params[name];
  if (existing === undefined) params[name] = value;
  else params[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
}

/** One parameter as a single string (the first value when repeated). */
export function param(params: FormParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}
