import { randomUUID } from 'node:crypto';
import { collectInventory } from '../../collectors/collect.js';
import { configSchema } from '../../config.js';
import { writeFileAtomic } from '../../state/atomic-write.js';
import { identitySchema } from '../../state/agent-state.js';
import type { AgentState } from '../../state/agent-state.js';
import { CliError, EXIT } from '../errors.js';

/** Collects and prints (or writes) the full inventory; read-only, works before enrollment. */
export async function inventoryCommand(state: AgentState, opts: { output?: string; timeoutMs?: number }): Promise<number> {
  // A diagnostic command: damaged state files must not stop it, they only lose the id and tunables.
  const identity = await state.read('identity', identitySchema);
  const config = await state.read('config', configSchema);
  const { inventory } = await collectInventory({
    // Before enrollment there is no id yet; a throwaway one keeps the output valid without writing state.
    agentId: identity.status === 'ok' ? identity.value.agentId : randomUUID(),
    timeoutMs: opts.timeoutMs ?? (config.status === 'ok' ? config.value.collectorTimeoutMs : undefined),
  });
  const json = JSON.stringify(inventory, null, 2) + '\n';
  if (!opts.output) {
    process.stdout.write(json);
    return EXIT.ok;
  }
  try {
    await writeFileAtomic(opts.output, json, 0o644);
  } catch (e) {
    throw new CliError(`cannot write ${opts.output}: ${(e as Error).message}`, EXIT.failure);
  }
  console.error(`inventory written to ${opts.output}`);
  return EXIT.ok;
}
