import { type Request as BotRequest, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Guichet } from '../../app.js';
import type { Channel } from '../../server/channel.js';
import { HttpErrorCode, sendError } from '../../server/http-error.js';
import { requestLog } from '../../server/request-log.js';
import { parsesItsOwnBody } from '../../server/server.js';
import { describeActivityIssues, incomingActivity } from './activity.js';
import { TeamsBot } from './bot.js';
import { TeamsMembers } from './members.js';
import { teamsMessenger } from './messenger.js';
import { readTeamsSettings, type TeamsSettings, teamsEnabled } from './settings.js';

/** Where Azure Bot Service (and the Agents Playground, and the Emulator) posts the activities. */
export const TEAMS_PATH = '/api/messages';

/**
 * The largest activity accepted on /api/messages, in bytes. Teams caps a message at about 28 KB of
 * text, and an activity carries it twice (text and its HTML attachment) with its entities and
 * channelData: the server's 20 KiB limit would refuse long messages people really send, while
 * 256 KiB still keeps anyone from making the server hold megabytes.
 */
export const TEAMS_MAX_BODY_BYTES = 256 * 1024;

/** What can be tuned when the channel is mounted (tests shorten the pause before a retry). */
export interface TeamsChannelOptions {
  retryDelayMs?: number;
}

/** The Bot Framework authentication of the settings: none at all in anonymous mode. */
function authenticationOf(settings: TeamsSettings): ConfigurationBotFrameworkAuthentication {
  if (settings.anonymous) return new ConfigurationBotFrameworkAuthentication({});
  const config: Record<string, string> = {
    MicrosoftAppId: settings.appId,
    MicrosoftAppType: settings.appType,
  };
  if (settings.password !== null) config.MicrosoftAppPassword = settings.password;
  if (settings.tenantId !== null) config.MicrosoftAppTenantId = settings.tenantId;
  return new ConfigurationBotFrameworkAuthentication(config);
}

/**
 * Mounts the Teams channel: POST /api/messages through botbuilder's CloudAdapter (which checks the
 * Bot Framework token when an app id is set, and answers 401 without one), its own body parser,
 * and the Teams messenger registered on `app.messengers` for the messages written later.
 */
export function mountTeamsChannel(
  server: Server,
  app: Guichet,
  env: NodeJS.ProcessEnv,
  options: TeamsChannelOptions = {},
): CloudAdapter {
  const settings = readTeamsSettings(env);
  const retryDelayMs = options.retryDelayMs ?? 250;
  const adapter = new CloudAdapter(authenticationOf(settings));
  adapter.onTurnError = async (context, error) => {
    app.logger.error({ err: error, conversation: context.activity.conversation?.id }, 'the Teams turn failed');
  };
  const bot = new TeamsBot({ app, members: new TeamsMembers(app.accounts, app.logger), retryDelayMs });

  parsesItsOwnBody(server, TEAMS_PATH);
  server.post(
    TEAMS_PATH,
    restify.plugins.bodyParser({ maxBodySize: TEAMS_MAX_BODY_BYTES, mapParams: false }),
    async (req: Request, res: Response) => {
      const parsed = incomingActivity.safeParse(req.body);
      if (!parsed.success) {
        sendError(
          req,
          res,
          400,
          HttpErrorCode.InvalidInput,
          `not a Bot Framework activity: ${describeActivityIssues(parsed.error)}`,
        );
        return;
      }
      const activity = parsed.data;
      const log = requestLog(req).child({ activity: activity.id, type: activity.type, channelId: activity.channelId });
      // restify's request is the Node request botbuilder reads (method, headers, parsed body).
      await adapter.process(req as unknown as BotRequest, res, (context) => bot.onTurn(context, log));
      if (res.statusCode === 401) log.warn({ status: 401 }, 'Teams activity refused: no valid Bot Framework token');
    },
  );
  app.messengers.register(teamsMessenger(adapter, settings.appId, app.logger, retryDelayMs));
  if (settings.anonymous) {
    app.logger.warn('Teams runs without authentication (TEAMS_ANONYMOUS=true): for local testing only');
  }
  return adapter;
}

/** The Teams channel as a channel of `guichet start`, with its own options. */
export function createTeamsChannel(options: TeamsChannelOptions = {}): Channel {
  return {
    name: 'teams',
    enabled: teamsEnabled,
    mount: (server, app, env) => {
      mountTeamsChannel(server, app, env, options);
    },
    notice: (env) =>
      readTeamsSettings(env).anonymous
        ? `teams:    ${TEAMS_PATH} without authentication (TEAMS_ANONYMOUS=true): for local testing only`
        : `teams:    ${TEAMS_PATH}`,
  };
}

/** Microsoft Teams: on when MicrosoftAppId is set, or TEAMS_ANONYMOUS=true for local testing. */
export const teamsChannel: Channel = createTeamsChannel();
