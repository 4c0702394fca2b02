import type restify from 'restify';
import type { Guichet } from '../../src/app.js';
import { listen, stopServer } from '../../src/server/lifecycle.js';

/** A server listening on an ephemeral port of 127.0.0.1, with fetch helpers bound to it. */
export interface RunningServer {
  base: string;
  get(path: string): Promise<Response>;
  postJson(path: string, body: unknown): Promise<Response>;
  post(path: string, body: string, contentType: string): Promise<Response>;
  stop(): Promise<void>;
}

/** Starts `server` on a free port; `stop()` closes it and the app. */
export async function run(server: restify.Server, app: Guichet): Promise<RunningServer> {
  const address = await listen(server, 0, '127.0.0.1');
  const base = `http://127.0.0.1:${address.port}`;
  const post = (path: string, body: string, contentType: string) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return {
    base,
    get: (path) => fetch(`${base}${path}`),
    post,
    postJson: (path, body) => post(path, JSON.stringify(body), 'application/json'),
    stop: () => stopServer(server, app, 1_000),
  };
}
