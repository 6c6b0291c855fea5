// A usage error of the client (a bad option), kept apart from any outcome of a request: it means "could not
// test", never "the API is wrong". Messages name the option and the rule, and never carry its value, since the
// value may be a password or key material.
export class ClientOptionsError extends Error {
  override readonly name = 'ClientOptionsError';
  readonly code = 'LEAN_CLIENT_OPTIONS';

  constructor(
    /** Dotted name of the offending option, e.g. `tls.key`. */
    readonly option: string,
    rule: string,
  ) {
    super(`Client option ${option}: ${rule}`);
  }
}
