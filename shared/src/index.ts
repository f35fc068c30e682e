export * from './inventory.js';
export * from './lenient-parse.js';
export * from './api.js';
