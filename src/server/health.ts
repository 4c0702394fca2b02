import type { Request, Response } from 'restify';
import type { Guichet } from '../app.js';
import { HttpErrorCode } from './http-error.js';
import { requestLog } from './request-log.js';

/** How long the store may take to answer the health probe before the instance reports unavailable. */
export const HEALTH_STORE_TIMEOUT_MS = 2_000;

/** The channel and conversation id the probe reads: never written, so the read is always a miss. */
const PROBE = { channel: 'healthz', conversationId: 'probe' } as const;

/** Rejects when the promise takes longer than `ms`, so a hung database fails the probe instead of hanging it. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `GET /healthz`: 200 `{status: "ok", store: "ok"}` after one cheap store round-trip (reading a
 * conversation that does not exist), 503 `{status: "unavailable", store: "failed"}` when the store
 * throws or does not answer in time, so a load balancer takes the instance out.
 */
export function healthHandler(app: Guichet, timeoutMs = HEALTH_STORE_TIMEOUT_MS) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      await withTimeout(app.store.loadConversation(PROBE.channel, PROBE.conversationId, app.clock.now()), timeoutMs);
      res.send(200, { status: 'ok', store: 'ok' });
    } catch (error) {
      requestLog(req).error({ err: error }, 'health check failed: the store did not answer');
      res.send(503, {
        status: 'unavailable',
        store: 'failed',
        code: HttpErrorCode.Unavailable,
        message: 'the store did not answer; check DATABASE_URL and the database server',
      });
    }
  };
}
