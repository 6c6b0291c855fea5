// HTTP Basic (RFC 7617): the one encoding of `user:password` that the client, the configuration's secret list,
// the pact verification and the tools all use.

export interface BasicCredentials {
  username: string;
  password: string;
}

/** base64 of `username:password` in UTF-8. */
export function basicToken(credentials: BasicCredentials): string {
  return Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64');
}

/** The `Authorization` header value. */
export function basicAuthorization(credentials: BasicCredentials): string {
  return `Basic ${basicToken(credentials)}`;
}
