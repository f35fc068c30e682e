import { runCycle } from '../../cycle.js';
import type { AgentState } from '../../state/agent-state.js';
import { withLock } from '../../state/lock.js';
import { REENROLL_MESSAGE } from '../../transport/upload.js';
import { EXIT } from '../errors.js';

export async function sendCommand(state: AgentState): Promise<number> {
  await state.ensureDir();
  const { outcome, plan } = await withLock(state.file('lock'), () => runCycle(state));
  switch (outcome.result) {
    case 'accepted':
      console.log(`sent ${plan.kind} inventory${plan.kind === 'partial' ? ` (${plan.sections.join(', ')})` : ''}: ${outcome.response.status}`);
      return EXIT.ok;
    case 'reenroll_required':
      console.error(REENROLL_MESSAGE);
      return EXIT.auth;
    case 'rekey_required':
      console.error('the server still asks for a new agent key after a rotation; run `parc-agent enroll --server … --token …` again');
      return EXIT.auth;
    case 'rejected':
      console.error(`server rejected the inventory: ${outcome.error}`);
      return outcome.httpStatus === 401 ? EXIT.auth : EXIT.failure;
    case 'failed':
      console.error(`upload failed, inventory kept for the next run: ${outcome.error}`);
      return outcome.httpStatus === undefined ? EXIT.unreachable : EXIT.failure;
  }
}
