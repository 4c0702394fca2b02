import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Guichet } from '../../app.js';
import type { Clock, Language } from '../../domain.js';
import { phoneLineSchema } from '../../policy/schema.js';
import type { ConversationStore } from '../../store/ticket-store.js';
import { type CallerInput, CallFlow, type Outcome } from './call-flow.js';
import {
  answeredBefore,
  CALL_STATE_CHANNEL,
  type CallPhase,
  type CallState,
  lastResponse,
  loadCallState,
  newCallState,
  rememberResponse,
  saveCallState,
} from './call-state.js';
import { queryOf, readForm } from './form.js';
import type { TwilioSettings } from './settings.js';
import { hasValidSignature } from './signature.js';
import type { SmsSender } from './sms.js';
import { type GatherRoute, renderTwiml, type TwimlContext, xmlSafe } from './twiml.js';

/** What the phone line needs of the wired application. */
export type TwilioApp = Pick<Guichet, 'policy' | 'clock' | 'logger' | 'engine' | 'dialogs'> & {
  store: ConversationStore;
};

/** The webhooks of the phone line, under /twilio. */
export const TWILIO_PATHS = {
  voice: '/twilio/voice',
  menu: '/twilio/menu',
  gather: '/twilio/gather',
  status: '/twilio/status',
} as const;
type Route = keyof typeof TWILIO_PATHS;

/** Call statuses after which nobody is on the line any more. */
const CALL_OVER = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

const callParams = z.object({
  CallSid: z.string().regex(/^CA[0-9a-fA-F]{32}$/, 'expected a Twilio CallSid'),
  From: z.string().optional(),
  CallStatus: z.string().optional(),
  Digits: z.string().optional(),
  SpeechResult: z.string().optional(),
  Confidence: z.string().optional(),
});
type CallParams = z.output<typeof callParams>;

/** Registers the phone line's webhooks on the server. */
export function mountTwilioRoutes(
  server: Server,
  app: TwilioApp,
  settings: TwilioSettings,
  options: { sms: SmsSender | null; hints?: Record<Language, string[]> },
): void {
  const phoneLine = app.policy.phoneLine ?? phoneLineSchema.parse({});
  const logger = app.logger.child({ channel: 'twilio' });
  const flow = new CallFlow({
    engine: app.engine,
    policy: app.policy,
    clock: app.clock,
    phoneLine,
    logger,
    sms: options.sms,
    dialogs: app.dialogs,
  });
  const twiml: TwimlContext = {
    phoneLine,
    hints: options.hints ?? { fr: phoneLine.languages.fr.hints, en: phoneLine.languages.en.hints },
    actionUrl: (route: GatherRoute, step: number) =>
      settings.publicBaseUrl === null
        ? // Relative to the document Twilio is executing (/twilio/…), so it holds behind any prefix.
          `${route}?step=${step}`
        : `${settings.publicBaseUrl}${TWILIO_PATHS[route]}?step=${step}`,
  };
  const handler = new WebhookHandler(flow, twiml, app.store, app.clock, logger, settings);
  for (const route of Object.keys(TWILIO_PATHS) as Route[]) {
    server.post(TWILIO_PATHS[route], (req: Request, res: Response, next: (err?: unknown) => void) => {
      handler.handle(route, req, res).then(
        () => next(),
        (error: unknown) => {
          // Whatever failed (the store, the engine, a bug), Twilio never gets a 500: its caller
          // would hear Twilio's error message and be stuck. The caller is told and put through
          // to the helpdesk; a status callback has nobody on the line and is acknowledged.
          logger.error(
            { err: error, route },
            'the phone line webhook failed; the caller is put through to the helpdesk',
          );
          if (!res.headersSent) {
            if (route === 'status') res.sendRaw(204, '');
            else sendTwiml(res, handler.failureTwiml());
          }
          next(false);
        },
      );
    });
  }
}

function sendTwiml(res: Response, xml: string): void {
  res.setHeader('Content-Type', 'text/xml; charset=utf-8');
  res.sendRaw(200, xml);
}

class WebhookHandler {
  constructor(
    private readonly flow: CallFlow,
    private readonly twiml: TwimlContext,
    private readonly store: ConversationStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly settings: TwilioSettings,
  ) {}

  async handle(route: Route, req: Request, res: Response): Promise<void> {
    const params = await readForm(req);
    if (!hasValidSignature(req, params, this.settings)) {
      // Forged, replayed to another URL or unsigned: refused before anything is read or changed.
      this.logger.warn(
        { route, url: req.url, ip: req.socket.remoteAddress },
        'refused a request without a valid X-Twilio-Signature',
      );
      res.sendRaw(403, 'Forbidden: invalid X-Twilio-Signature');
      return;
    }
    const parsed = callParams.safeParse(params);
    if (!parsed.success) {
      this.logger.warn({ route, issues: parsed.error.issues }, 'refused a signed request without a valid CallSid');
      res.sendRaw(400, 'Bad request: expected Twilio voice webhook parameters');
      return;
    }
    const call = parsed.data;
    const log = this.logger.child({ callSid: call.CallSid });
    const step = Number.parseInt(queryOf(req.url).get('step') ?? '', 10);
    // Webhooks of one call are handled one at a time, across instances too (the store's lock of
    // the call), so a retry racing its original, wherever it lands, sees its result.
    await this.store.withConversationLock(CALL_STATE_CHANNEL, call.CallSid, async () => {
      if (route === 'status') {
        await this.status(call, log);
        res.sendRaw(204, '');
        return;
      }
      sendTwiml(res, await this.answer(route, call, Number.isNaN(step) ? 0 : step, log));
    });
  }

  /** The apology and the transfer to the helpdesk, for a webhook that failed before it had an answer. */
  failureTwiml(): string {
    return renderTwiml(this.twiml, this.flow.failure(newCallState('', null)).instructions);
  }

  private async answer(route: Exclude<Route, 'status'>, call: CallParams, step: number, log: Logger): Promise<string> {
    const now = this.clock.now();
    const stored = await loadCallState(this.store, call.CallSid, now);
    const key = route === 'voice' ? 'voice' : `${route}:${step}`;
    if (stored !== null) {
      // A retried or repeated webhook gets the TwiML it got the first time; nothing runs twice.
      const before = answeredBefore(stored, key);
      if (before !== null) {
        log.info({ route, step }, 'answered a repeated webhook with the same TwiML');
        return before;
      }
      if (route === 'voice' || step !== stored.step || route !== expectedRoute(stored.phase)) {
        log.info({ route, step, expected: stored.step, phase: stored.phase }, 'stale webhook: the call is further on');
        return lastResponse(stored) ?? renderTwiml(this.twiml, [{ kind: 'hangup' }]);
      }
    }
    const caller = call.From ?? null;
    const state = stored ?? newCallState(call.CallSid, caller);
    const messageId = `${call.CallSid}:${key}`;
    let outcome: Outcome;
    let xml: string;
    try {
      outcome = await this.run(route, state, stored === null, call, messageId);
      xml = renderTwiml(this.twiml, outcome.instructions);
    } catch (error) {
      log.error({ err: error, route, step }, 'the call flow failed; the caller is put through to the helpdesk');
      outcome = this.flow.failure(state);
      xml = renderTwiml(this.twiml, outcome.instructions);
    }
    await saveCallState(this.store, rememberResponse(outcome.state, key, xml), now);
    log.info({ route, step, phase: outcome.state.phase }, 'answered the call');
    return xml;
  }

  private async run(
    route: Exclude<Route, 'status'>,
    state: CallState,
    isNew: boolean,
    call: CallParams,
    messageId: string,
  ): Promise<Outcome> {
    // A gather for a call we do not know (expired state, lost incoming webhook): start with the menu.
    if (route === 'voice' || isNew) return this.flow.incoming(state);
    if (route === 'menu') return this.flow.menu(state, nonEmpty(call.Digits), messageId);
    return this.flow.gather(state, callerInput(call), messageId);
  }

  private async status(call: CallParams, log: Logger): Promise<void> {
    if (!CALL_OVER.has(call.CallStatus ?? '')) return;
    const now = this.clock.now();
    const state = await loadCallState(this.store, call.CallSid, now);
    if (state === null) return;
    const ended = await this.flow.callEnded(state);
    await saveCallState(this.store, ended, now);
    if (state.intakeOpen) {
      log.info({ status: call.CallStatus, draft: ended.draftNumber }, 'caller left mid-intake; what was said is kept');
    }
  }
}

function expectedRoute(phase: CallPhase): Route | null {
  switch (phase) {
    case 'menu':
      return 'menu';
    case 'intake':
    case 'confirm_speech':
    case 'offer_transfer':
    case 'another_request':
      return 'gather';
    case 'transferred':
    case 'ended':
      return null;
  }
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}

/** Keys win over words: a caller who pressed a key meant it; words come with their confidence. */
function callerInput(call: CallParams): CallerInput {
  const digits = nonEmpty(call.Digits);
  if (digits !== null) return { kind: 'keys', digits };
  // Control characters are no speech: dropped, so they reach neither the ticket nor the TwiML.
  const text = nonEmpty(xmlSafe(call.SpeechResult ?? ''));
  if (text === null) return { kind: 'none' };
  const confidence = Number.parseFloat(call.Confidence ?? '');
  // Twilio's confidence is 0 to 1; anything else is held to that range. A result without a
  // readable confidence is treated as uncertain, so it is read back.
  return { kind: 'speech', text, confidence: Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : 0 };
}
