import type { Request, Response } from 'restify';
import { requestLog } from './request-log.js';

/**
 * The codes of the JSON errors the HTTP server answers with. Each is stable for programs to test;
 * the message beside it says what to send instead.
 */
export const HttpErrorCode = {
  InvalidInput: 'guichet_invalid_input',
  PayloadTooLarge: 'guichet_payload_too_large',
  RequestTimeout: 'guichet_request_timeout',
  UnsupportedMediaType: 'guichet_unsupported_media_type',
  NotFound: 'guichet_not_found',
  MethodNotAllowed: 'guichet_method_not_allowed',
  Unavailable: 'guichet_unavailable',
  Internal: 'guichet_internal',
  Unauthorized: 'guichet_unauthorized',
} as const;
export type HttpErrorCode = (typeof HttpErrorCode)[keyof typeof HttpErrorCode];

/** The body of every error answer: `{"code": …, "message": …}`. */
export interface HttpErrorBody {
  code: HttpErrorCode;
  message: string;
}

/**
 * Answers with a JSON error and logs one line about it on the request's logger (warn for the
 * client's mistakes, error for ours), so a refused payload never goes unnoticed.
 */
export function sendError(req: Request, res: Response, status: number, code: HttpErrorCode, message: string): void {
  const line = { status, code, method: req.method, url: req.url };
  if (status >= 500) requestLog(req).error(line, message);
  else requestLog(req).warn(line, message);
  if (res.headersSent) return;
  closeIfBodyUnread(req, res);
  const body: HttpErrorBody = { code, message };
  res.send(status, body);
}

/**
 * Asks for the connection to be closed after the answer when the request's body has not all
 * arrived: otherwise Node would read and discard the rest to keep the connection alive, however
 * much a client announced.
 */
export function closeIfBodyUnread(req: Request, res: Response): void {
  if (!req.complete && !res.headersSent) res.setHeader('connection', 'close');
}
