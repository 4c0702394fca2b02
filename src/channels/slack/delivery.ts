/**
 * The key under which a Slack delivery is claimed in the store (`claimInbound`), so that it is
 * handled once: an event by its `event_id` (the same on every retry, `X-Slack-Retry-Num`), a
 * click by the message it was made on (its buttons are replaced once one is clicked, so any
 * second click on the same message is a double), a modal by its view, a slash command by its
 * trigger. Null for what carries no such id; it is then handled every time.
 */
export function deliveryKey(body: Record<string, unknown>): string | null {
  const b = body as {
    type?: string;
    event_id?: string;
    command?: string;
    trigger_id?: string;
    container?: { type?: string; channel_id?: string; message_ts?: string; view_id?: string };
    actions?: { action_id?: string; action_ts?: string }[];
    view?: { id?: string; hash?: string };
  };
  if (b.type === 'event_callback' && b.event_id) return `event:${b.event_id}`;
  if (b.type === 'block_actions') {
    const first = b.actions?.[0] as { action_id?: string; action_ts?: string } | undefined;
    // A technician's message keeps its buttons across actions (take, then reply, then resolve):
    // each click is its own, by its instant; `press` is idempotent on it besides.
    if (first?.action_id?.startsWith('guichet_tech_') && b.container?.channel_id && first.action_ts)
      return `action:${b.container.channel_id}:${b.container.message_ts ?? ''}:${first.action_id}:${first.action_ts}`;
    if (b.container?.type === 'message' && b.container.channel_id && b.container.message_ts)
      return `action:${b.container.channel_id}:${b.container.message_ts}`;
    const action = b.actions?.[0];
    // A button of the Home tab stays where it is: each click is its own, by its instant.
    if (b.container?.view_id && action?.action_ts)
      return `action:${b.container.view_id}:${action.action_id}:${action.action_ts}`;
    return null;
  }
  if (b.type === 'view_submission' && b.view?.id) return `view:${b.view.id}:${b.view.hash ?? ''}`;
  if (typeof b.command === 'string' && b.trigger_id) return `command:${b.trigger_id}`;
  return null;
}
