import { randomBytes } from 'node:crypto';

/** A value no target can know: used for unknown certIdOtp, wrong deviceCode, wrong passwords. */
export function randomId(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}
