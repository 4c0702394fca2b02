import { afterEach, describe, expect, it } from 'vitest';
import { type PhoneLineUnderTest, startPhoneLine } from './helpers/harness.js';
import { MemoryConversationStore } from './helpers/memory-store.js';
import { SimulatedCall } from './helpers/phone.js';

/** The helpdesk's number of the policy (company.helpdeskPhone), dialled when the phone line fails. */
const HELPDESK = '+33484268310';
const APOLOGY = 'Nous rencontrons un problème technique. Je vous mets en relation avec un conseiller du helpdesk.';
/** What XML 1.0 cannot carry: controls other than tab and line ends, U+FFFE, U+FFFF, lone surrogates. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** A conversation store that fails every save once `failing` is set, as a full disk or a lost database does. */
class FailingStore extends MemoryConversationStore {
  failing = false;
  override async saveConversation(...args: Parameters<MemoryConversationStore['saveConversation']>): Promise<void> {
    if (this.failing) throw new Error('SQLITE_FULL: database or disk is full');
    return super.saveConversation(...args);
  }
}

let line: PhoneLineUnderTest | undefined;
afterEach(async () => {
  await line?.stop();
  line = undefined;
});

async function intake(store?: MemoryConversationStore): Promise<SimulatedCall> {
  line = await startPhoneLine(store === undefined ? {} : { store });
  const call = new SimulatedCall(line.network);
  await call.ring();
  await call.press('2');
  return call;
}

describe('the phone line when something goes wrong', () => {
  it.each([
    { name: 'a NUL', char: '\u0000' },
    { name: 'a control character', char: '\u0007' },
    { name: 'an escape', char: '\u001b' },
    { name: 'U+FFFE', char: '\uFFFE' },
    { name: 'U+FFFF', char: '\uFFFF' },
    { name: 'a form feed', char: '\u000c' },
  ])('answers valid TwiML when the words carry $name, and again on the retry', async ({ char }) => {
    const call = await intake();
    const summary = await call.speak(`le standard${char} téléphonique ne répond plus${char}`, 0.9);
    expect(summary.xml).not.toMatch(NOT_XML);
    expect(summary.said[0]).toContain('« le standard téléphonique ne répond plus »');
    expect(line?.engine.turns.at(-1)?.text).toBe('le standard téléphonique ne répond plus');
    const retried = await call.retryLast();
    expect(retried.xml).toBe(summary.xml);
  });

  it.each([
    { confidence: '1.7', heard: 1 },
    { confidence: '-3', heard: 0 },
  ])('holds a Confidence of $confidence to 0–1 instead of dropping the answer', async ({ confidence, heard }) => {
    const call = await intake();
    await call.speak('le standard téléphonique ne répond plus', Number(confidence));
    if (heard === 1) {
      expect(line?.engine.turns.at(-1)).toMatchObject({ speechConfidence: 1 });
    } else {
      // Below the policy's lowConfidence: read back first, the engine not yet asked.
      expect(call.current?.said[0]).toContain("J'ai compris");
    }
    expect(call.current?.said).not.toContain(APOLOGY);
  });

  it('apologises and puts the caller through to the helpdesk when the store fails, never a 500', async () => {
    const store = new FailingStore();
    const call = await intake(store);
    store.failing = true;
    const answer = await call.post(call.nextKeyPress('1').url, call.nextKeyPress('1').params);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(`<Dial>${HELPDESK}</Dial>`);
    expect(answer.body).toContain(APOLOGY);
    expect(line?.logs.some((l) => l.level >= 50 && /webhook failed/.test(l.msg))).toBe(true);
    // The status callback of that call is acknowledged too.
    expect((await call.hangUp()).status).toBe(204);
  });
});
