import type { Logger } from 'pino';

/** What a failed Web API call says: Slack's error code (`channel_not_found`, `ratelimited`…) or the HTTP failure. */
export function slackErrorCode(error: unknown): string {
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number };
  if (typeof e?.data?.error === 'string') return e.data.error;
  if (typeof e?.statusCode === 'number') return `http_${e.statusCode}`;
  return typeof e?.code === 'string' ? e.code : 'unknown';
}

/**
 * Runs one Web API call; a failure is logged with the method and Slack's error code (what a
 * deployer needs to fix a scope or a token) and rethrown for the caller to decide what the person
 * is told.
 */
export async function callSlack<T>(logger: Logger, method: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    logger.error({ method, slackError: slackErrorCode(error), err: error }, `Slack API call ${method} failed`);
    throw error;
  }
}

/** Like `callSlack`, but a failure (already logged) gives null. */
export async function trySlack<T>(logger: Logger, method: string, call: () => Promise<T>): Promise<T | null> {
  try {
    return await callSlack(logger, method, call);
  } catch {
    return null;
  }
}
