import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { z } from 'zod';
import type { Guichet } from '../../app.js';
import type { Turn } from '../../engine/turn.js';
import type { Channel } from '../../server/channel.js';
import { HttpErrorCode, sendError } from '../../server/http-error.js';
import { requestLog } from '../../server/request-log.js';
import { WebPersonMessenger } from './messenger.js';
import { buildChatPage } from './page.js';
import { beginPayload, describeIssues, messagePayload, updatesPayload } from './payloads.js';

/**
 * Reads and validates a JSON body; answers 415 or 400 itself and returns undefined when it is
 * not acceptable. Only JSON is taken, so a form on another site cannot post into a conversation.
 */
function parseJson<S extends z.ZodType>(req: Request, res: Response, schema: S): z.output<S> | undefined {
  if (!req.is('json')) {
    sendError(req, res, 415, HttpErrorCode.UnsupportedMediaType, 'send the payload as application/json');
    return undefined;
  }
  const result = schema.safeParse(req.body ?? {});
  if (!result.success) {
    sendError(req, res, 400, HttpErrorCode.InvalidInput, describeIssues(result.error));
    return undefined;
  }
  return result.data;
}

/**
 * Answers 500 with a generic message when the engine or the store fails: the person sees
 * "réessayez", the log has the cause with the request id.
 */
function engineFailed(req: Request, res: Response, error: unknown): void {
  requestLog(req).error({ err: error }, 'the web chat turn failed');
  sendError(req, res, 500, HttpErrorCode.Internal, 'the conversation could not be continued; try again');
}

/** Mounts the page and the JSON API. The routes only translate; the engine holds the conversation. */
function mount(server: Server, app: Guichet, trustUserId: boolean): void {
  const page = buildChatPage();
  const messenger = connect(app);

  server.get('/', async (_req: Request, res: Response) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(page.html),
      'content-security-policy': page.contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    res.end(page.html);
  });

  server.post('/api/web/begin', async (req: Request, res: Response) => {
    const payload = parseJson(req, res, beginPayload);
    if (!payload) return;
    const conversationId = payload.conversationId ?? randomUUID();
    const turn: Omit<Turn, 'text'> = { channel: 'web', conversationId };
    if (payload.userId !== undefined && trustUserId) turn.userId = payload.userId;
    try {
      const result = await app.engine.begin(turn);
      requestLog(req).info({ conversationId, resumed: payload.conversationId !== undefined }, 'web conversation begun');
      res.send(200, { conversationId, ...result });
    } catch (error) {
      engineFailed(req, res, error);
    }
  });

  server.post('/api/web/messages', async (req: Request, res: Response) => {
    const payload = parseJson(req, res, messagePayload);
    if (!payload) return;
    // The conversation id is how a ticket's later messages find the page again (messenger.ts).
    const turn: Turn = {
      channel: 'web',
      conversationId: payload.conversationId,
      text: payload.text ?? '',
      conversationRef: payload.conversationId,
    };
    if (payload.choice !== undefined) turn.choice = payload.choice;
    if (payload.messageId !== undefined) turn.messageId = payload.messageId;
    if (payload.userId !== undefined && trustUserId) turn.userId = payload.userId;
    try {
      const result = await app.engine.handleTurn(turn);
      requestLog(req).info(
        { conversationId: payload.conversationId, ticket: result.ticket?.number, effects: result.effects.length },
        'web turn handled',
      );
      res.send(200, result);
    } catch (error) {
      engineFailed(req, res, error);
    }
  });

  // What technicians wrote to the person since the page's last message: the page polls it.
  server.post('/api/web/updates', async (req: Request, res: Response) => {
    const payload = parseJson(req, res, updatesPayload);
    if (!payload) return;
    try {
      res.send(200, { messages: await messenger.since(payload.conversationId, payload.after) });
    } catch (error) {
      engineFailed(req, res, error);
    }
  });
}

/** Registers the web messenger on Guichet, so a ticket's later messages are kept for its page. */
function connect(app: Guichet): WebPersonMessenger {
  const messenger = new WebPersonMessenger(app.store, app.clock);
  app.messengers.register(messenger);
  return messenger;
}

/**
 * The web chat: a page at `/` and its JSON API under `/api/web/`. Always on: it needs no
 * credentials (docs/architecture.md, "The command line").
 */
export const webChannel: Channel = {
  name: 'web',
  enabled: () => true,
  mount: (server, app, config) => mount(server, app, config.channels.web.trustUserId),
  connect: (app) => {
    connect(app);
  },
};
