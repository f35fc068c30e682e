import { randomUUID } from 'node:crypto';
import type { AgentState } from './state/agent-state.js';

/**
 * The agent's own id: a UUID v4 made once and kept, so a reinstalled OS on the same disk, or a changed
 * hostname, stays the same agent. The server may assign another at enrollment; then that one is kept.
 */
export async function loadOrCreateAgentId(state: AgentState, now = new Date()): Promise<string> {
  const existing = await state.readIdentity();
  if (existing) return existing.agentId;
  const agentId = randomUUID();
  await state.write('identity', { agentId, createdAt: now.toISOString() });
  return agentId;
}

export async function saveAgentId(state: AgentState, agentId: string): Promise<void> {
  const existing = await state.readIdentity();
  if (existing?.agentId === agentId) return;
  await state.write('identity', { agentId, createdAt: new Date().toISOString() });
}
