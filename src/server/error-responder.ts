import type { Request, Response } from 'restify';
import { closeIfBodyUnread, HttpErrorCode } from './http-error.js';
import { requestLog } from './request-log.js';

/** An error as restify hands it to the `restifyError` event (restify-errors or anything thrown). */
interface RestifyErrorLike extends Error {
  statusCode?: number;
}

/** The code and the message a person can act on, for the errors restify raises itself. */
function describe(status: number, error: RestifyErrorLike, req: Request): { code: HttpErrorCode; message: string } {
  switch (status) {
    case 400:
      return { code: HttpErrorCode.InvalidInput, message: `malformed request body: ${error.message}` };
    case 404:
      return { code: HttpErrorCode.NotFound, message: `no route for ${req.method} ${req.path()}` };
    case 405:
      return { code: HttpErrorCode.MethodNotAllowed, message: `${req.method} is not allowed on ${req.path()}` };
    case 413:
      return { code: HttpErrorCode.PayloadTooLarge, message: `request body too large: ${error.message}` };
    case 415:
      return {
        code: HttpErrorCode.UnsupportedMediaType,
        message: 'unsupported Content-Type: send application/json (or a form for the phone webhooks)',
      };
    default:
      return status < 500
        ? { code: HttpErrorCode.InvalidInput, message: error.message }
        : // Never leak an internal message to the client: it is in the log line instead.
          { code: HttpErrorCode.Internal, message: 'internal error; the server log has the details' };
  }
}

/**
 * Listener of restify's `restifyError` event: the errors raised before or around a handler (an
 * unparsable body, a body above the size limit, an unknown route, a handler that threw) get the
 * same JSON shape as the handlers' own errors, and one log line each, instead of restify's default.
 */
export function respondToRestifyError(
  req: Request,
  res: Response,
  error: RestifyErrorLike,
  callback: () => void,
): void {
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  const body = describe(status, error, req);
  const line = { status, code: body.code, method: req.method, url: req.url };
  if (status >= 500) requestLog(req).error({ ...line, err: error }, body.message);
  else requestLog(req).warn(line, body.message);
  // Answering here, rather than through the error's toJSON, also covers plain thrown errors,
  // which restify would otherwise send as its own InternalError with their message.
  if (!res.headersSent) {
    closeIfBodyUnread(req, res);
    res.send(status, body);
  }
  callback();
}
