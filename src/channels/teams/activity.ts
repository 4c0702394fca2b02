import { z } from 'zod';

/**
 * The part of an incoming Bot Framework activity Guichet reads, checked before the adapter sees
 * it: an activity without an address to answer (serviceUrl, conversation, from) or a message
 * without an id (needed to handle a redelivery once) gets 400 instead of failing mid-turn.
 * Everything else the platform sends is kept as it is (loose objects).
 */
const channelAccount = z.looseObject({
  id: z.string().min(1).max(300),
  name: z.string().max(500).optional(),
  aadObjectId: z.string().max(100).optional(),
});

export const incomingActivity = z
  .looseObject({
    type: z.string().min(1).max(64),
    id: z.string().min(1).max(300).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.url({ protocol: /^https?$/, error: 'serviceUrl must be an http(s) URL' }),
    from: channelAccount,
    recipient: channelAccount,
    conversation: z.looseObject({
      // Teams conversation ids run to about 200 characters (a channel thread adds ";messageid=…").
      id: z.string().min(1).max(300),
      conversationType: z.string().max(32).optional(),
      tenantId: z.string().max(100).optional(),
    }),
    text: z.string().optional(),
    replyToId: z.string().max(300).optional(),
    name: z.string().max(200).optional(),
    membersAdded: z.array(channelAccount).optional(),
  })
  .refine((activity) => !['message', 'invoke'].includes(activity.type) || activity.id !== undefined, {
    message: 'a message or invoke activity needs its "id"',
    path: ['id'],
  });
export type IncomingActivity = z.infer<typeof incomingActivity>;

/** One line naming each wrong field and what was expected, for the 400 answer and its log line. */
export function describeActivityIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}
