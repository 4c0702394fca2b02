import { slackChannel } from '../channels/slack/index.js';
import { teamsChannel } from '../channels/teams/index.js';
import { twilioChannel } from '../channels/twilio/index.js';
import { webChannel } from '../channels/web/channel.js';
import type { Channel } from './channel.js';

/**
 * Every channel `guichet start` knows. Each comes on when its settings are present in the
 * configuration (`enabled(config)`); a new channel is one folder under src/channels/ and one line here.
 */
export const channels: Channel[] = [webChannel, twilioChannel, slackChannel, teamsChannel];
