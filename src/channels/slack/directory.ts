import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { findIdentity } from '../../dialogs/accounts.js';
import type { Accounts } from '../../policy/schema.js';
import { trySlack } from './slack-api.js';

/** How long a Slack profile's e-mail is trusted before `users.info` is asked again. */
const CACHE_MS = 60 * 60 * 1000;
/** The most profiles kept, so a large workspace cannot grow the cache without end. */
const CACHE_MAX = 10_000;

/**
 * Who is writing, as the engine's `Turn.userId`: the Slack user id when a contact of the accounts
 * file has it as `chatIds.slack`, otherwise the e-mail of their Slack profile (`users.info`, scope
 * `users:read.email`), which the accounts file may know. Profiles are cached for an hour; a failed
 * lookup is not cached and gives the Slack id, so Guichet asks for the company and the name.
 */
export class SlackDirectory {
  private readonly cache = new Map<string, { email: string | null; at: number }>();

  constructor(
    private readonly accounts: Accounts,
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async userIdOf(slackUser: string): Promise<string> {
    if (findIdentity(this.accounts, slackUser)) return slackUser;
    const email = await this.emailOf(slackUser);
    return email ?? slackUser;
  }

  private async emailOf(slackUser: string): Promise<string | null> {
    const cached = this.cache.get(slackUser);
    if (cached && this.now() - cached.at < CACHE_MS) return cached.email;
    const info = await trySlack(this.logger, 'users.info', () => this.client.users.info({ user: slackUser }));
    if (!info) return null;
    const email = info.user?.profile?.email ?? null;
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value ?? '');
    this.cache.set(slackUser, { email, at: this.now() });
    return email;
  }
}
