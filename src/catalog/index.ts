export * from './operations.ts';
export * from './error-codes.ts';
export * from './fixture-states.ts';
export * from './provocations.ts';
export * from './request-body.ts';
export * from './assumptions.ts';
