import { describe, expect, it } from 'vitest';
import { readTwiml } from './helpers/twiml-check.js';

/** The checker the call tests rely on must itself refuse what is wrong. */
describe('the TwiML checker of the tests', () => {
  it('accepts a menu', () => {
    const twiml = readTwiml(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Gather action="menu?step=1" method="POST" numDigits="1"><Say voice="Polly.Lea-Neural" language="fr-FR">Tapez 1 &amp; 2</Say></Gather><Redirect method="POST">menu?step=1</Redirect></Response>',
    );
    expect(twiml.said).toEqual(['Tapez 1 & 2']);
    expect(twiml.redirect).toBe('menu?step=1');
  });

  it.each([
    ['<Response><Say>a</Response>', /closes/],
    ['<Response><Say>a & b</Say></Response>', /bare "&"/],
    ['<Response><Say>a</Say></Response><Extra/>', /after the root/],
    ['<Response><Play>x.mp3</Play></Response>', /cannot be nested/],
    ['<Play>x.mp3</Play>', /root/],
    ['<Response><Gather method="POST"><Say>a</Say></Gather></Response>', /needs an action/],
    ['<Response><Say loop="0">a</Say></Response>', /attribute loop/],
    ['<Response><Dial>04 84 26 83 10</Dial></Response>', /E.164/],
    ['<Response><Gather action="a" method="POST"><Dial>+33484268310</Dial></Gather></Response>', /cannot be nested/],
    ['<Answer/>', /root/],
  ])('refuses %s', (xml, why) => {
    expect(() => readTwiml(xml)).toThrow(why);
  });
});
