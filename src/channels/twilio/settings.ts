import { z } from 'zod';
import { optionalVariable } from '../../config/variables.js';

/** What the phone line needs to send an SMS: a Twilio account and a sending number. */
export interface SmsSettings {
  accountSid: string;
  authToken: string;
  from: string;
}

/** The phone line's settings, read once from the environment. */
export interface TwilioSettings {
  /** The account's auth token: the key of X-Twilio-Signature. */
  authToken: string;
  /**
   * The public origin (and path prefix, if any) Twilio calls, e.g. "https://guichet.example.fr":
   * signatures are computed on the URL Twilio used, which a proxy hides from the server.
   */
  publicBaseUrl: string | null;
  /** Present when TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_SMS_FROM are all set. */
  sms: SmsSettings | null;
}

/**
 * The phone line's variables, read by the one configuration (src/config/config.ts), and its
 * settings: null (the line is off) when TWILIO_AUTH_TOKEN is unset. The account or the sending
 * number without the token is refused rather than ignored, since the SMS could never leave.
 */
export const twilioSettings = z
  .object({
    TWILIO_AUTH_TOKEN: optionalVariable(z.string()),
    TWILIO_ACCOUNT_SID: optionalVariable(
      z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be the account SID: AC and 32 hexadecimal digits'),
    ),
    // A number in E.164, or an alphanumeric sender ID where the country allows one.
    TWILIO_SMS_FROM: optionalVariable(z.string().min(2, 'must be the sending number, such as +33491000000')),
    PUBLIC_BASE_URL: optionalVariable(
      z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://guichet.example.fr' }),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.TWILIO_AUTH_TOKEN !== undefined) return;
    const set = (['TWILIO_ACCOUNT_SID', 'TWILIO_SMS_FROM'] as const).filter((name) => env[name] !== undefined);
    if (set.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['TWILIO_AUTH_TOKEN'],
        message: `must be set when ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'}: the phone line needs it`,
      });
    }
  })
  .transform((env): TwilioSettings | null => {
    const { TWILIO_AUTH_TOKEN, TWILIO_ACCOUNT_SID, TWILIO_SMS_FROM, PUBLIC_BASE_URL } = env;
    if (TWILIO_AUTH_TOKEN === undefined) return null;
    return {
      authToken: TWILIO_AUTH_TOKEN,
      publicBaseUrl: PUBLIC_BASE_URL === undefined ? null : PUBLIC_BASE_URL.replace(/\/+$/, ''),
      sms:
        TWILIO_ACCOUNT_SID !== undefined && TWILIO_SMS_FROM !== undefined
          ? { accountSid: TWILIO_ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN, from: TWILIO_SMS_FROM }
          : null,
    };
  });
