import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCallState } from '../../../src/channels/twilio/call-state.js';
import { NO_CONTRACT_CALLER } from './helpers/fake-engine.js';
import { type PhoneLineUnderTest, startPhoneLine } from './helpers/harness.js';
import { SimulatedCall } from './helpers/phone.js';

const NOW = new Date('2026-11-23T10:00:00+01:00');

describe('the phone line, driven as Twilio drives a call', () => {
  let line: PhoneLineUnderTest;
  beforeEach(async () => {
    line = await startPhoneLine();
  });
  afterEach(async () => {
    await line.stop();
  });

  it('answers with the welcome and the menu of the policy, keypad only, one digit, English said in English', async () => {
    const call = new SimulatedCall(line.network);
    const menu = await call.ring();
    expect(menu.said).toEqual([
      'Bonjour, vous êtes bien chez ITCOM Services.',
      'Pour le service commercial, tapez 1.',
      'Pour le support technique, tapez 2.',
      'For English, press 9.',
    ]);
    expect(menu.gather?.attributes).toMatchObject({ input: 'dtmf', numDigits: '1', method: 'POST' });
    const voices = menu.gather?.children.map((say) => say.attributes);
    expect(voices).toEqual([
      { voice: 'Polly.Lea-Neural', language: 'fr-FR' },
      { voice: 'Polly.Lea-Neural', language: 'fr-FR' },
      { voice: 'Polly.Lea-Neural', language: 'fr-FR' },
      { voice: 'Polly.Amy-Neural', language: 'en-GB' },
    ]);
    expect(menu.redirect).toBe(menu.gather?.attributes.action);
  });

  it('runs the support option by voice to a critique ticket, reads its number, texts it and offers the on-call technician', async () => {
    const call = new SimulatedCall(line.network);
    await call.ring();
    const question = await call.press('2');
    expect(question.said[0]).toBe('Décrivez votre problème en quelques mots.');
    expect(question.said).toContain('Tapez 1 pour le standard téléphonique ne répond plus.');
    expect(question.gather?.attributes).toMatchObject({
      input: 'dtmf speech',
      language: 'fr-FR',
      speechTimeout: '2',
      numDigits: '1',
    });
    expect(question.gather?.attributes.hints).toContain('standard téléphonique');
    expect(line.engine.begun).toEqual([
      expect.objectContaining({ channel: 'phone', conversationId: call.callSid, userId: '+33491000001' }),
    ]);

    const summary = await call.speak('le standard téléphonique ne répond plus', 0.91);
    expect(line.engine.turns.at(-1)).toMatchObject({
      text: 'le standard téléphonique ne répond plus',
      speechConfidence: 0.91,
    });
    expect(summary.said).toEqual([
      "Je résume : incident de priorité critique, « le standard téléphonique ne répond plus ». C'est bien ça ?",
      "Tapez 1 pour oui, c'est juste.",
      'Tapez 2 pour non, je corrige.',
    ]);

    const opened = await call.press('1');
    expect(line.engine.turns.at(-1)).toMatchObject({ text: '', choice: 'yes' });
    // The urgent first: the number twice, the on-call technician, then the deadline; details by SMS.
    expect(opened.said).toEqual([
      'Votre ticket : T 2 0 2 6 1 1 2 3 point 0 0 0 1.',
      'Je répète : T 2 0 2 6 1 1 2 3 point 0 0 0 1.',
      "Tapez 1 pour être mis en relation maintenant avec le technicien d'astreinte.",
      'Priorité critique, première réponse avant 11 heures.',
      'Les détails vous sont envoyés par SMS.',
    ]);
    expect(line.sms.sent).toEqual([
      {
        to: '+33491000001',
        body: expect.stringContaining('ticket T20261123.0001 est ouvert (priorité Critique)'),
      },
    ]);
    expect(line.sms.sent[0]?.body).toContain('Première réponse : lundi 23 novembre à 11 heures.');

    const transfer = await call.press('1');
    // Trigger matrix, critique with contract: the DSI's on-call mobile of the policy.
    expect(transfer.dial).toBe('+33600000000');
    expect(line.engine.opened).toHaveLength(1);

    expect((await call.hangUp()).status).toBe(204);
    expect(line.engine.abandoned).toEqual([]);
  });

  it('offers the no-contract line for a critique ticket of an account without contract', async () => {
    const call = new SimulatedCall(line.network, { from: NO_CONTRACT_CALLER });
    await call.ring();
    await call.press('2');
    await call.press('1');
    const opened = await call.press('1');
    expect(opened.said).toEqual([
      'Votre ticket : T 2 0 2 6 1 1 2 3 point 0 0 0 1.',
      'Je répète : T 2 0 2 6 1 1 2 3 point 0 0 0 1.',
      'Tapez 1 pour être mis en relation maintenant avec notre ligne hors contrat.',
      'Priorité critique, sans délai garanti, faute de contrat.',
      'Les détails vous sont envoyés par SMS.',
    ]);
    expect((await call.press('1')).dial).toBe('+33899198643');
  });

  it('ends politely when the caller declines the transfer or says nothing', async () => {
    for (const decline of [(c: SimulatedCall) => c.press('2'), (c: SimulatedCall) => c.silence()]) {
      const call = new SimulatedCall(line.network);
      await call.ring();
      await call.press('2');
      await call.press('1');
      await call.press('1');
      const end = await decline(call);
      expect(end.hangsUp).toBe(true);
      expect(end.dial).toBeUndefined();
      expect(end.said).toEqual(['Merci de votre appel. Au revoir.']);
    }
  });

  it.each([{ digit: '1', heard: 'Je vous mets en relation avec le service commercial.', dialled: '+33400000001' }])(
    'transfers the other options of the menu ($digit) with <Dial>',
    async ({ digit, heard, dialled }) => {
      const call = new SimulatedCall(line.network);
      await call.ring();
      const transfer = await call.press(digit);
      expect(transfer.said).toEqual([heard]);
      expect(transfer.dial).toBe(dialled);
      expect(transfer.gather).toBeUndefined();
      expect(line.engine.begun).toEqual([]);
    },
  );

  it.each([
    {
      name: 'a wrong key twice',
      first: (c: SimulatedCall) => c.press('7'),
      second: (c: SimulatedCall) => c.press('8'),
      again: 'Cette touche ne correspond à aucun choix.',
    },
    {
      name: 'silence twice',
      first: (c: SimulatedCall) => c.silence(),
      second: (c: SimulatedCall) => c.silence(),
      again: "Je n'ai pas entendu votre choix.",
    },
    {
      name: 'silence then a wrong key',
      first: (c: SimulatedCall) => c.silence(),
      second: (c: SimulatedCall) => c.press('0'),
      again: "Je n'ai pas entendu votre choix.",
    },
  ])('says the menu again once, then puts $name through to the helpdesk', async ({ first, second, again }) => {
    const call = new SimulatedCall(line.network);
    await call.ring();
    const repeated = await first(call);
    expect(repeated.said).toEqual([
      again,
      'Pour le service commercial, tapez 1.',
      'Pour le support technique, tapez 2.',
      'For English, press 9.',
    ]);
    const fallback = await second(call);
    // policy.company.helpdeskPhone "04 84 26 83 10" dialled in E.164.
    expect(fallback.dial).toBe('+33484268310');
    expect(fallback.said).toEqual(['Je vous mets en relation avec un conseiller du helpdesk.']);
  });

  it('takes a whole intake on the keypad only', async () => {
    const call = new SimulatedCall(line.network);
    await call.ring();
    await call.press('2');
    const summary = await call.press('2');
    expect(line.engine.turns.at(-1)).toMatchObject({ text: '', choice: 'printer' });
    expect(summary.said[0]).toContain("l'imprimante est en panne");
    const opened = await call.press('1');
    expect(opened.said.at(-1)).toBe('Merci de votre appel. Au revoir.');
    expect(opened.hangsUp).toBe(true);
    expect(line.engine.opened.map((t) => t.priority)).toEqual(['normale']);
    expect(line.sms.sent).toHaveLength(1);
  });

  it('takes a whole intake by speech only, confirmation included', async () => {
    const call = new SimulatedCall(line.network);
    await call.ring();
    await call.press('2');
    await call.speak("l'imprimante du deuxième étage n'imprime plus", 0.88);
    const opened = await call.speak("oui c'est ça", 0.95);
    expect(line.engine.turns.map((t) => t.text)).toEqual([
      "l'imprimante du deuxième étage n'imprime plus",
      "oui c'est ça",
    ]);
    expect(opened.hangsUp).toBe(true);
    expect(line.engine.opened).toHaveLength(1);
  });

  it('reads low-confidence speech back before using it: 1 keeps it, 2 asks again', async () => {
    const call = new SimulatedCall(line.network);
    await call.ring();
    await call.press('2');
    const readBack = await call.speak('le standard ne répond plus', 0.31);
    expect(readBack.said).toEqual([
      "J'ai compris : le standard ne répond plus.",
      "Tapez 1 si c'est juste, 2 pour répéter.",
    ]);
    expect(line.engine.turns).toEqual([]);
    const again = await call.press('2');
    expect(again.said[0]).toBe('Très bien, je vous écoute.');
    expect(again.said[1]).toBe('Décrivez votre problème en quelques mots.');
    await call.speak('le standard ne répond plus', 0.2);
    const summary = await call.press('1');
    expect(line.engine.turns).toEqual([
      expect.objectContaining({ text: 'le standard ne répond plus', speechConfidence: 1 }),
    ]);
    expect(summary.said[0]).toMatch(/^Je résume/);
  });

  it('asks again after a silence, then puts the caller through and keeps a draft when the call ends', async () => {
    const call = new SimulatedCall(line.network);
    await call.ring();
    await call.press('2');
    await call.speak('mon poste ne démarre plus');
    const first = await call.silence();
    expect(first.said[0]).toBe('Je ne vous ai pas entendu.');
    expect(first.said[1]).toMatch(/^Je résume/);
    const second = await call.silence();
    expect(second.said[0]).toBe('Je ne vous ai pas entendu.');
    const third = await call.silence();
    expect(third.dial).toBe('+33484268310');
    expect(line.engine.opened).toEqual([]);
    await call.hangUp('completed');
    expect(line.engine.abandoned).toEqual([call.callSid]);
    const state = await loadCallState(line.store, call.callSid, NOW);
    expect(state?.draftNumber).toBe('T20261123.0001');
  });

  it.each(['completed', 'no-answer', 'busy', 'failed', 'canceled'])(
    'keeps what was said as a draft when the call ends mid-intake (%s), once',
    async (status) => {
      const call = new SimulatedCall(line.network);
      await call.ring();
      await call.press('2');
      await call.speak('la messagerie ne marche plus');
      expect((await call.hangUp(status)).status).toBe(204);
      expect((await call.hangUp(status)).status).toBe(204);
      expect(line.engine.abandoned).toEqual([call.callSid]);
      expect(line.engine.opened).toEqual([]);
    },
  );

  it('does not make a draft of a call that never reached the intake, nor on a non-final status', async () => {
    const menuOnly = new SimulatedCall(line.network);
    await menuOnly.ring();
    await menuOnly.hangUp('completed');
    const stillTalking = new SimulatedCall(line.network);
    await stillTalking.ring();
    await stillTalking.press('2');
    await stillTalking.hangUp('in-progress');
    expect(line.engine.abandoned).toEqual([]);
  });

  it('answers a retried webhook with the same TwiML and never opens a second ticket', async () => {
    const call = new SimulatedCall(line.network);
    const menu = await call.ring();
    expect((await call.retryLast()).xml).toBe(menu.xml);
    await call.press('2');
    await call.press('1');
    const opened = await call.press('1');
    const retried = await call.retryLast();
    expect(retried.xml).toBe(opened.xml);
    expect(line.engine.opened).toHaveLength(1);
    expect(line.engine.turns).toHaveLength(2);
    expect(line.sms.sent).toHaveLength(1);
  });

  it('answers a late retry of an earlier step with the TwiML that step got, not the current one', async () => {
    const call = new SimulatedCall(line.network);
    await call.ring();
    const { url, params } = call.nextKeyPress('2');
    const question = await call.press('2');
    await call.press('1');
    const late = await call.post(url, params);
    expect(late.body).toBe(question.xml);
    expect(line.engine.begun).toHaveLength(1);
    expect(line.engine.turns).toHaveLength(1);
  });

  it('answers the same webhook delivered twice at once with one ticket', async () => {
    const call = new SimulatedCall(line.network);
    await call.ring();
    await call.press('2');
    await call.press('1');
    const { url, params } = call.nextKeyPress('1');
    const answers = await Promise.all([call.post(url, params), call.post(url, params), call.post(url, params)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(line.engine.opened).toHaveLength(1);
  });

  it('answers a stale webhook (an earlier step) with where the call is, running nothing', async () => {
    const call = new SimulatedCall(line.network);
    await call.ring();
    const question = await call.press('2');
    const earlier = call.nextKeyPress('1');
    await call.press('1');
    const turns = line.engine.turns.length;
    const answer = await call.post(earlier.url.replace('step=2', 'step=1'), earlier.params);
    expect(answer.status).toBe(200);
    expect(answer.body).not.toBe(question.xml);
    expect(line.engine.turns).toHaveLength(turns);
  });

  it.each([
    { name: 'a forged signature', signature: 'bm90IGEgc2lnbmF0dXJl' },
    { name: 'no signature', signature: null },
  ])('refuses $name with 403, logs it and changes nothing', async ({ signature }) => {
    const call = new SimulatedCall(line.network);
    await call.ring();
    const before = line.store.snapshot();
    const { url, params } = call.nextKeyPress('2');
    const answer = await call.post(url, params, signature);
    expect(answer.status).toBe(403);
    expect(line.store.snapshot()).toBe(before);
    expect(line.engine.begun).toEqual([]);
    expect(line.logs.some((l) => l.msg.includes('X-Twilio-Signature') && l.level === 40)).toBe(true);
  });

  it('refuses a genuine signature replayed with other parameters or to another URL', async () => {
    const call = new SimulatedCall(line.network);
    await call.ring();
    const before = line.store.snapshot();
    const { url, params } = call.nextKeyPress('1');
    const { default: twilio } = await import('twilio');
    const signature = twilio.getExpectedTwilioSignature(line.network.authToken, url, params);
    expect((await call.post(url, { ...params, Digits: '2' }, signature)).status).toBe(403);
    expect((await call.post(call.publicUrl('/twilio/status'), params, signature)).status).toBe(403);
    expect(line.store.snapshot()).toBe(before);
  });

  it('escapes what the caller said: no XML injection through speech', async () => {
    const call = new SimulatedCall(line.network);
    await call.ring();
    await call.press('2');
    const hostile = '</Say><Dial>+33899000000</Dial><Say>" & \'';
    const readBack = await call.speak(hostile, 0.1);
    expect(readBack.dial).toBeUndefined();
    expect(readBack.said[0]).toBe(`J'ai compris : ${hostile}.`);
    const summary = await call.press('1');
    expect(summary.said[0]).toContain(hostile);
    expect(summary.dial).toBeUndefined();
  });
});

describe('the phone line behind a proxy (PUBLIC_BASE_URL)', () => {
  let line: PhoneLineUnderTest;
  beforeEach(async () => {
    line = await startPhoneLine({ env: { PUBLIC_BASE_URL: 'https://guichet.example.fr/support/' } });
  });
  afterEach(async () => {
    await line.stop();
  });

  it('checks signatures on the public URL and writes absolute action URLs under it', async () => {
    const call = new SimulatedCall(line.network);
    const menu = await call.ring();
    expect(menu.gather?.attributes.action).toBe('https://guichet.example.fr/support/twilio/menu?step=1');
    const question = await call.press('2');
    expect(question.gather?.attributes.action).toBe('https://guichet.example.fr/support/twilio/gather?step=2');
  });

  it('refuses a request signed for the server’s own address', async () => {
    const call = new SimulatedCall(line.network);
    await call.ring();
    const { default: twilio } = await import('twilio');
    const params = { CallSid: call.callSid, From: call.from, Digits: '2' };
    const local = `${line.network.server}/twilio/menu?step=1`;
    const signature = twilio.getExpectedTwilioSignature(line.network.authToken, local, params);
    const answer = await call.post(call.publicUrl('/twilio/menu?step=1'), params, signature);
    expect(answer.status).toBe(403);
  });
});

describe('the phone line without SMS settings', () => {
  it('reads the ticket out but sends no SMS', async () => {
    const line = await startPhoneLine({ env: { TWILIO_ACCOUNT_SID: '', TWILIO_SMS_FROM: '' } });
    try {
      const call = new SimulatedCall(line.network);
      await call.ring();
      await call.press('2');
      await call.press('2');
      const opened = await call.press('1');
      expect(opened.said.join(' ')).toContain('T 2 0 2 6 1 1 2 3 point 0 0 0 1');
      // No SMS leaves, so none is announced.
      expect(opened.said).not.toContain('Les détails vous sont envoyés par SMS.');
      expect(line.sms.sent).toEqual([]);
    } finally {
      await line.stop();
    }
  });
});

describe('the phone line when the engine fails', () => {
  it('puts the caller through to the helpdesk instead of failing the call', async () => {
    const failing = {
      begin: async () => {
        throw new Error('database is locked');
      },
      handleTurn: async () => {
        throw new Error('database is locked');
      },
      abandon: async () => null,
    };
    const line = await startPhoneLine({ engine: failing });
    try {
      const call = new SimulatedCall(line.network);
      await call.ring();
      const answer = await call.press('2');
      expect(answer.dial).toBe('+33484268310');
      expect(line.logs.some((l) => l.level === 50 && String(l.msg).includes('call flow failed'))).toBe(true);
    } finally {
      await line.stop();
    }
  });
});
