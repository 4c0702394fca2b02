import type { Request, Response } from 'restify';
import type { Guichet } from '../app.js';
import { HttpErrorCode } from './http-error.js';
import { requestLog } from './request-log.js';

/** How long the store may take to answer the health probe before the instance reports unavailable. */
export const HEALTH_STORE_TIMEOUT_MS = 2_000;

/** Rejects when the promise takes longer than `ms`, so a hung database fails the probe instead of hanging it. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `GET /healthz`: 200 `{status: "ok", store: "ok"}` once the store has committed a small write (a
 * store that reads but cannot write would fail every ticket), 503 `{status: "unavailable",
 * store: "failed"}` when that write fails or does not finish in time, so a load balancer takes the
 * instance out.
 */
export function healthHandler(app: Guichet, timeoutMs = HEALTH_STORE_TIMEOUT_MS) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      await withTimeout(app.store.checkWritable(app.clock.now()), timeoutMs);
      res.send(200, { status: 'ok', store: 'ok' });
    } catch (error) {
      requestLog(req).error({ err: error }, 'health check failed: the store cannot write');
      res.send(503, {
        status: 'unavailable',
        store: 'failed',
        code: HttpErrorCode.Unavailable,
        message: 'the store cannot write; the server log has why (disk, permissions, database server)',
      });
    }
  };
}
