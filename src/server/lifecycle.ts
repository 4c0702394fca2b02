import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import type { Guichet } from '../app.js';

/** How long open requests may take to finish after a shutdown signal before their sockets are cut. */
export const SHUTDOWN_GRACE_MS = 5_000;

/**
 * Starts listening and resolves with the address really bound (port 0 picks a free port); rejects
 * with Node's error (EADDRINUSE, EADDRNOTAVAIL, EACCES) when the address cannot be bound.
 */
export function listen(server: restify.Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    // On restify's server, which re-emits the HTTP server's errors: a listener on the HTTP server
    // alone would leave that re-emitted error unhandled, and it would end the process.
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.server.address() as AddressInfo);
    });
  });
}

/** The URL a person opens for an address: a wildcard host is shown as localhost. */
export function urlOf(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}/`;
}

/**
 * Stops accepting connections, lets the requests in flight finish (idle keep-alive sockets are
 * closed at once, busy ones after `graceMs`), then closes the application (its store).
 */
export async function stopServer(server: restify.Server, app: Guichet, graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
  const http = server.server;
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  http.closeIdleConnections();
  const force = setTimeout(() => http.closeAllConnections(), graceMs);
  force.unref();
  await closed;
  clearTimeout(force);
  await app.close();
}

/**
 * Calls `stop` once on the first SIGINT or SIGTERM and returns a function that removes the
 * handlers. A second signal while stopping exits at once, for the impatient Ctrl-C.
 */
export function onShutdownSignal(stop: (signal: NodeJS.Signals) => Promise<void>, proc: NodeJS.Process = process) {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      proc.exit(130);
      return;
    }
    stopping = true;
    void stop(signal);
  };
  proc.on('SIGINT', handler);
  proc.on('SIGTERM', handler);
  return () => {
    proc.off('SIGINT', handler);
    proc.off('SIGTERM', handler);
  };
}
