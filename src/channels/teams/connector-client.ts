import { ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';

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

type Claims = Parameters<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>[0];
type Factory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type Client = Awaited<ReturnType<Factory['create']>>;
type TokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** The most clients kept: Teams answers from a few regional service URLs; a stray one cannot grow the cache. */
const MAX_CLIENTS = 64;

/** Which bot the claims of a turn are for (their audience, or the app id of a skill's caller). */
function botOf(claims: Claims): string {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? claims.getClaimValue('azp') ?? '';
}

/** Keeps at most MAX_CLIENTS entries, the oldest forgotten first; a promise that fails is forgotten. */
function remembered<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const known = cache.get(key);
  if (known) return known;
  if (cache.size >= MAX_CLIENTS) cache.delete(cache.keys().next().value ?? '');
  const made = make();
  cache.set(key, made);
  made.catch(() => {
    if (cache.get(key) === made) cache.delete(key);
  });
  return made;
}

/**
 * The Bot Framework authentication of the settings, whose connector clients (one per bot, service
 * URL and audience) and user token clients (one per bot) are made once and used for every turn and
 * proactive message after, instead of a new client with its HTTP pipeline (about a dozen policies)
 * and credentials for each activity, as botbuilder does. The clients hold no state of a turn: the
 * credentials cache their token, the pipeline keeps its kept-alive sockets.
 */
export class ReusedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<Client>>();
  private readonly tokenClients = new Map<string, Promise<TokenClient>>();

  override async authenticateRequest(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
  ): ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']> {
    const result = await super.authenticateRequest(...args);
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) };
  }

  override createConnectorFactory(claims: Claims): Factory {
    return this.reusing(super.createConnectorFactory(claims), claims);
  }

  override createUserTokenClient(claims: Claims): Promise<TokenClient> {
    return remembered(this.tokenClients, botOf(claims), () => super.createUserTokenClient(claims));
  }

  private reusing(factory: Factory, claims: Claims): Factory {
    const bot = botOf(claims);
    return {
      create: (serviceUrl: string, audience?: string) =>
        remembered(this.clients, JSON.stringify([bot, serviceUrl, audience ?? null]), () =>
          factory.create(serviceUrl, audience),
        ),
    };
  }
}
