export * from './api.js';
export * from './route.js';
export * from './stage.js';
export * from './integration.js';
export * from './authorizer.js';
export * from './usage-plan.js';
export * from './api-key.js';
