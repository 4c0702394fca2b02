import { describe, expect, it } from 'vitest';
import { isReachableMobileNumber, toE164 } from '../../../src/channels/twilio/phone-number.js';

describe('toE164', () => {
  it.each([
    ['04 84 26 83 10', '+33484268310'],
    ['0899 198 643', '+33899198643'],
    ['06 00 00 00 00', '+33600000000'],
    ['04.84.26.83.10', '+33484268310'],
    ['+33 4 84 26 83 10', '+33484268310'],
    ['0033484268310', '+33484268310'],
    ['+1 (415) 555-0100', '+14155550100'],
  ])('dials %s as %s', (display, e164) => {
    expect(toE164(display)).toBe(e164);
  });

  it.each(['', 'helpdesk', '12', '04 84 26 83', '+0 123 456 789'])('refuses "%s" with a coded error', (bad) => {
    expect(() => toE164(bad)).toThrow(expect.objectContaining({ code: 'guichet_invalid_input' }));
  });
});

describe('isReachableMobileNumber', () => {
  it.each([
    ['+33491000001', true],
    ['anonymous', false],
    ['+266696687', true],
    ['', false],
    [null, false],
    [undefined, false],
  ])('%s → %s', (caller, expected) => {
    expect(isReachableMobileNumber(caller)).toBe(expected);
  });
});
