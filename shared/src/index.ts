export * from './inventory.js';
export * from './lenient-parse.js';
export * from './api.js';
export * from './clock.js';
export * from './retry.js';
export * from './roles.js';
// The web API's contract (requests and answers of the REST API) is `@parc/shared/api`, and its zod-free
// enums `@parc/shared/api/enums`: subpaths, so that the agent, which imports this index, does not carry them.
