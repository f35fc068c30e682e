import { log } from './log.js';
import type { AgentState } from './state/agent-state.js';
import type { HttpClient } from './transport/client.js';
import { requestNewKey } from './transport/rekey.js';

/**
 * An administrator asked this agent to change its key (the server answered `rekey_required`): get a new
 * key with the current one and keep it. Until the new key is first used the old one still works, so a
 * crash between the answer and the write only means asking again next time.
 */
export async function rotateKey(state: AgentState, client: HttpClient, agentKey: string): Promise<string> {
  const { agentKey: fresh } = await requestNewKey(client, agentKey);
  await state.writeKey(fresh);
  log.info('the server asked for a new agent key; rotated it (the old key stops working at the next upload)');
  return fresh;
}
