import type { Request, Response, Server } from 'restify';
import type { Guichet } from '../../app.js';
import type { PersonMessage } from '../../messaging/person-messenger.js';
import { readRawBody, readsOwnBody } from '../../server/body.js';
import type { Channel } from '../../server/channel.js';
import { HttpErrorCode, sendError } from '../../server/http-error.js';
import { requestLog } from '../../server/request-log.js';
import { describeActivityIssues, incomingActivity } from './activity.js';
import type { TeamsRuntime } from './runtime.js';
import type { TeamsSettings } from './settings.js';

/** Where Azure Bot Service (and the Agents Playground, and the Emulator) posts the activities. */
export const TEAMS_PATH = '/api/messages';

/**
 * The largest activity accepted on /api/messages, in bytes. Teams caps a message at about 28 KB of
 * text, and an activity carries it twice (text and its HTML attachment) with its entities and
 * channelData: the server's 20 KiB limit would refuse long messages people really send, while
 * 256 KiB still keeps anyone from making the server hold megabytes.
 */
export const TEAMS_MAX_BODY_BYTES = 256 * 1024;

/**
 * What can be tuned when the channel is mounted: the pause before the retry of a refused reply
 * (250 ms), and how long a turn runs before the typing indicator is sent (500 ms; 0 sends it at
 * the start of every turn) and then renewed (every 2 s). Tests shorten or lengthen them.
 */
export interface TeamsChannelOptions {
  retryDelayMs?: number;
  typingDelayMs?: number;
  typingPeriodMs?: number;
}

/**
 * Mounts the Teams channel: POST /api/messages through botbuilder's CloudAdapter (which checks the
 * Bot Framework token when an app id is set, and answers 401 without one), reading its own body
 * up to TEAMS_MAX_BODY_BYTES within the server's body timeout, and the Teams messenger on `app.messengers` for the messages written later. The settings
 * are checked now; botbuilder (about 1.5 s to load) is loaded beside the start-up, not before it,
 * and only when the channel is on.
 */
export function mountTeamsChannel(
  server: Server,
  app: Guichet,
  settings: TeamsSettings,
  options: TeamsChannelOptions = {},
): void {
  const runtime: Promise<TeamsRuntime> = import('./runtime.js').then((m) =>
    m.createTeamsRuntime(app, settings, options),
  );
  runtime.catch((error: unknown) => app.logger.error({ err: error }, 'the Teams channel could not be loaded'));

  readsOwnBody(server, TEAMS_PATH, TEAMS_MAX_BODY_BYTES);
  server.post(TEAMS_PATH, async (req: Request, res: Response) => {
    // 413 and 408 are answered by readRawBody: a stalled activity is cut like any other body.
    const raw = await readRawBody(req, res);
    if (raw === null) return;
    if (!req.is('json')) {
      sendError(req, res, 415, HttpErrorCode.UnsupportedMediaType, 'send the activity as application/json');
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      sendError(req, res, 400, HttpErrorCode.InvalidInput, `malformed JSON body: ${reason}`);
      return;
    }
    // botbuilder reads the activity from the request's parsed body.
    (req as { body?: unknown }).body = body;
    const parsed = incomingActivity.safeParse(body);
    if (!parsed.success) {
      const issues = describeActivityIssues(parsed.error);
      sendError(req, res, 400, HttpErrorCode.InvalidInput, `not a Bot Framework activity: ${issues}`);
      return;
    }
    const activity = parsed.data;
    const log = requestLog(req).child({ activity: activity.id, type: activity.type, channelId: activity.channelId });
    let teams: TeamsRuntime;
    try {
      teams = await runtime;
    } catch {
      sendError(req, res, 503, HttpErrorCode.Unavailable, 'the Teams channel is not available; try again later');
      return;
    }
    await teams.process(req, res, log);
    if (res.statusCode === 401) log.warn({ status: 401 }, 'Teams activity refused: no valid Bot Framework token');
  });
  app.messengers.register({
    channel: 'teams',
    send: async (conversationRef: string, message: PersonMessage) =>
      (await runtime).messenger.send(conversationRef, message),
  });
  app.notifier.register({
    channel: 'teams',
    deliver: async (notification) => (await runtime).technicians.deliver(notification),
  });
  if (settings.anonymous) {
    app.logger.warn('Teams runs without authentication (TEAMS_ANONYMOUS=true): for local testing only');
  }
}

/**
 * Teams for a command that runs without the server (`guichet tickets take|resolve…`): the
 * messenger that writes to the person in their chat, and the technicians' channel whose cards are
 * updated, through the Bot Connector (continueConversation); nothing is received.
 */
export async function connectTeamsChannel(
  app: Guichet,
  settings: TeamsSettings,
  options: TeamsChannelOptions = {},
): Promise<void> {
  const { createTeamsRuntime } = await import('./runtime.js');
  const runtime = createTeamsRuntime(app, settings, options);
  app.messengers.register(runtime.messenger);
  app.notifier.register(runtime.technicians);
}

/** The Teams channel as a channel of `guichet start`, with its own options. */
export function createTeamsChannel(options: TeamsChannelOptions = {}): Channel {
  return {
    name: 'teams',
    enabled: (config) => config.channels.teams !== null,
    mount: (server, app, config) => {
      // enabled() said the settings are there; mounting without them is a wiring error.
      if (config.channels.teams === null) throw new Error('Teams is mounted without its settings');
      mountTeamsChannel(server, app, config.channels.teams, options);
    },
    connect: async (app, config) => {
      if (config.channels.teams !== null) await connectTeamsChannel(app, config.channels.teams, options);
    },
    notice: (config) =>
      config.channels.teams?.anonymous
        ? `teams:    ${TEAMS_PATH} without authentication (TEAMS_ANONYMOUS=true): for local testing only`
        : `teams:    ${TEAMS_PATH}`,
  };
}

/** Microsoft Teams: on when MicrosoftAppId is set, or TEAMS_ANONYMOUS=true for local testing. */
export const teamsChannel: Channel = createTeamsChannel();
