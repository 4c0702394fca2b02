import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: 'POST' | 'PUT' | 'GET';
  conversationId: string;
  /** The activity replied to (POST …/activities/{replyToId}) or updated (PUT …/activities/{id}). */
  activityId?: string;
  /** GET …/members/{userId}. */
  memberId?: string;
  /** The activity sent, for POST and PUT. */
  body?: Record<string, unknown> & { type?: string; text?: string; attachments?: Attachment[]; id?: string };
  authorization?: string;
  /** The status the stand-in answered. */
  status: number;
}

export interface Attachment {
  contentType: string;
  content: {
    version?: string;
    body?: Record<string, unknown>[];
    actions?: { type: string; title: string; data: Record<string, unknown> }[];
  };
}

/** A Teams member as `GET /v3/conversations/{id}/members/{userId}` answers it. */
export interface TeamsMember {
  id: string;
  name: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
  userRole?: string;
}

/**
 * A local HTTP server standing in for the Bot Connector at the activity's serviceUrl: it records
 * every reply (`POST /v3/conversations/{id}/activities[/{replyToId}]`), update
 * (`PUT …/activities/{id}`) and member lookup (`GET …/members/{userId}`), answers as the connector
 * does, and can be told to fail the next calls.
 */
export class ConnectorStandIn {
  readonly calls: ConnectorCall[] = [];
  readonly members = new Map<string, TeamsMember>();
  private failures: { status: number; when: (call: ConnectorCall) => boolean; left: number }[] = [];
  private delays: { ms: number; when: (call: ConnectorCall) => boolean }[] = [];
  private server: Server | null = null;
  private sent = 0;
  serviceUrl = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.serviceUrl = `http://127.0.0.1:${port}/`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Makes the next `times` calls matching `when` fail with `status`. */
  failNext(times: number, status: number, when: (call: ConnectorCall) => boolean = () => true): void {
    this.failures.push({ status, when, left: times });
  }

  /** Makes every call matching `when` wait `ms` before it is answered (it is recorded when it arrives). */
  answerLate(ms: number, when: (call: ConnectorCall) => boolean): void {
    this.delays.push({ ms, when });
  }

  /** The activities posted (replies and messages), in order, without the typing indicators. */
  messages(): NonNullable<ConnectorCall['body']>[] {
    return this.calls
      .filter((call) => call.method === 'POST' && call.status < 300 && call.body?.type === 'message')
      .map((call) => call.body ?? {});
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://connector');
    const match = /^\/v3\/conversations\/([^/]+)\/(activities|members)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match) return { status: 404, body: { error: { code: 'NotFound', message: url.pathname } } };
    const [, conversation = '', kind, last] = match;
    const call: ConnectorCall = {
      method: req.method as ConnectorCall['method'],
      conversationId: decodeURIComponent(conversation),
      status: 200,
    };
    if (req.headers.authorization) call.authorization = req.headers.authorization;
    if (kind === 'members' && last) call.memberId = decodeURIComponent(last);
    if (kind === 'activities' && last) call.activityId = decodeURIComponent(last);
    if (raw) call.body = JSON.parse(raw) as NonNullable<ConnectorCall['body']>;
    // Recorded as it arrives; its status is filled in when it is answered.
    this.calls.push(call);
    const delay = this.delays.find((d) => d.when(call));
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay.ms));
    const failure = this.failures.find((f) => f.left > 0 && f.when(call));
    if (failure) {
      failure.left--;
      call.status = failure.status;
      return { status: failure.status, body: { error: { code: 'ServiceError', message: 'failing on purpose' } } };
    }
    if (kind === 'members') {
      const member = call.memberId ? this.members.get(call.memberId) : undefined;
      call.status = member ? 200 : 404;
      return member
        ? { status: 200, body: member }
        : {
            status: 404,
            body: { error: { code: 'MemberNotFoundInConversation', message: 'The member is not found' } },
          };
    }
    if (req.method === 'PUT') return { status: 200, body: { id: call.activityId } };
    this.sent++;
    return { status: 201, body: { id: `bot-activity-${this.sent}` } };
  }
}
