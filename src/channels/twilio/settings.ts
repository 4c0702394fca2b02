import { z } from 'zod';
import { ErrorCode, GuichetError } from '../../errors.js';

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

const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const envSchema = z.object({
  TWILIO_AUTH_TOKEN: z.preprocess(blankIsUnset, z.string().min(1).optional()),
  TWILIO_ACCOUNT_SID: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/)
      .optional(),
  ),
  TWILIO_SMS_FROM: z.preprocess(blankIsUnset, z.string().min(2).optional()),
  PUBLIC_BASE_URL: z.preprocess(
    blankIsUnset,
    z
      .string()
      .url()
      .refine((url) => /^https?:\/\//.test(url), 'expected an http(s) URL')
      .optional(),
  ),
});

/** Whether the phone line is configured: it comes on with TWILIO_AUTH_TOKEN. */
export function twilioEnabled(env: NodeJS.ProcessEnv): boolean {
  return (env.TWILIO_AUTH_TOKEN ?? '').trim() !== '';
}

/** Reads and validates the phone line's environment; a wrong value stops start-up with its name. */
export function readTwilioSettings(env: NodeJS.ProcessEnv): TwilioSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new GuichetError(ErrorCode.InvalidInput, `Phone line settings are invalid (${fields}); see .env.example.`);
  }
  const { TWILIO_AUTH_TOKEN, TWILIO_ACCOUNT_SID, TWILIO_SMS_FROM, PUBLIC_BASE_URL } = parsed.data;
  if (TWILIO_AUTH_TOKEN === undefined) {
    throw new GuichetError(ErrorCode.InvalidInput, 'TWILIO_AUTH_TOKEN is not set: the phone line needs it.');
  }
  return {
    authToken: TWILIO_AUTH_TOKEN,
    publicBaseUrl: PUBLIC_BASE_URL === undefined ? null : PUBLIC_BASE_URL.replace(/\/+$/, ''),
    sms:
      TWILIO_ACCOUNT_SID !== undefined && TWILIO_SMS_FROM !== undefined
        ? { accountSid: TWILIO_ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN, from: TWILIO_SMS_FROM }
        : null,
  };
}
