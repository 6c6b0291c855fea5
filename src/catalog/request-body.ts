// The request body of both operations, as the spec describes it (`#/components/requestBodies/SendOtpRequest`).
import { spec } from '../spec/document.ts';

const POINTER = '#/components/requestBodies/SendOtpRequest/x-max-body-bytes';

function readMaxBodyBytes(): number {
  const bodies = spec().components['requestBodies'] as Record<string, Record<string, unknown>> | undefined;
  const value = bodies?.['SendOtpRequest']?.['x-max-body-bytes'];
  if (!Number.isInteger(value) || (value as number) <= 0) throw new Error(`${POINTER}: must be a positive integer.`);
  return value as number;
}

/**
 * The largest body the operations are assumed to read (an assumption of the spec). The reference provider
 * enforces it, and the malformed-input scenarios call a body oversized only beyond it, so the suite never
 * calls a spec-valid body malformed.
 */
export const MAX_REQUEST_BODY_BYTES: number = readMaxBodyBytes();
