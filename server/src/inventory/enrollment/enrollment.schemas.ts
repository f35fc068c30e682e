// Shared with the web client: shared/src/api/enrollment.ts.
export { createdTokenSchema, createTokenBodySchema, tokenListSchema, tokenSchema } from '@parc/shared/api';
