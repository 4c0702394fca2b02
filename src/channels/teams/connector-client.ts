import type { TurnContext } from 'botbuilder';

/** The part of botframework-connector's client that holds its HTTP pipeline (@azure/core-client). */
interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { phase: 'Retry' }): unknown } };
}

/**
 * Takes the retry policies out of the turn's connector client. Its HTTP pipeline
 * (@azure/core-rest-pipeline's default, which botframework-connector gives no option to change)
 * retries a refused reply three times with an exponential pause, without a log line; Guichet
 * retries once itself (`deliver`) and logs each refusal, so a reply is tried at most twice and the
 * answer to the connector stays well within its 15-second limit.
 */
export function withoutBuiltInRetries(context: TurnContext): void {
  const connector = context.turnState.get(context.adapter.ConnectorClientKey) as PipelineHolder | undefined;
  connector?.client?.pipeline?.removePolicy({ phase: 'Retry' });
}
