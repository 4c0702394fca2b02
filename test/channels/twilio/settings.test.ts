import { describe, expect, it } from 'vitest';
import { twilioChannel } from '../../../src/channels/twilio/index.js';
import { readConfig } from '../../../src/config/config.js';

const twilioEnabled = (env: Record<string, string>) => twilioChannel.enabled(readConfig(env));
const readTwilioSettings = (env: Record<string, string>) => readConfig(env).channels.twilio;

const SID = 'AC0123456789abcdef0123456789abcdef';

describe('the phone line settings', () => {
  it.each([
    [{}, false],
    [{ TWILIO_AUTH_TOKEN: '' }, false],
    [{ TWILIO_AUTH_TOKEN: '  ' }, false],
    [{ TWILIO_AUTH_TOKEN: 'secret' }, true],
  ])('enabled(%o) is %s', (env, enabled) => {
    expect(twilioEnabled(env)).toBe(enabled);
  });

  it.each([
    {
      env: { TWILIO_AUTH_TOKEN: 'secret' },
      expected: { authToken: 'secret', publicBaseUrl: null, sms: null },
    },
    {
      env: { TWILIO_AUTH_TOKEN: 'secret', PUBLIC_BASE_URL: 'https://guichet.example.fr/' },
      expected: { authToken: 'secret', publicBaseUrl: 'https://guichet.example.fr', sms: null },
    },
    {
      env: { TWILIO_AUTH_TOKEN: 'secret', TWILIO_ACCOUNT_SID: SID },
      expected: { authToken: 'secret', publicBaseUrl: null, sms: null },
    },
    {
      env: { TWILIO_AUTH_TOKEN: 'secret', TWILIO_ACCOUNT_SID: SID, TWILIO_SMS_FROM: '+33700000000' },
      expected: {
        authToken: 'secret',
        publicBaseUrl: null,
        sms: { accountSid: SID, authToken: 'secret', from: '+33700000000' },
      },
    },
  ])('reads $env', ({ env, expected }) => {
    expect(readTwilioSettings(env)).toEqual(expected);
  });

  it.each([
    [{ TWILIO_AUTH_TOKEN: 'secret', PUBLIC_BASE_URL: 'guichet.example.fr' }, 'PUBLIC_BASE_URL'],
    [{ TWILIO_AUTH_TOKEN: 'secret', PUBLIC_BASE_URL: 'ftp://guichet.example.fr' }, 'PUBLIC_BASE_URL'],
    [{ TWILIO_AUTH_TOKEN: 'secret', TWILIO_ACCOUNT_SID: 'nope' }, 'TWILIO_ACCOUNT_SID'],
    [{ TWILIO_ACCOUNT_SID: SID }, 'TWILIO_AUTH_TOKEN must be set when TWILIO_ACCOUNT_SID is'],
    [{ TWILIO_SMS_FROM: '+33700000000' }, 'TWILIO_AUTH_TOKEN must be set when TWILIO_SMS_FROM is'],
  ])('refuses %o naming %s', (env, field) => {
    expect(() => readTwilioSettings(env)).toThrow(field);
  });
});
