import { access } from 'node:fs/promises';
import { hostname } from 'node:os';
import { collectInventory } from '../../collectors/collect.js';
import { configSchema, pinSchema, serverUrlSchema } from '../../config.js';
import { hardwareIds } from '../../hardware-ids.js';
import { loadOrCreateAgentId, saveAgentId } from '../../identity.js';
import { log } from '../../log.js';
import { StateError, type AgentState } from '../../state/agent-state.js';
import { withLock } from '../../state/lock.js';
import { createClient } from '../../transport/client.js';
import { enrollWithRecovery } from '../../transport/enroll.js';
import { wirePlatform } from '../../util/platform.js';
import { AGENT_VERSION } from '../../version.js';
import { EXIT, UsageError } from '../errors.js';

export interface EnrollOptions {
  server?: string;
  token?: string;
  ca?: string;
  pin?: string;
}

export async function enrollCommand(state: AgentState, opts: EnrollOptions): Promise<number> {
  if (!opts.server) throw new UsageError('enroll needs --server URL');
  if (!opts.token) throw new UsageError('enroll needs --token TOKEN');
  const server = serverUrlSchema.safeParse(opts.server);
  if (!server.success) throw new UsageError(`--server ${server.error.issues[0]?.message}`);
  const pin = opts.pin === undefined ? undefined : pinSchema.safeParse(opts.pin);
  if (pin && !pin.success) throw new UsageError(`--pin ${pin.error.issues[0]?.message}`);
  if (opts.ca) await access(opts.ca).catch(() => Promise.reject(new UsageError(`--ca ${opts.ca}: file not readable`)));
  if (pin?.success && !server.data.startsWith('https:')) throw new UsageError('--pin needs an https:// server');

  await state.ensureDir();
  return withLock(state.file('lock'), async () => {
    // Keep the admin's tunables from an earlier enrollment; a damaged config is simply replaced.
    const previous = await state.read('config', configSchema);
    const kept = previous.status === 'ok' ? previous.value : {};
    const config = configSchema.parse({ ...kept, server: server.data, ca: opts.ca, pin: pin?.success ? pin.data : undefined });

    const agentId = await loadOrCreateAgentId(state);
    const { inventory } = await collectInventory({
      agentId,
      sections: ['hardware', 'networks'],
      timeoutMs: config.collectorTimeoutMs,
    });
    const ids = hardwareIds(inventory.hardware, inventory.networks);
    const client = await createClient({ server: config.server, ca: config.ca, pin: config.pin, timeoutMs: config.httpTimeoutMs });
    // The key this machine holds for this same server proves the agent id is its own (sent nowhere else).
    const agentKey = previous.status === 'ok' && previous.value.server === config.server ? await state.readKey().catch((e: unknown) => (e instanceof StateError ? undefined : Promise.reject(e))) : undefined;
    const { response: answer, replaced } = await enrollWithRecovery(client, {
      enrollmentToken: opts.token!,
      hostname: hostname(),
      agentId,
      serial: ids.serial,
      uuid: ids.uuid,
      macs: ids.macs,
      platform: wirePlatform(process.platform),
      agentVersion: AGENT_VERSION,
    }, agentKey);

    await state.writeConfig(config);
    await state.writeKey(answer.agentKey);
    await saveAgentId(state, answer.agentId);
    // A new enrollment may be a new device record on the server: start over with a full inventory.
    await state.remove('baseline');
    await state.remove('spool');
    await state.updateStatus({ reenrollRequired: false });
    log.info('enrolled', { server: config.server, agentId: answer.agentId });
    if (replaced) {
      console.warn(
        replaced.code === 'agent_revoked'
          ? `agent id ${replaced.agentId} was revoked by an administrator; this machine enrolled as a new agent.`
          : `agent id ${replaced.agentId} belongs to another enrolled agent on the server; this machine enrolled as a new agent. If this machine really was that agent (it lost its key), an administrator can revoke agent ${replaced.agentId} on the Agents page.`,
      );
    }
    console.log(`enrolled with ${config.server} as agent ${answer.agentId}; state in ${state.dir}`);
    return EXIT.ok;
  });
}
