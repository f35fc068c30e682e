#!/usr/bin/env node
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { log } from '../log.js';
import { AgentState } from '../state/agent-state.js';
import { resolveStateDir } from '../state/state-dir.js';
import { AGENT_VERSION } from '../version.js';
import { enrollCommand } from './commands/enroll.js';
import { inventoryCommand } from './commands/inventory.js';
import { runCommand } from './commands/run.js';
import { sendCommand } from './commands/send.js';
import { statusCommand } from './commands/status.js';
import { ticketCommand } from './commands/ticket.js';
import { EXIT, exitCodeFor, UsageError } from './errors.js';

const HELP = `parc-agent ${AGENT_VERSION}: Parc inventory agent

Usage: parc-agent <command> [options]

Commands:
  inventory [--output FILE]                        collect and print the inventory as JSON
  enroll --server URL --token TOKEN [--ca FILE] [--pin SHA256]
                                                   register this machine with a Parc server
  send                                             collect and upload once
  run                                              run as a service (scheduled uploads)
  status [--json]                                  last collection, last upload, next run
  ticket "TITLE" [--description TEXT] [--urgency 1-5]
                                                   open a helpdesk ticket for this machine and its
                                                   logged-in user; prints "Ticket #N opened"

Options:
  --state-dir DIR   state folder (default: system or per-user folder; env PARC_AGENT_STATE_DIR)
  -h, --help        this help
  -v, --version     print the version

Exit codes: 0 ok, 1 failure, 2 bad arguments, 3 not enrolled, 4 server unreachable,
            5 refused credentials / re-enroll needed, 6 corrupt state file, 7 another run in progress
`;

const COMMON = {
  'state-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const COMMANDS = {
  inventory: { ...COMMON, output: { type: 'string', short: 'o' } },
  enroll: { ...COMMON, server: { type: 'string' }, token: { type: 'string' }, ca: { type: 'string' }, pin: { type: 'string' } },
  send: COMMON,
  run: COMMON,
  status: { ...COMMON, json: { type: 'boolean' } },
  ticket: { ...COMMON, description: { type: 'string', short: 'd' }, urgency: { type: 'string', short: 'u' } },
} as const satisfies Record<string, ParseArgsConfig['options']>;
type Command = keyof typeof COMMANDS;
/** Commands that take one positional argument (the ticket title). */
const POSITIONAL: Partial<Record<Command, number>> = { ticket: 1 };

function parse(argv: string[]) {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return { help: true as const };
  if (command === '--version' || command === '-v') return { version: true as const };
  if (!(command in COMMANDS)) throw new UsageError(`unknown command "${command}" (try --help)`);
  try {
    const { values, positionals } = parseArgs({ args: rest, options: COMMANDS[command as Command], strict: true, allowPositionals: true });
    const allowed = POSITIONAL[command as Command] ?? 0;
    if (positionals.length > allowed) {
      const extra = positionals[allowed];
      throw new UsageError(`unexpected argument "${extra}"${allowed ? ' (quote a title that has spaces)' : ''}`);
    }
    return { command: command as Command, values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // parseArgs messages are already one clear line ("Unknown option '--x'").
    throw new UsageError((e as Error).message);
  }
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parse(argv);
  if ('help' in parsed) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if ('version' in parsed) {
    console.log(AGENT_VERSION);
    return EXIT.ok;
  }
  const { command, values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const state = new AgentState(resolveStateDir(str('state-dir')));
  switch (command) {
    case 'inventory':
      return inventoryCommand(state, { output: str('output') });
    case 'enroll':
      return enrollCommand(state, { server: str('server'), token: str('token'), ca: str('ca'), pin: str('pin') });
    case 'send':
      return sendCommand(state);
    case 'run':
      return runCommand(state);
    case 'status':
      return statusCommand(state, { json: values.json === true });
    case 'ticket':
      return ticketCommand(state, { title: positionals[0], description: str('description'), urgency: str('urgency') });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const code = exitCodeFor(e);
    const message = e instanceof Error ? e.message : String(e);
    console.error(`parc-agent: ${message}`);
    if (code === EXIT.failure) log.debug('unexpected error', { error: e, stack: (e as Error)?.stack });
    process.exitCode = code;
  },
);
