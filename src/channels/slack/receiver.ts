import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { HTTPModuleFunctions, ReceiverMultipleAckError, verifySlackRequest } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Request, Response } from 'restify';
import { bodyLimitsOf, readRawBody } from '../../server/body.js';
import { HttpErrorCode, sendError } from '../../server/http-error.js';
import { requestLog } from '../../server/request-log.js';
import { isSslCheck, MalformedPayload, parseSlackBody, type SlackEnvelope } from './payload.js';

/**
 * The largest body read at /slack/events. Events and slash commands are a few KiB, but an
 * interactivity payload carries the whole message that was clicked (its blocks, up to 50 of
 * 3,000 characters) or the whole modal view, form-encoded, where every accented letter takes
 * six bytes: well above the server's 20 KiB for the web chat, well below a size that could make
 * the server hold megabytes per request (Bolt's own HTTPReceiver allows 4 MiB).
 */
export const SLACK_MAX_BODY_BYTES = 1024 * 1024;

/** Options of the receiver, each with the production default. */
export interface RestifyReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /**
   * The wall clock the request timestamps are checked against. Slack stamps them with the real
   * time, so this stays the real time even when Guichet runs with a fixed clock (`--now`).
   */
  nowMilliseconds?: () => number;
  bodyLimit?: number;
}

/**
 * A Bolt Receiver for the `guichet start` server: restify routes POST /slack/events here, the raw
 * body is read (the global body parser skips this path, so the bytes Slack signed are intact),
 * its signature and timestamp checked, and the payload handed to `app.processEvent()` with an
 * `ack` that answers the HTTP request. The response goes out as soon as Bolt acknowledges, before
 * the listeners do their work, so Slack never waits past its 3 seconds and never retries for it.
 */
export class RestifyReceiver implements Receiver {
  private app: App | undefined;
  private readonly options: RestifyReceiverOptions;
  private readonly pending = new Set<Promise<void>>();

  constructor(options: RestifyReceiverOptions) {
    this.options = options;
  }

  init(app: App): void {
    this.app = app;
  }

  // The restify server listens and closes; there is nothing of the receiver's own to start or stop.
  async start(): Promise<void> {}

  async stop(): Promise<void> {
    await this.idle();
  }

  /** Resolves when the work of every request received so far is done. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** The restify handler of POST /slack/events. */
  readonly handle = async (req: Request, res: Response): Promise<void> => {
    const log = requestLog(req);
    const encoding = (req.header('content-encoding') ?? '').trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity') {
      sendError(req, res, 415, HttpErrorCode.UnsupportedMediaType, 'send the body without Content-Encoding');
      return;
    }
    // 413 and 408 answered by readRawBody: a body that stalls is cut within the server's body timeout.
    const buffered = await readRawBody(req, res, {
      ...bodyLimitsOf(req),
      maxBytes: this.options.bodyLimit ?? SLACK_MAX_BODY_BYTES,
    });
    if (buffered === null) return;
    const raw = buffered.toString('utf8');
    if (isSslCheck(raw, req.header('content-type'))) {
      res.writeHead(200);
      res.end();
      return;
    }
    if (!this.verified(req, res, raw)) return;
    let body: SlackEnvelope;
    try {
      body = parseSlackBody(raw, req.header('content-type'));
    } catch (error) {
      if (!(error instanceof MalformedPayload)) throw error;
      sendError(req, res, 400, HttpErrorCode.InvalidInput, error.message);
      return;
    }
    if (body.type === 'url_verification') {
      res.send(200, { challenge: body.challenge });
      return;
    }
    await this.dispatch(req, res, body, log);
  };

  /** Checks X-Slack-Signature and X-Slack-Request-Timestamp; answers 401 itself when they fail. */
  private verified(req: Request, res: Response, raw: string): boolean {
    try {
      verifySlackRequest({
        signingSecret: this.options.signingSecret,
        body: raw,
        headers: {
          'x-slack-signature': req.header('x-slack-signature') ?? '',
          'x-slack-request-timestamp': Number(req.header('x-slack-request-timestamp') ?? Number.NaN),
        },
        nowMilliseconds: (this.options.nowMilliseconds ?? Date.now)(),
      });
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      requestLog(req).warn({ status: 401, reason }, 'Slack request refused: bad signature or stale timestamp');
      sendError(req, res, 401, HttpErrorCode.Unauthorized, 'the Slack signature or timestamp is not valid');
      return false;
    }
  }

  /**
   * Hands the payload to Bolt and returns once it is acknowledged (or fails); the listeners'
   * work goes on after the HTTP answer, tracked so `idle()` can wait for it.
   */
  private async dispatch(req: Request, res: Response, body: Record<string, unknown>, log: Logger): Promise<void> {
    const app = this.app;
    if (!app) throw new Error('the Slack receiver was not initialised by a Bolt App');
    let acked = false;
    let signalAck: () => void = () => {};
    const acknowledged = new Promise<void>((resolve) => {
      signalAck = resolve;
    });
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (acked) throw new ReceiverMultipleAckError();
        acked = true;
        if (response === undefined || response === '') {
          res.writeHead(200);
          res.end();
        } else if (typeof response === 'string') {
          res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(response);
        } else {
          res.send(200, response);
        }
        signalAck();
      },
    };
    const retryNum = HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req);
    if (retryNum !== undefined) event.retryNum = retryNum;
    const retryReason = HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req);
    if (retryReason !== undefined) event.retryReason = retryReason;

    const work = app
      .processEvent(event)
      .catch((error: unknown) => {
        log.error({ err: error }, 'the Slack payload could not be handled');
        if (!acked) {
          acked = true;
          sendError(req, res, 500, HttpErrorCode.Internal, 'the Slack payload could not be handled');
        }
      })
      .finally(() => {
        // A payload no listener acknowledged still gets its answer, so Slack does not retry it.
        if (!acked) {
          acked = true;
          res.writeHead(200);
          res.end();
        }
        signalAck();
        this.pending.delete(work);
      });
    this.pending.add(work);
    await acknowledged;
  }
}
