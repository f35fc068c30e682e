/** Kept in step with agent/package.json by the release script; a constant survives bundling. */
export const AGENT_VERSION = '0.1.0';
