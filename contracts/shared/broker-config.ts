// The broker's location and credentials (PACT_BROKER_BASE_URL, PACT_BROKER_TOKEN, PACT_BROKER_USERNAME,
// PACT_BROKER_PASSWORD), read once for every step that talks to a broker: publish, can-i-deploy,
// record-deployment and verify. The URL follows the suite's one base-URL rule (src/net): no userinfo, and plain
// http only to a loopback broker, since the token or password would travel in clear. No error ever echoes the
// URL, which may carry a password.
import { checkBaseUrl, baseUrlText, type BaseUrlProblem } from '../../src/net/base-url.ts';
import { ConfigError } from '../../src/input/index.ts';

export type BrokerAuth = { token: string } | { username: string; password: string };

export interface BrokerConfig {
  /** Without a trailing slash; never with userinfo. */
  url: string;
  auth?: BrokerAuth;
}

type Env = Readonly<Record<string, string | undefined>>;

const URL_VARIABLE = 'PACT_BROKER_BASE_URL';

const PROBLEMS: Record<BaseUrlProblem, string> = {
  'not-a-url': 'is not a valid URL',
  scheme: 'must be an http or https URL',
  userinfo: 'must not carry a user or password (set PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD, or PACT_BROKER_TOKEN)',
  'query-or-fragment': 'must not have a query or fragment',
  'plain-http-remote': 'must use https for a broker that is not on this machine (the token or password would travel in clear)',
};

function auth(env: Env): BrokerAuth | undefined {
  const token = env['PACT_BROKER_TOKEN'];
  const username = env['PACT_BROKER_USERNAME'];
  const password = env['PACT_BROKER_PASSWORD'];
  if (token) return { token };
  if (username && !password) throw new ConfigError('PACT_BROKER_USERNAME', 'is set without PACT_BROKER_PASSWORD');
  if (password && !username) throw new ConfigError('PACT_BROKER_PASSWORD', 'is set without PACT_BROKER_USERNAME');
  return username && password ? { username, password } : undefined;
}

/**
 * The broker, or undefined when PACT_BROKER_BASE_URL is unset or blank.
 * @throws ConfigError naming the variable, without its value.
 */
export function brokerFrom(env: Env): BrokerConfig | undefined {
  const raw = env[URL_VARIABLE]?.trim();
  if (!raw) return undefined;
  const checked = checkBaseUrl(raw);
  if (!checked.ok) throw new ConfigError(URL_VARIABLE, PROBLEMS[checked.problem]);
  const credentials = auth(env);
  return { url: baseUrlText(checked.url), ...(credentials ? { auth: credentials } : {}) };
}

/** @throws ConfigError when no broker is configured, or it is configured wrongly. */
export function requireBroker(env: Env): BrokerConfig {
  const broker = brokerFrom(env);
  if (!broker) throw new ConfigError(URL_VARIABLE, "is not set: the broker workflow needs the broker's URL");
  return broker;
}

/** Every secret of the broker configuration, for the redactor. */
export function brokerSecrets(broker: BrokerConfig | undefined): string[] {
  if (!broker?.auth) return [];
  return 'token' in broker.auth ? [broker.auth.token] : [broker.auth.password];
}
