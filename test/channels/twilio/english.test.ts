import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_CONTRACT_CALLER } from './helpers/fake-engine.js';
import { callAndConfirm, pressOneUntil, SimulatedCall } from './helpers/phone.js';
import { type RealPhoneLine, startRealPhoneLine } from './helpers/real-line.js';
import { secondsOfSpeech } from './helpers/speech-time.js';
import type { Twiml } from './helpers/twiml-check.js';
import type { XmlElement } from './helpers/xml.js';

const ENGLISH_VOICE = { voice: 'Polly.Amy-Neural', language: 'en-GB' };
const FRENCH_VOICE = { voice: 'Polly.Lea-Neural', language: 'fr-FR' };

/** Every <Say> of a document, inside and outside its <Gather>. */
function says(twiml: Twiml): XmlElement[] {
  return twiml.root.children.flatMap((node) =>
    node.name === 'Say' ? [node] : node.name === 'Gather' ? node.children.filter((c) => c.name === 'Say') : [],
  );
}

/** Checks a document is English throughout: every voice, and the speech recognition of its <Gather>. */
function expectEnglish(twiml: Twiml): void {
  for (const say of says(twiml)) expect(say.attributes, say.text).toEqual(ENGLISH_VOICE);
  const gather = twiml.gather?.attributes;
  if (gather?.input === 'dtmf speech') {
    expect(gather.language).toBe('en-GB');
    expect(gather.hints).toContain('printer');
    expect(gather.hints).not.toContain('imprimante');
  }
}

/** The English key of the menu, then 1 at each question until the ticket number, each question in English. */
const ENGLISH_KEY = { key: '9', heard: 'Your ticket number is', check: expectEnglish };

/** Presses 1 (the first choice, "yes") until the ticket number is read out, each question in English. */
function confirmUntilTicket(call: SimulatedCall, twiml: Twiml): Promise<Twiml> {
  return pressOneUntil(call, twiml, 'Your ticket number is', expectEnglish);
}

describe('the phone line in English, with the real engine', () => {
  let line: RealPhoneLine;
  afterEach(async () => {
    await line.stop();
  });

  it('runs key 9 in English to the end: British voice, en-GB recognition, English words, an English ticket and SMS', async () => {
    line = await startRealPhoneLine();
    const call = new SimulatedCall(line.network, { from: '+33491000001' });
    await call.ring();
    const greeting = await call.press('9');
    expectEnglish(greeting);
    expect(greeting.said).toEqual([
      'Hello Marie Lefèvre, this is Guichet, the ITCOM Services support assistant. How can I help? Tell me about the problem, or what you need, in your own words.',
    ]);
    expect(greeting.gather?.attributes).toMatchObject({ input: 'dtmf speech', language: 'en-GB' });

    const title = await call.speak('the printer on the second floor is not printing anymore', 0.92);
    expect(title.said).toContain('Press 1: yes, that title is fine.');
    // The summary, said as one sentence rather than the written list.
    const summary = await call.press('1');
    expect(summary.said[0]).toBe(
      'To sum up, a normal-priority incident in IT, for Marie Lefèvre at Transports Durand, The printer on the second floor is not printing anymore. Shall I open the ticket?',
    );
    const opened = await confirmUntilTicket(call, summary);
    expectEnglish(opened);
    // The announcement: the number twice, the priority and the first response (of today, so by its
    // time alone), that the details come by text; then the closed question on the keypad.
    expect(opened.said).toEqual([
      'Your ticket number is T 2 0 2 6 1 1 2 3 dot 0 0 0 1.',
      'Again: T 2 0 2 6 1 1 2 3 dot 0 0 0 1.',
      "It's normal priority: we'll respond by 3 30 PM.",
      'Details to follow by text.',
      "If there's anything else, press 1. Otherwise, you can hang up.",
    ]);
    expect(opened.gather?.attributes).toMatchObject({ input: 'dtmf', numDigits: '1' });
    expect(secondsOfSpeech(opened.said.slice(0, -1))).toBeLessThan(25);

    const [ticket] = await line.app.store.listTickets();
    expect(ticket).toMatchObject({ number: 'T20261123.0001', source: 'phone', language: 'en', priority: 'normale' });
    expect(line.sms.sent).toEqual([
      {
        to: '+33491000001',
        body: expect.stringContaining('ITCOM Services: your ticket T20261123.0001 is open (Normal priority).'),
      },
    ]);
    expect(line.sms.sent[0]?.body).toContain('First response: Monday 23 November at 3:30 pm.');
    // What technicians do later reaches the caller in the ticket's language, by SMS too.
    const taken = await line.app.technicianActions.run({ action: 'take', number: 'T20261123.0001', by: 'philippe' });
    expect(taken).toMatchObject({ ok: true, told: 'sent' });
    expect(line.sms.sent.at(-1)).toEqual({
      to: '+33491000001',
      body: 'Philippe, a support technician, has taken charge of your ticket T20261123.0001 and will get back to you shortly.',
    });

    const goodbye = await call.silence();
    expectEnglish(goodbye);
    expect(goodbye.said).toEqual(['Thank you for calling. Goodbye.']);
    expect(goodbye.hangsUp).toBe(true);
  });

  it('reads uncertain speech back in English, and asks again in English', async () => {
    line = await startRealPhoneLine();
    const call = new SimulatedCall(line.network, { from: '+33491000001' });
    await call.ring();
    await call.press('9');
    const readBack = await call.speak('the printer is jammed', 0.3);
    expectEnglish(readBack);
    expect(readBack.said).toEqual([
      'I heard: the printer is jammed.',
      "Press 1 if that's right, or 2 to say it again.",
    ]);
    const again = await call.press('2');
    expectEnglish(again);
    expect(again.said[0]).toBe('All right, go ahead.');
  });

  it('reads a critique ticket in English with the on-call engineer first, under 25 seconds of speech', async () => {
    line = await startRealPhoneLine();
    const call = new SimulatedCall(line.network, { from: '+33491000001' });
    const opened = await callAndConfirm(call, 'the phone system is down, nobody can call', ENGLISH_KEY);
    expectEnglish(opened);
    expect(opened.said).toEqual([
      'Your ticket number is T 2 0 2 6 1 1 2 3 dot 0 0 0 1.',
      'Again: T 2 0 2 6 1 1 2 3 dot 0 0 0 1.',
      'Press 1 to be put through to the on-call engineer now.',
      "It's critical priority: we'll respond by 11 AM.",
      'Details to follow by text.',
    ]);
    expect(secondsOfSpeech(opened.said)).toBeLessThan(25);
    const transfer = await call.press('1');
    expect(transfer.said).toEqual(['Putting you through now. Please keep your ticket number to hand.']);
    expectEnglish(transfer);
    expect(transfer.dial).toBe('+33600000000');
  });

  it('says a deadline of another day by its weekday, still under 25 seconds', async () => {
    // Friday 27 November 2026, 19:00 in Paris: support is closed until Monday morning.
    line = await startRealPhoneLine({ now: '2026-11-27T19:00:00+01:00' });
    const call = new SimulatedCall(line.network, { from: '+33491000001' });
    const opened = await callAndConfirm(call, 'the phone system is down, nobody can call', ENGLISH_KEY);
    expectEnglish(opened);
    const [ticket] = await line.app.store.listTickets();
    expect(ticket?.firstResponseDue).toMatch(/^2026-11-30T/);
    expect(opened.said[3]).toMatch(/^It's critical priority: we'll respond by Monday at \d+( \d+)? AM\.$/);
    expect(secondsOfSpeech(opened.said)).toBeLessThan(25);
  });

  it('offers a caller without a contract the no-contract line in English, still under 25 seconds', async () => {
    line = await startRealPhoneLine();
    // Boulangerie Marcel, an account without a maintenance contract (policy/accounts.yaml).
    const call = new SimulatedCall(line.network, { from: NO_CONTRACT_CALLER });
    const opened = await callAndConfirm(call, 'the phone system is down, nobody can call', ENGLISH_KEY);
    expectEnglish(opened);
    expect(opened.said).toEqual([
      'Your ticket number is T 2 0 2 6 1 1 2 3 dot 0 0 0 1.',
      'Again: T 2 0 2 6 1 1 2 3 dot 0 0 0 1.',
      'Press 1 to be put through to our no-contract support line now.',
      "It's critical priority, with no guaranteed response time.",
      'Details to follow by text.',
    ]);
    expect(secondsOfSpeech(opened.said)).toBeLessThan(25);
    expect((await call.press('1')).dial).toBe('+33899198643');
  });

  it('puts an English caller it cannot understand through to the helpdesk, in English', async () => {
    line = await startRealPhoneLine();
    const call = new SimulatedCall(line.network, { from: '+33612345678' });
    await call.ring();
    await call.press('9');
    let twiml = await call.speak('the printer on the second floor is not printing anymore', 0.9);
    expect(twiml.said.join(' ')).toContain('Which company do you work for?');
    for (const answer of ["I don't know", 'no idea']) {
      twiml = await call.speak(answer, 0.9);
      expectEnglish(twiml);
      expect(twiml.dial).toBeUndefined();
    }
    twiml = await call.speak('erm', 0.9);
    expectEnglish(twiml);
    expect(twiml.said.join(' ')).toContain(
      "Sorry, I can't make out your answer, so I'll put you through to someone on the helpdesk. What you've told me is kept in ticket T 2 0 2 6 1 1 2 3 dot 0 0 0 1.",
    );
    expect(twiml.dial).toBe('+33484268310');
    const [draft] = await line.app.store.listTickets({ status: ['draft'] });
    expect(draft).toMatchObject({ language: 'en', account: null });
  });

  it('switches a caller who pressed 2 and describes the problem in English, from the next prompt on', async () => {
    line = await startRealPhoneLine();
    const call = new SimulatedCall(line.network, { from: '+33491000001' });
    await call.ring();
    const greeting = await call.press('2');
    // Key 2 starts in French: the voice, the recognizer and the words.
    expect(says(greeting).map((s) => s.attributes)).toEqual([FRENCH_VOICE]);
    expect(greeting.gather?.attributes.language).toBe('fr-FR');
    expect(greeting.said[0]).toMatch(/^Bonjour Marie Lefèvre/);

    const next = await call.speak("my computer won't start, I can't work", 0.9);
    expectEnglish(next);
    expect(next.said[0]).toMatch(/^I suggest this title for the ticket/);
    expect(next.said.join(' ')).not.toMatch(/Tapez|Votre|Pour /);
    const opened = await confirmUntilTicket(call, next);
    expectEnglish(opened);
    expect(opened.said[0]).toBe('Your ticket number is T 2 0 2 6 1 1 2 3 dot 0 0 0 1.');
    const [ticket] = await line.app.store.listTickets();
    expect(ticket).toMatchObject({ language: 'en', description: "my computer won't start, I can't work" });
    expect(line.sms.sent[0]?.body).toContain('your ticket T20261123.0001 is open');
  });

  it('keeps a French caller in French when the description is French', async () => {
    line = await startRealPhoneLine();
    const call = new SimulatedCall(line.network, { from: '+33491000001' });
    await call.ring();
    await call.press('2');
    const next = await call.speak('mon ordinateur ne démarre plus, je ne peux pas travailler', 0.9);
    expect(says(next).every((s) => s.attributes.language === 'fr-FR')).toBe(true);
    expect(next.gather?.attributes.language).toBe('fr-FR');
  });

  it('keeps the call in English across a restart of the server (the language is in the call state)', async () => {
    const database = join(mkdtempSync(join(tmpdir(), 'guichet-phone-')), 'guichet.db');
    const env = { PUBLIC_BASE_URL: 'https://guichet.example.fr' };
    line = await startRealPhoneLine({ database, env });
    const call = new SimulatedCall(line.network, { from: '+33491000001' });
    await call.ring();
    await call.press('2');
    expectEnglish(await call.speak("my computer won't start, I can't work", 0.9));
    await line.stop();

    line = await startRealPhoneLine({ database, env });
    call.reconnect(line.network);
    // A silence is answered by the phone line's own sentence, in the language kept for the call.
    const again = await call.silence();
    expectEnglish(again);
    expect(again.said[0]).toBe("Sorry, I didn't catch that.");
    const opened = await confirmUntilTicket(call, again);
    expectEnglish(opened);
    expect((await line.app.store.listTickets())[0]?.language).toBe('en');
  });
});
