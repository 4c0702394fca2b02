import twilio from 'twilio';
import type { SmsSettings } from './settings.js';

/** Sends one SMS; the port lets tests record messages instead of reaching Twilio. */
export interface SmsSender {
  send(to: string, body: string): Promise<void>;
}

/** Builds the sender once the SMS settings are known. */
export type SmsSenderFactory = (settings: SmsSettings) => SmsSender;

/** The real sender: Twilio's Messages API through the twilio package. */
export const twilioSmsSender: SmsSenderFactory = (settings) => {
  const client = twilio(settings.accountSid, settings.authToken);
  return {
    async send(to, body) {
      await client.messages.create({ to, from: settings.from, body });
    },
  };
};

/** One SMS a recording sender kept. */
export interface RecordedSms {
  to: string;
  body: string;
}

/** A sender that keeps what it was asked to send, for tests and dry runs. */
export function createRecordingSmsSender(): SmsSender & { sent: RecordedSms[] } {
  const sent: RecordedSms[] = [];
  return {
    sent,
    async send(to, body) {
      sent.push({ to, body });
    },
  };
}
