import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { findIdentity } from '../../dialogs/accounts.js';
import type { Accounts } from '../../policy/schema.js';

/** Members looked up are remembered for this many Teams users per instance (oldest forgotten first). */
const MAX_REMEMBERED = 5_000;

/**
 * Who is writing, as the accounts file can recognise it. A contact whose `chatIds.teams` is the
 * user's Entra object id or their 29: id is known at once; otherwise the member's e-mail is read
 * from the connector (`TeamsInfo.getMember`) and remembered. A failed lookup is logged and the
 * turn goes on without an identity: the intake then asks for the company and the name.
 */
export class TeamsMembers {
  private readonly emails = new Map<string, string | null>();

  constructor(
    private readonly accounts: Accounts,
    private readonly logger: Logger,
  ) {}

  /** The channel identity to give the engine (a chat id or an e-mail), or undefined when unknown. */
  async userIdOf(context: TurnContext): Promise<string | undefined> {
    const from = context.activity.from;
    for (const id of [from.aadObjectId, from.id]) {
      if (id && findIdentity(this.accounts, id)) return id;
    }
    const remembered = this.emails.get(from.id);
    if (remembered !== undefined) return remembered ?? undefined;
    try {
      const member = await TeamsInfo.getMember(context, from.id);
      const email = (member.email ?? member.userPrincipalName ?? '').trim() || null;
      this.remember(from.id, email);
      return email ?? undefined;
    } catch (error) {
      this.logger.warn(
        { err: error, user: from.id, conversation: context.activity.conversation.id },
        'the Teams member lookup failed: Guichet will ask who is writing',
      );
      return undefined;
    }
  }

  private remember(userId: string, email: string | null): void {
    if (this.emails.size >= MAX_REMEMBERED) {
      const oldest = this.emails.keys().next().value;
      if (oldest !== undefined) this.emails.delete(oldest);
    }
    this.emails.set(userId, email);
  }
}
