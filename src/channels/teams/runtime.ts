import { type Request as BotRequest, CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import type { Request, Response } from 'restify';
import type { Guichet } from '../../app.js';
import type { PersonMessenger } from '../../messaging/person-messenger.js';
import { DEFAULT_TYPING, TeamsBot } from './bot.js';
import { ReusedClientsAuthentication } from './connector-client.js';
import type { TeamsChannelOptions } from './index.js';
import { TeamsMembers } from './members.js';
import { teamsMessenger } from './messenger.js';
import type { TeamsSettings } from './settings.js';
import { TeamsTechnicianChannel } from './technician-channel.js';

/** The Teams channel once botbuilder is loaded: the handler of /api/messages and the messenger. */
export interface TeamsRuntime {
  /** Runs one validated activity through CloudAdapter (token check, turn, HTTP answer). */
  process(req: Request, res: Response, log: Logger): Promise<void>;
  messenger: PersonMessenger;
  /** The technicians' cards: posted for each notification, updated after each action. */
  technicians: TeamsTechnicianChannel;
}

/** The Bot Framework authentication of the settings: none at all in anonymous mode. */
function authenticationOf(settings: TeamsSettings): ReusedClientsAuthentication {
  if (settings.anonymous) return new ReusedClientsAuthentication({});
  const config: Record<string, string> = {
    MicrosoftAppId: settings.appId,
    MicrosoftAppType: settings.appType,
  };
  if (settings.password !== null) config.MicrosoftAppPassword = settings.password;
  if (settings.tenantId !== null) config.MicrosoftAppTenantId = settings.tenantId;
  return new ReusedClientsAuthentication(config);
}

/** Builds the CloudAdapter of the settings, the bot behind it and the Teams messenger. */
export function createTeamsRuntime(
  app: Guichet,
  settings: TeamsSettings,
  options: TeamsChannelOptions = {},
): TeamsRuntime {
  const retryDelayMs = options.retryDelayMs ?? 250;
  const typing = {
    delayMs: options.typingDelayMs ?? DEFAULT_TYPING.delayMs,
    periodMs: options.typingPeriodMs ?? DEFAULT_TYPING.periodMs,
  };
  const adapter = new CloudAdapter(authenticationOf(settings));
  adapter.onTurnError = async (context, error) => {
    app.logger.error({ err: error, conversation: context.activity.conversation?.id }, 'the Teams turn failed');
  };
  const technicians = new TeamsTechnicianChannel(app, adapter, settings.appId, retryDelayMs);
  const members = new TeamsMembers(app.accounts, app.logger);
  const bot = new TeamsBot({ app, members, retryDelayMs, typing });
  return {
    async process(req, res, log) {
      // restify's request is the Node request botbuilder reads (method, headers, parsed body).
      await adapter.process(req as unknown as BotRequest, res, (context) => bot.onTurn(context, log));
    },
    messenger: teamsMessenger(adapter, settings.appId, app.logger, retryDelayMs),
    technicians,
  };
}
