// HTTP Basic authentication and the users the provider knows. The vendor answers auth failures with HTTP 500
// and a code, never 401/403 (api-facts.md, "Authentication"); decide.ts turns these results into that answer.
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { OPERATION_IDS, type OperationId } from '../catalog/index.ts';
import type { ProviderUser } from './types.ts';

export const DEFAULT_USERNAME = 'lean-reference';
export const LIMITED_USERNAME = 'lean-reference-limited';
export const DEFAULT_ON_BEHALF_OF: readonly string[] = ['reference-operator'];

/** Passwords are random per start, so no credential of the reference provider is ever written down. */
function newPassword(): string {
  return randomBytes(18).toString('base64url');
}

/** One user allowed every operation, one allowed only the standard `sendOtp`. */
export function defaultUsers(): ProviderUser[] {
  return [
    { username: DEFAULT_USERNAME, password: newPassword(), operations: [...OPERATION_IDS] },
    { username: LIMITED_USERNAME, password: newPassword(), operations: ['sendOtp'] },
  ];
}

export function parseBasic(header: string | undefined): { username: string; password: string } | null {
  const match = /^basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** SHA-256 of a secret: digests have one length, so comparing them takes the same time whatever was given. */
function digest(secret: string): Buffer {
  return hash('sha256', secret, 'buffer');
}

// The digest of each user's password, computed once instead of on every request. It remembers the password it
// was computed from, so a caller that changes a user's password later is still checked against the new one.
const passwordDigests = new WeakMap<ProviderUser, { password: string; digest: Buffer }>();

function passwordDigest(user: ProviderUser): Buffer {
  const known = passwordDigests.get(user);
  if (known?.password === user.password) return known.digest;
  const computed = { password: user.password, digest: digest(user.password) };
  passwordDigests.set(user, computed);
  return computed.digest;
}

/** Compares digests so the comparison takes the same time whatever the lengths and the first difference. */
function rightPassword(user: ProviderUser, given: string): boolean {
  return timingSafeEqual(passwordDigest(user), digest(given));
}

export type AuthResult =
  | { readonly kind: 'ok'; readonly user: ProviderUser }
  | { readonly kind: 'badCredentials' }
  | { readonly kind: 'notAllowed'; readonly user: ProviderUser };

export function authenticate(
  header: string | undefined,
  users: readonly ProviderUser[],
  operation: OperationId,
): AuthResult {
  const given = parseBasic(header);
  const user = given ? users.find((u) => u.username === given.username) : undefined;
  if (!given || !user || !rightPassword(user, given.password)) return { kind: 'badCredentials' };
  if (!user.operations.includes(operation)) return { kind: 'notAllowed', user };
  return { kind: 'ok', user };
}
