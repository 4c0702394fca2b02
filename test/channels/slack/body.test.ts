import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { slackChannel } from '../../../src/channels/slack/index.js';
import { readConfig } from '../../../src/config/config.js';
import { MAX_BODY_BYTES } from '../../../src/server/body.js';
import { listen, stopServer } from '../../../src/server/lifecycle.js';
import { createHttpServer } from '../../../src/server/server.js';
import { testGuichet } from '../../helpers/guichet.js';
import { SlackApiStandIn } from './helpers/slack-api.js';
import { BOT_TOKEN, SIGNING_SECRET } from './helpers/slack-events.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('the body of /slack/events', () => {
  it("answers 408 and closes the connection within the server's body timeout when the body stalls", async () => {
    const api = new SlackApiStandIn();
    await api.start();
    const { app } = await testGuichet();
    const env = { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: api.apiUrl };
    const server = createHttpServer(app, readConfig(env), [slackChannel], { maxBytes: MAX_BODY_BYTES, timeoutMs: 200 });
    const { port } = await listen(server, 0, '127.0.0.1');
    stop = async () => {
      await stopServer(server, app, 1_000);
      await api.stop();
    };
    const answer = await new Promise<{ text: string; closed: boolean }>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      // Far beyond the 200 ms: only a server that cuts the body closes the connection before.
      const timer = setTimeout(() => {
        socket.destroy();
        resolve({ text, closed: false });
      }, 5_000);
      socket.on('data', (chunk) => {
        text += String(chunk);
      });
      socket.on('close', () => {
        clearTimeout(timer);
        resolve({ text, closed: true });
      });
      socket.on('error', reject);
      const head = ['POST /slack/events HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json'];
      socket.write(`${[...head, 'Content-Length: 5000'].join('\r\n')}\r\n\r\n{"type": "event_callback", `);
    });
    expect(answer.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer.text).toContain('guichet_request_timeout');
    expect(answer.closed).toBe(true);
  });
});
