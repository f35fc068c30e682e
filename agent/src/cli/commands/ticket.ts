import { randomUUID } from 'node:crypto';
import { agentTicketRequestSchema, REKEY_REQUIRED } from '@parc/shared';
import type { AgentTicketRequest } from '@parc/shared';
import { loadEnrollment } from '../../cycle.js';
import { resolveTicketUsername } from '../../identity/console-user.js';
import type { AgentState } from '../../state/agent-state.js';
import { createClient } from '../../transport/client.js';
import type { HttpClient } from '../../transport/client.js';
import { openAgentTicket } from '../../transport/ticket.js';
import { REENROLL_MESSAGE } from '../../transport/upload.js';
import { EXIT, UsageError } from '../errors.js';

export interface TicketOptions {
  title?: string;
  description?: string;
  urgency?: string;
}

export interface TicketCommandDeps {
  client?: HttpClient;
  username?: () => Promise<string | undefined>;
  idempotencyKey?: string;
  sleep?: (ms: number) => Promise<void>;
}

/** A person is waiting at the keyboard: never back off longer than this between attempts. */
const MAX_INTERACTIVE_DELAY_MS = 10_000;

/** Checks the arguments before anything touches the network; every refusal is exit 2. */
export function buildTicketRequest(opts: TicketOptions, username: string | undefined): AgentTicketRequest {
  if (opts.title === undefined) throw new UsageError('ticket needs a title: parc-agent ticket "Title" [--description TEXT] [--urgency N]');
  let urgency: number | undefined;
  if (opts.urgency !== undefined) {
    const u = opts.urgency.trim();
    if (!/^\d+$/.test(u) || Number(u) < 1 || Number(u) > 5) throw new UsageError(`--urgency must be a whole number from 1 (very low) to 5 (very high), not "${opts.urgency}"`);
    urgency = Number(u);
  }
  const parsed = agentTicketRequestSchema.safeParse({
    title: opts.title,
    description: opts.description?.trim() ? opts.description : undefined,
    urgency,
    username: username?.slice(0, 256),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'ticket';
    const name = field === 'title' ? 'title' : `--${field}`;
    throw new UsageError(`${name}: ${field === 'title' && issue?.code === 'too_small' ? 'must not be empty' : (issue?.message ?? 'invalid')}`);
  }
  return parsed.data;
}

/** `parc-agent ticket "Title"`: opens a helpdesk ticket linked to this machine, for its logged-in user. */
export async function ticketCommand(state: AgentState, opts: TicketOptions, deps: TicketCommandDeps = {}): Promise<number> {
  // Arguments first (exit 2 even when not enrolled), then enrollment (exit 3), then the username probes.
  buildTicketRequest(opts, undefined);
  const { config, agentKey } = await loadEnrollment(state);
  const username = await (deps.username ?? resolveTicketUsername)();
  const request = buildTicketRequest(opts, username);

  const client =
    deps.client ?? (await createClient({ server: config.server, ca: config.ca, pin: config.pin, timeoutMs: config.httpTimeoutMs }));
  const outcome = await openAgentTicket(
    client,
    agentKey,
    request,
    { ...config.retry, maxDelayMs: Math.min(config.retry.maxDelayMs, MAX_INTERACTIVE_DELAY_MS) },
    { idempotencyKey: deps.idempotencyKey ?? randomUUID(), sleep: deps.sleep },
  );

  switch (outcome.result) {
    case 'created': {
      console.log(`Ticket #${outcome.response.ticketId} opened`);
      if (!outcome.response.requesterKnown) {
        console.log(
          username
            ? `Note: you (${username}) are not known to Parc, so the ticket has no requester; the helpdesk will contact you.`
            : 'Note: no logged-in user could be named, so the ticket has no requester; the helpdesk will contact you.',
        );
      }
      return EXIT.ok;
    }
    case 'reenroll_required':
      console.error(`ticket not opened: ${REENROLL_MESSAGE}`);
      return EXIT.auth;
    case 'rejected': {
      if (outcome.code === REKEY_REQUIRED) {
        // Rotation writes the key, which belongs to the locked run cycle, not to this interactive command.
        console.error('ticket not opened: the server asked this agent to change its key; run `parc-agent send` (it rotates the key), then open the ticket again');
        return EXIT.auth;
      }
      const where = outcome.field ? ` (field "${outcome.field}")` : '';
      console.error(`ticket not opened: the server refused it${where}: ${outcome.message}`);
      return outcome.httpStatus === 401 || outcome.httpStatus === 403 ? EXIT.auth : EXIT.failure;
    }
    case 'failed':
      if (outcome.httpStatus === undefined) {
        console.error(`ticket not opened: server unreachable after ${outcome.attempts} attempt(s): ${outcome.error}`);
        return EXIT.unreachable;
      }
      console.error(`ticket not opened after ${outcome.attempts} attempt(s): ${outcome.error}`);
      return EXIT.failure;
  }
}
