// The values a provider state hands to the verifier (`fromProviderState('${name}', example)`), so one pact
// verifies against any environment with that environment's holders. The consumer's interactions name them;
// the verification's state handlers return them.

/**
 * Holder states return the holder's `certIdOtp` and `deviceCode` plus a random `unknownDeviceCode`; the
 * `no holder` state returns only values no environment knows, and the wrong credentials and on-behalf-of to send.
 */
export const STATE_VALUES = {
  holder: ['certIdOtp', 'deviceCode', 'unknownDeviceCode'],
  noHolder: ['unknownCertIdOtp', 'unknownDeviceCode', 'wrongAuthorization', 'invalidOnBehalfOf'],
} as const;
export type HolderValue = (typeof STATE_VALUES.holder)[number];
export type NoHolderValue = (typeof STATE_VALUES.noHolder)[number];
export type StateValue = HolderValue | NoHolderValue;
