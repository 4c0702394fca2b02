import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import twilio from 'twilio';
import { readTwiml, type Twiml } from './twiml-check.js';

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../fixtures/twilio/${name}`, import.meta.url)), 'utf8'),
  ) as Record<string, string>;

/** The parameters of a real incoming-call webhook, and of a real call status callback. */
export const INCOMING_CALL = fixture('incoming-call.json');
export const STATUS_COMPLETED = fixture('status-completed.json');

/** Where Twilio sends webhooks: the server's address, and the public URL it believes it calls. */
export interface PhoneNetwork {
  /** The server's own address, e.g. http://127.0.0.1:40123. */
  server: string;
  authToken: string;
  /** The public base URL configured at Twilio (behind a proxy); the server's address when unset. */
  publicBaseUrl?: string;
}

/** An HTTP answer as the simulated Twilio saw it. */
export interface WebhookAnswer {
  status: number;
  body: string;
}

let calls = 0;

/**
 * A caller rings, presses the menu `key`, describes the problem by voice, then presses 1 at each
 * question until `heard` (the ticket number, by default in French) is said; returns that document.
 */
export async function callAndConfirm(
  call: SimulatedCall,
  description: string,
  options: { key?: string; confidence?: number; heard?: string; check?: (twiml: Twiml) => void } = {},
): Promise<Twiml> {
  await call.ring();
  await call.press(options.key ?? '2');
  const described = await call.speak(description, options.confidence ?? 0.9);
  return pressOneUntil(call, described, options.heard ?? 'Votre ticket :', options.check);
}

/**
 * Presses 1 (the first choice: "oui", "yes") at each question until a sentence starting with
 * `heard` is said, checking each document passed on the way; returns the document that said it.
 */
export async function pressOneUntil(
  call: SimulatedCall,
  twiml: Twiml,
  heard: string,
  check: (twiml: Twiml) => void = () => {},
): Promise<Twiml> {
  let current = twiml;
  for (let i = 0; i < 8 && !current.said.some((s) => s.startsWith(heard)); i++) {
    check(current);
    current = await call.press('1');
  }
  return current;
}

/** A fresh CallSid (CA + 32 hex digits). */
export function newCallSid(): string {
  calls += 1;
  return `CA${String(calls).padStart(8, '0')}${'a'.repeat(24)}`;
}

/**
 * A phone call driven as Twilio drives it: signed form posts (X-Twilio-Signature computed on the
 * public URL), following each <Gather action> when the caller presses keys or speaks, and the
 * <Redirect> after it when the caller stays silent. Every TwiML answer is parsed and checked.
 */
export class SimulatedCall {
  readonly callSid: string;
  readonly from: string;
  /** The TwiML document being executed, and the URL it was fetched from. */
  current: Twiml | undefined;
  private documentUrl: string;
  /** Every TwiML document of the call, in order. */
  readonly transcript: Twiml[] = [];

  constructor(
    private network: PhoneNetwork,
    options: { callSid?: string; from?: string } = {},
  ) {
    this.callSid = options.callSid ?? newCallSid();
    this.from = options.from ?? '+33491000001';
    this.documentUrl = this.publicUrl('/twilio/voice');
  }

  /**
   * The server restarted behind the same public URL (PUBLIC_BASE_URL): the call goes on, its next
   * webhooks reaching the new process.
   */
  reconnect(network: PhoneNetwork): void {
    this.network = network;
  }

  /** The call rings: Twilio posts the incoming-call webhook. */
  async ring(): Promise<Twiml> {
    return this.fetchDocument(this.publicUrl('/twilio/voice'), { CallStatus: 'ringing' });
  }

  /** The caller presses keys during the current <Gather>. */
  press(digits: string): Promise<Twiml> {
    return this.fetchDocument(this.gatherAction(), { Digits: digits });
  }

  /** The caller speaks during the current <Gather>; Twilio posts the transcript and its confidence. */
  speak(text: string, confidence = 0.92): Promise<Twiml> {
    return this.fetchDocument(this.gatherAction(), { SpeechResult: text, Confidence: String(confidence) });
  }

  /** The caller says nothing: the <Gather> times out and Twilio follows the <Redirect> after it. */
  silence(): Promise<Twiml> {
    const redirect = this.current?.redirect;
    if (redirect === undefined) throw new Error('the current TwiML has no <Redirect> to follow on silence');
    return this.fetchDocument(new URL(redirect, this.documentUrl).toString(), {});
  }

  /** The call ends: Twilio posts the status callback. */
  hangUp(status = 'completed'): Promise<WebhookAnswer> {
    return this.post(this.publicUrl('/twilio/status'), { ...STATUS_COMPLETED, ...this.identity(), CallStatus: status });
  }

  /** Posts the last request again, as Twilio does when it retries a webhook. */
  async retryLast(): Promise<Twiml> {
    if (this.last === undefined) throw new Error('nothing to retry');
    const answer = await this.post(this.last.url, this.last.params);
    if (answer.status !== 200) throw new Error(`retry answered ${answer.status}: ${answer.body}`);
    return readTwiml(answer.body);
  }

  /** The URL and parameters the next key press would post (for forged or repeated requests). */
  nextKeyPress(digits: string): { url: string; params: Record<string, string> } {
    return { url: this.gatherAction(), params: { ...this.baseParams(), Digits: digits } };
  }

  private last: { url: string; params: Record<string, string> } | undefined;

  /** A signed POST of these parameters to this public URL, delivered to the server. */
  async post(
    url: string,
    params: Record<string, string>,
    signature: string | null = twilio.getExpectedTwilioSignature(this.network.authToken, url, params),
  ): Promise<WebhookAnswer> {
    this.last = { url, params };
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (signature !== null) headers['x-twilio-signature'] = signature;
    const response = await fetch(this.localUrl(url), {
      method: 'POST',
      headers,
      body: new URLSearchParams(params).toString(),
    });
    return { status: response.status, body: await response.text() };
  }

  private async fetchDocument(url: string, extra: Record<string, string>): Promise<Twiml> {
    const answer = await this.post(url, { ...this.baseParams(), ...extra });
    if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}: ${answer.body}`);
    const type = answer.body.startsWith('<?xml') ? 'xml' : 'other';
    if (type !== 'xml') throw new Error(`${url} did not answer TwiML: ${answer.body}`);
    this.current = readTwiml(answer.body);
    this.documentUrl = url;
    this.transcript.push(this.current);
    return this.current;
  }

  private gatherAction(): string {
    const action = this.current?.gather?.attributes.action;
    if (action === undefined) throw new Error('the current TwiML has no <Gather> to answer');
    return new URL(action, this.documentUrl).toString();
  }

  private identity(): Record<string, string> {
    return { CallSid: this.callSid, From: this.from, Caller: this.from };
  }

  private baseParams(): Record<string, string> {
    return { ...INCOMING_CALL, ...this.identity(), CallStatus: 'in-progress' };
  }

  /** The URL Twilio believes it calls for a path of the server. */
  publicUrl(path: string): string {
    return `${this.network.publicBaseUrl ?? this.network.server}${path}`;
  }

  /** Where a public URL really lands: the proxy strips the public base. */
  private localUrl(url: string): string {
    const base = this.network.publicBaseUrl ?? this.network.server;
    if (!url.startsWith(base)) throw new Error(`${url} is not under ${base}`);
    return `${this.network.server}${url.slice(base.length)}`;
  }
}
