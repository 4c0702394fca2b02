import type { Server } from 'restify';
import type { Language } from '../../domain.js';
import { loadIntents } from '../../intents/load.js';
import type { PersonMessengers } from '../../messaging/person-messenger.js';
import { phoneLineSchema } from '../../policy/schema.js';
import type { Channel } from '../../server/channel.js';
import { toE164 } from './phone-number.js';
import { mountTwilioRoutes, type TwilioApp } from './routes.js';
import type { TwilioSettings } from './settings.js';
import { type SmsSenderFactory, twilioSmsSender } from './sms.js';
import { speechHints } from './speech-hints.js';

export { TWILIO_PATHS, type TwilioApp } from './routes.js';
export { createRecordingSmsSender, type RecordedSms, type SmsSender, type SmsSenderFactory } from './sms.js';

/** What can be swapped when the phone line is mounted (tests, dry runs). */
export interface TwilioChannelOptions {
  /** Builds the SMS sender when the SMS settings are present; Twilio's Messages API by default. */
  smsSender?: SmsSenderFactory;
  /**
   * Speech recognition hints by language; by default the policy's phoneLine.languages.<language>.hints
   * and the intents' words for things in that language.
   */
  hints?: Record<Language, string[]>;
  /** The intents folder the default hints are read from (the configuration's GUICHET_INTENTS). */
  intentsDir?: string;
}

/**
 * Mounts the phone line on a server: POST /twilio/voice (incoming call), /twilio/menu and
 * /twilio/gather (the <Gather> actions) and /twilio/status (call status callback), with the
 * settings of the configuration (`config.channels.twilio`). When SMS is set up, phone tickets'
 * callers are told by SMS what technicians do on their ticket (`app.messengers`, channel "phone").
 */
export function mountTwilioChannel(
  server: Server,
  app: TwilioApp & { messengers?: PersonMessengers },
  settings: TwilioSettings,
  options: TwilioChannelOptions = {},
): void {
  const sms = connectSms(app, settings, options);
  const phoneLine = app.policy.phoneLine ?? phoneLineSchema.parse({});
  const intents = options.hints === undefined ? loadIntents(options.intentsDir) : null;
  const hints = options.hints ?? {
    fr: speechHints(phoneLine.languages.fr.hints, intents, 'fr'),
    en: speechHints(phoneLine.languages.en.hints, intents, 'en'),
  };
  mountTwilioRoutes(server, app, settings, { sms, hints });
}

/** The SMS that tells a phone ticket's caller what technicians do, when SMS is set up (`app.messengers`). */
function connectSms(
  app: { messengers?: PersonMessengers },
  settings: TwilioSettings,
  options: TwilioChannelOptions,
): ReturnType<SmsSenderFactory> | null {
  const sms = settings.sms === null ? null : (options.smsSender ?? twilioSmsSender)(settings.sms);
  if (sms !== null) {
    // A phone ticket's reference is the caller's number, as the intake recorded it.
    app.messengers?.register({ channel: 'phone', send: (to, message) => sms.send(toE164(to), message.text) });
  }
  return sms;
}

/** The phone line as a channel of `guichet start`, with its own options. */
export function createTwilioChannel(options: TwilioChannelOptions = {}): Channel {
  return {
    name: 'twilio',
    enabled: (config) => config.channels.twilio !== null,
    mount: (server, app, config) => {
      // enabled() said the settings are there; mounting without them is a wiring error.
      if (config.channels.twilio === null) throw new Error('the phone line is mounted without its settings');
      mountTwilioChannel(server, app, config.channels.twilio, { intentsDir: config.intentsDir, ...options });
    },
    connect: (app, config) => {
      if (config.channels.twilio !== null) connectSms(app, config.channels.twilio, options);
    },
  };
}

/** The phone line: on when TWILIO_AUTH_TOKEN is set. */
export const twilioChannel: Channel = createTwilioChannel();
