import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Guichet } from '../../../src/app.js';
import { createRecordingSmsSender, createTwilioChannel } from '../../../src/channels/twilio/index.js';
import { readConfig } from '../../../src/config/config.js';
import { fixedClock } from '../../../src/domain.js';
import { createGuichet } from '../../../src/main.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH } from '../../../src/policy/load.js';
import { listen, stopServer } from '../../../src/server/lifecycle.js';
import { createHttpServer } from '../../../src/server/server.js';
import { ACCOUNT_SID, AUTH_TOKEN } from './helpers/harness.js';
import { type PhoneNetwork, SimulatedCall } from './helpers/phone.js';

/** The phone line with the real Guichet behind it, with or without the SMS settings. */
async function phoneLine(env: Record<string, string>) {
  const app: Guichet = await createGuichet({
    database: ':memory:',
    clock: fixedClock('2026-11-23T10:00:00+01:00'),
    policyPath: DEFAULT_POLICY_PATH,
    accountsPath: DEFAULT_ACCOUNTS_PATH,
    logger: pino({ level: 'silent' }),
  });
  const sms = createRecordingSmsSender();
  const server = createHttpServer(app, readConfig({ TWILIO_AUTH_TOKEN: AUTH_TOKEN, ...env }), [
    createTwilioChannel({ smsSender: () => sms }),
  ]);
  const address = await listen(server, 0, '127.0.0.1');
  const network: PhoneNetwork = { server: `http://127.0.0.1:${address.port}`, authToken: AUTH_TOKEN };
  return { app, sms, network, stop: () => stopServer(server, app, 1_000) };
}

/** A caller reports a broken printer and confirms every question with a key, until the ticket is open. */
async function callIn(network: PhoneNetwork): Promise<void> {
  const call = new SimulatedCall(network, { from: '+33491000001' });
  await call.ring();
  await call.press('2');
  let twiml = await call.speak("l'imprimante du deuxième étage n'imprime plus, personne ne peut imprimer", 0.9);
  for (let i = 0; i < 8 && !twiml.said.some((s) => s.startsWith("C'est enregistré")); i++) {
    twiml = await call.press('1');
  }
  await call.hangUp('completed');
}

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('a phone ticket’s caller, told by SMS what the technician does', () => {
  it('gets an SMS when a technician takes the ticket, once SMS is set up', async () => {
    const line = await phoneLine({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_SMS_FROM: '+33700000000' });
    stop = line.stop;
    await callIn(line.network);
    const [ticket] = await line.app.store.listTickets();
    expect(ticket).toMatchObject({ source: 'phone', contactPhone: '+33491000001' });
    line.sms.sent.length = 0; // the SMS of the ticket number, sent during the call
    const outcome = await line.app.technicianActions.run({
      action: 'take',
      number: ticket?.number ?? '',
      by: 'philippe',
    });
    expect(outcome).toMatchObject({ ok: true, told: 'sent' });
    expect(line.sms.sent).toEqual([
      {
        to: '+33491000001',
        body: `Philippe, technicien du support, a pris en charge votre ticket ${ticket?.number}. Il revient vers vous au plus vite.`,
      },
    ]);
  });

  it('is only logged when the phone line has no SMS settings', async () => {
    const line = await phoneLine({});
    stop = line.stop;
    await callIn(line.network);
    const [ticket] = await line.app.store.listTickets();
    const outcome = await line.app.technicianActions.run({
      action: 'resolve',
      number: ticket?.number ?? '',
      by: 'philippe',
      text: 'Bourrage papier retiré.',
    });
    expect(outcome).toMatchObject({ ok: true, told: 'logged' });
    expect(line.sms.sent).toEqual([]);
  });
});
