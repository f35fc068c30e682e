import type { AgentState } from '../../state/agent-state.js';
import { EXIT } from '../errors.js';

const gib = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GiB`;

export async function statusCommand(state: AgentState, opts: { json?: boolean }): Promise<number> {
  const config = await state.readConfig();
  const identity = await state.readIdentity();
  const key = await state.readKey();
  const status = await state.readStatus();
  const enrolled = !!(config && identity && key);
  if (opts.json) {
    console.log(JSON.stringify({ stateDir: state.dir, enrolled, server: config?.server, agentId: identity?.agentId, ...status }, null, 2));
    return enrolled ? EXIT.ok : EXIT.notEnrolled;
  }
  const lines = [`state folder:    ${state.dir}`];
  lines.push(enrolled ? `server:          ${config!.server} (agent ${identity!.agentId})` : 'enrolled:        no (run `parc-agent enroll --server URL --token TOKEN`)');
  const c = status.lastCollection;
  lines.push(
    c
      ? `last collection: ${c.at} in ${c.durationMs} ms${c.failedSections.length ? `, failed: ${c.failedSections.map((f) => `${f.section} (${f.error})`).join('; ')}` : ''}${c.totalMemoryBytes ? `, RAM ${gib(c.totalMemoryBytes)}` : ''}`
      : 'last collection: never',
  );
  const u = status.lastUpload;
  lines.push(
    u
      ? `last upload:     ${u.at} ${u.kind}${u.sections?.length ? ` (${u.sections.join(', ')})` : ''}: ${u.result}${u.httpStatus ? ` HTTP ${u.httpStatus}` : ''}${u.error ? ` – ${u.error}` : ''}${u.fromSpool ? ' [from spool]' : ''}`
      : 'last upload:     never',
  );
  if (status.lastAccepted) lines.push(`last accepted:   ${status.lastAccepted}`);
  lines.push(`next run:        ${status.nextRunAt ?? 'not scheduled (service not running)'}`);
  if (status.reenrollRequired) lines.push('ACTION NEEDED:   the server no longer knows this agent: enroll again');
  console.log(lines.join('\n'));
  return enrolled ? EXIT.ok : EXIT.notEnrolled;
}
