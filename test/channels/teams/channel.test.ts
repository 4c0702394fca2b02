import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorCall } from './helpers/connector.js';
import { cardOf, cardText, LUCAS, startTeams, type TeamsUnderTest } from './helpers/harness.js';

let teams: TeamsUnderTest | undefined;
afterEach(async () => {
  await teams?.stop();
  teams = undefined;
});

async function started(options: Parameters<typeof startTeams>[0] = {}): Promise<TeamsUnderTest> {
  teams = await startTeams(options);
  return teams;
}

/** The replies posted in answer to one incoming activity, typing indicators left out. */
function repliesTo(t: TeamsUnderTest, activityId: unknown): ConnectorCall[] {
  return t.connector.calls.filter(
    (c) => c.method === 'POST' && c.activityId === activityId && c.body?.type === 'message' && c.status < 300,
  );
}

/** The id the stand-in connector gave a posted activity (it numbers them in order). */
function postedId(t: TeamsUnderTest, call: ConnectorCall): string {
  const posts = t.connector.calls.filter((c) => c.method === 'POST' && c.status < 300);
  return `bot-activity-${posts.indexOf(call) + 1}`;
}

/** Opens the conversation with the printer message and returns the first question card posted. */
async function firstQuestion(t: TeamsUnderTest): Promise<ConnectorCall> {
  const message = t.activity('message');
  expect((await t.post(message)).status).toBe(200);
  const question = repliesTo(t, message.id).find((c) => (cardOf(c.body)?.actions?.length ?? 0) > 0);
  if (!question) throw new Error('no question card');
  return question;
}

function submitOf(t: TeamsUnderTest, question: ConnectorCall, button = 0): Record<string, unknown> {
  const action = cardOf(question.body)?.actions?.[button];
  return t.activity('card-submit', { value: action?.data, replyToId: postedId(t, question) });
}

const warnings = (t: TeamsUnderTest) => t.logs.filter((l) => l.level === 40).map((l) => l.msg);
const errors = (t: TeamsUnderTest) => t.logs.filter((l) => l.level === 50).map((l) => l.msg);

describe('Teams retries and redeliveries', () => {
  it('handles the same activity id once: the redelivery gets 200 and no second answer', async () => {
    const t = await started();
    const message = t.activity('message');
    expect((await t.post(message)).status).toBe(200);
    const answered = t.connector.calls.length;
    expect(repliesTo(t, message.id)).toHaveLength(1);

    expect((await t.post(message)).status).toBe(200);
    expect(t.connector.calls).toHaveLength(answered);
    expect(t.logs.some((l) => l.msg === 'Teams activity already handled: ignored')).toBe(true);
  });

  it('answers a card clicked twice once: the second click is told it was already answered and changes nothing', async () => {
    const t = await started();
    const question = await firstQuestion(t);
    const click = submitOf(t, question);
    expect((await t.post(click)).status).toBe(200);
    const next = repliesTo(t, click.id);
    expect(next.length).toBeGreaterThan(0);
    const nextPrompt = cardText(cardOf(next.at(-1)?.body));

    const again = submitOf(t, question, 1);
    expect((await t.post(again)).status).toBe(200);
    expect(repliesTo(t, again.id).map((c) => c.body?.text)).toEqual([
      'Vous avez déjà répondu à cette question : je garde votre première réponse.',
    ]);
    expect(t.connector.calls.filter((c) => c.method === 'PUT')).toHaveLength(1);

    // The conversation is where the first click left it: at the summary, the title kept.
    expect(nextPrompt).toContain('Je récapitule');
    const summary = next.at(-1);
    if (!summary) throw new Error('no summary card');
    await t.post(submitOf(t, summary));
    const [ticket] = await t.app.store.listTickets();
    expect(ticket?.title).toBe("Mon imprimante n'imprime plus");
  });

  it('retries a reply the connector refuses once, and logs it', async () => {
    const t = await started();
    t.connector.failNext(1, 503, (call) => call.method === 'POST' && call.body?.type === 'message');
    const message = t.activity('message');
    expect((await t.post(message)).status).toBe(200);
    const attempts = t.connector.calls.filter((c) => c.method === 'POST' && c.body?.type === 'message');
    expect(attempts.map((c) => c.status)).toEqual([503, 200]);
    expect(warnings(t)).toContain('the Teams connector refused a reply: retrying once');
  });

  it('never loses the turn when the reply is refused twice: the next message continues the conversation', async () => {
    const t = await started();
    t.connector.failNext(2, 500, (call) => call.method === 'POST' && call.body?.type === 'message');
    const message = t.activity('message');
    expect((await t.post(message)).status).toBe(200);
    expect(errors(t)).toContain('the Teams connector refused a reply twice: it is lost');
    expect(repliesTo(t, message.id)).toHaveLength(0);

    // The engine kept the description: "oui" now accepts the proposed title.
    const next = t.activity('message', { text: 'oui' });
    await t.post(next);
    expect(cardText(cardOf(repliesTo(t, next.id).at(-1)?.body))).toContain('Je récapitule');
  });
});

describe('a failing store', () => {
  it('makes the bot say it cannot answer now, and logs why', async () => {
    const t = await started();
    await t.app.store.close();
    const message = t.activity('message');
    expect((await t.post(message)).status).toBe(200);
    const [reply] = repliesTo(t, message.id);
    expect(reply?.body?.text).toMatch(/^Désolé, un problème technique m'empêche de vous répondre/);
    expect(errors(t)).toContain('the Teams delivery could not be recorded; handling it anyway');
    expect(errors(t)).toContain('the turn could not be handled');
  });
});

describe('who is writing in Teams', () => {
  it('recognises a contact by chatIds.teams without asking the connector', async () => {
    const t = await started();
    const update = t.activity('conversation-update', { from: { id: '29:durand-marie' } });
    await t.post(update);
    expect(repliesTo(t, update.id)[0]?.body?.text).toMatch(/^Bonjour Marie Lefèvre/);
    expect(t.connector.calls.some((c) => c.method === 'GET')).toBe(false);
  });

  it('asks for the company when the member lookup fails, and logs why', async () => {
    const t = await started();
    t.connector.members.clear();
    const message = t.activity('message');
    expect((await t.post(message)).status).toBe(200);
    expect(t.connector.calls.find((c) => c.method === 'GET')).toMatchObject({ memberId: LUCAS.id, status: 404 });
    expect(warnings(t)).toContain('the Teams member lookup failed: Guichet will ask who is writing');
    const texts = repliesTo(t, message.id).map((c) => c.body?.text ?? cardText(cardOf(c.body)));
    expect(texts.join('\n')).toContain('Pour quelle entreprise travaillez-vous ?');
  });
});

describe('Teams channels, invokes and the typing indicator', () => {
  it('answers a mention in a team channel in its reply chain, without the mention in the text', async () => {
    const t = await started();
    t.connector.members.set('29:1Mq3TzW8rB5nYkP0cV7xHs2dJ9gL4fA6eU1iO-oNbRtEyKwZjXmQvCaSpGuDhIlF', {
      id: '29:1Mq3TzW8rB5nYkP0cV7xHs2dJ9gL4fA6eU1iO-oNbRtEyKwZjXmQvCaSpGuDhIlF',
      name: 'Marie Lefèvre',
      email: 'marie.lefevre@transports-durand.fr',
    });
    const mention = t.activity('channel-mention');
    expect((await t.post(mention)).status).toBe(200);
    const replies = repliesTo(t, mention.id);
    expect(replies.length).toBeGreaterThan(0);
    // The thread's conversation id (";messageid=") is the reply chain of the message.
    expect(replies.every((c) => c.conversationId === (mention.conversation as { id: string }).id)).toBe(true);
    // The member of a team is looked up in the team.
    expect(t.connector.calls.find((c) => c.method === 'GET')?.conversationId).toBe(
      '19:Hc8Jd2Kf5Lg9Mh3Nj7Pk1Ql4Rm6Sn0Tp@thread.tacv2',
    );
    const said = replies.map((c) => c.body?.text ?? cardText(cardOf(c.body))).join('\n');
    expect(said).toContain('« Le téléphone de l');
    expect(said).not.toContain('Guichet</at>');
  });

  /** The types of what was posted in reply to one activity, in the order the connector received them. */
  function postedTo(t: TeamsUnderTest, activityId: unknown): (string | undefined)[] {
    return t.connector.calls.filter((c) => c.method === 'POST' && c.activityId === activityId).map((c) => c.body?.type);
  }

  it('sends no typing indicator when the turn answers before the delay: the answer is the one call', async () => {
    const t = await started({ typingDelayMs: 10_000 });
    const message = t.activity('message');
    expect((await t.post(message)).status).toBe(200);
    expect(postedTo(t, message.id)).toEqual(['message']);
  });

  it('sends the typing indicator, renewed, before the answer of a turn that runs past the delay', async () => {
    const t = await started({ typingDelayMs: 20, typingPeriodMs: 60 });
    // The member lookup takes 400 ms: the turn waits for it before the engine can answer.
    t.connector.answerLate(400, (call) => call.method === 'GET');
    const message = t.activity('message');
    expect((await t.post(message)).status).toBe(200);
    const posted = postedTo(t, message.id);
    expect(posted.at(-1)).toBe('message');
    const before = posted.slice(0, -1);
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(before.every((type) => type === 'typing')).toBe(true);
    // Nothing is sent once the answer is out: the indicator stopped with the turn.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(postedTo(t, message.id)).toEqual(posted);
  });

  it('with a delay of 0 sends the typing indicator at the start of every turn, before its answer', async () => {
    const t = await started({ typingDelayMs: 0 });
    const message = t.activity('message');
    expect((await t.post(message)).status).toBe(200);
    expect(postedTo(t, message.id)).toEqual(['typing', 'message']);
  });

  it('stays silent in a channel when it is not mentioned', async () => {
    const t = await started();
    const chatter = t.activity('channel-mention', { text: 'le téléphone de l’accueil ne sonne plus', entities: [] });
    expect((await t.post(chatter)).status).toBe(200);
    expect(t.connector.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('answers an adaptiveCard/action invoke with the answered card, and goes on with the intake', async () => {
    const t = await started();
    const question = await firstQuestion(t);
    const action = cardOf(question.body)?.actions?.[0];
    const invoke = t.activity('invoke', {
      replyToId: postedId(t, question),
      value: {
        action: { type: 'Action.Execute', verb: 'choice', title: action?.title, data: action?.data },
        trigger: 'manual',
      },
    });
    const response = await t.post(invoke);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      statusCode: number;
      type: string;
      value: { body: { text: string }[]; actions?: unknown };
    };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(body.value.actions).toBeUndefined();
    expect(body.value.body.map((b) => b.text).join('\n')).toContain(`Votre réponse : ${action?.title}`);
    expect(cardText(cardOf(repliesTo(t, invoke.id).at(-1)?.body))).toContain('Je récapitule');
  });

  it('answers 501 to an invoke it does not implement', async () => {
    const t = await started();
    const response = await t.post(t.activity('invoke', { name: 'composeExtension/query', value: {} }));
    expect(response.status).toBe(501);
  });

  it('accepts an activity above the server-wide 20 KiB limit on /api/messages only', async () => {
    const t = await started();
    const long = t.activity('message', {
      text: `mon imprimante n'imprime plus. ${'Détail du problème. '.repeat(2_000)}`,
    });
    expect(JSON.stringify(long).length).toBeGreaterThan(30 * 1024);
    expect((await t.post(long)).status).toBe(200);
    const web = await fetch(`${t.base}/api/web/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: 'web-conversation-1', text: 'x'.repeat(30 * 1024) }),
    });
    expect(web.status).toBe(413);
  });
});

describe('bad input on /api/messages', () => {
  it('answers 400 with a log line to a payload that is not an activity', async () => {
    const t = await started();
    const response = await t.post({ type: 'message', text: 'bonjour' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('guichet_invalid_input');
    expect(body.message).toMatch(/serviceUrl/);
    expect(body.message).toMatch(/conversation/);
    expect(
      t.logs.some((l) => l.level === 40 && l.status === 400 && String(l.msg).includes('not a Bot Framework activity')),
    ).toBe(true);
    expect(t.connector.calls).toHaveLength(0);
  });

  it('answers 400 to malformed JSON and to a message without an id', async () => {
    const t = await started();
    expect((await t.post('{"type": "message",')).status).toBe(400);
    const { id: _id, ...withoutId } = t.activity('message');
    const response = await t.post(withoutId);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/^not a Bot Framework activity: id:/);
  });

  it('answers 400 to a serviceUrl that is not http(s)', async () => {
    const t = await started();
    const response = await t.post(t.activity('message', { serviceUrl: 'file:///etc/passwd' }));
    expect(response.status).toBe(400);
    expect(t.connector.calls).toHaveLength(0);
  });
});

describe('Teams with an app id', () => {
  const env = {
    MicrosoftAppId: '3f9a1c7e-5b2d-4a8f-9e6c-1d0b7a4c2e8f',
    MicrosoftAppPassword: 'a-client-secret',
    MicrosoftAppTenantId: '9b2f6c4e-1a3d-4e5f-8c7b-2d1e0f9a8b7c',
  };

  it('refuses a request without a Bot Framework token with 401, logs it and answers nothing', async () => {
    const t = await started({ env });
    const response = await t.post(t.activity('message'));
    expect(response.status).toBe(401);
    expect(warnings(t)).toContain('Teams activity refused: no valid Bot Framework token');
    expect(t.connector.calls).toHaveLength(0);
    expect(await t.app.store.listTickets()).toHaveLength(0);
  });

  it('refuses a token that is not a JSON web token with 401', async () => {
    const t = await started({ env });
    const response = await t.post(t.activity('message'), { authorization: 'Bearer not-a-token' });
    expect(response.status).toBe(401);
    expect(t.connector.calls).toHaveLength(0);
  });
});
