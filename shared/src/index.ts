export * from './inventory.js';
export * from './lenient-parse.js';
export * from './api.js';
export * from './clock.js';
export * from './retry.js';
export * from './roles.js';
export * from './api/software.js';
export * from './api/licences.js';
