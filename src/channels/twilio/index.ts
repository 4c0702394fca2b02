import type { Server } from 'restify';
import { loadIntents } from '../../intents/load.js';
import { phoneLineSchema } from '../../policy/schema.js';
import type { Channel } from '../../server/channel.js';
import { mountTwilioRoutes, type TwilioApp } from './routes.js';
import { readTwilioSettings, twilioEnabled } from './settings.js';
import { type SmsSenderFactory, twilioSmsSender } from './sms.js';
import { speechHints } from './speech-hints.js';

export { TWILIO_PATHS, type TwilioApp } from './routes.js';
export { createRecordingSmsSender, type RecordedSms, type SmsSender, type SmsSenderFactory } from './sms.js';

/** What can be swapped when the phone line is mounted (tests, dry runs). */
export interface TwilioChannelOptions {
  /** Builds the SMS sender when the SMS settings are present; Twilio's Messages API by default. */
  smsSender?: SmsSenderFactory;
  /** Speech recognition hints; by default the policy's phoneLine.hints and the intents' words for things. */
  hints?: string[];
}

/**
 * Mounts the phone line on a server: POST /twilio/voice (incoming call), /twilio/menu and
 * /twilio/gather (the <Gather> actions) and /twilio/status (call status callback). Reads the
 * settings from `env` and throws a coded error naming the wrong one.
 */
export function mountTwilioChannel(
  server: Server,
  app: TwilioApp,
  env: NodeJS.ProcessEnv,
  options: TwilioChannelOptions = {},
): void {
  const settings = readTwilioSettings(env);
  const sms = settings.sms === null ? null : (options.smsSender ?? twilioSmsSender)(settings.sms);
  const phoneLine = app.policy.phoneLine ?? phoneLineSchema.parse({});
  const hints = options.hints ?? speechHints(phoneLine.hints, loadIntents());
  mountTwilioRoutes(server, app, settings, { sms, hints });
}

/** The phone line as a channel of `guichet start`, with its own options. */
export function createTwilioChannel(options: TwilioChannelOptions = {}): Channel {
  return {
    name: 'twilio',
    enabled: twilioEnabled,
    mount: (server, app, env) => mountTwilioChannel(server, app, env, options),
  };
}

/** The phone line: on when TWILIO_AUTH_TOKEN is set. */
export const twilioChannel: Channel = createTwilioChannel();
