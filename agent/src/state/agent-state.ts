import { chmod, mkdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { inventorySectionSchema } from '@parc/shared';
import { configSchema } from '../config.js';
import type { AgentConfig, AgentConfigInput } from '../config.js';
import { readJsonFile, removeStaleTempFiles, writeFileAtomic, writeJsonFile } from './atomic-write.js';
import type { ReadResult } from './atomic-write.js';

export const identitySchema = z.object({
  agentId: z.string().trim().min(1).max(128),
  createdAt: z.string().optional(),
});
export type Identity = z.infer<typeof identitySchema>;

const keySchema = z
  .string()
  .trim()
  .min(1, 'empty')
  .max(4096)
  .refine((s) => !/\s/.test(s), 'contains whitespace');

const isoString = z.string().min(1);
export const statusSchema = z.object({
  lastCollection: z
    .object({
      at: isoString,
      durationMs: z.number(),
      failedSections: z.array(z.object({ section: inventorySectionSchema, error: z.string() })),
      totalMemoryBytes: z.number().optional(),
    })
    .optional(),
  lastUpload: z
    .object({
      at: isoString,
      kind: z.enum(['full', 'partial', 'check-in']),
      sections: z.array(inventorySectionSchema).optional(),
      result: z.enum(['accepted', 'failed', 'rejected', 'reenroll_required', 'rekey_required']),
      fromSpool: z.boolean().optional(),
      httpStatus: z.number().optional(),
      serverStatus: z.string().optional(),
      error: z.string().optional(),
      attempts: z.number().optional(),
    })
    .optional(),
  lastAccepted: isoString.optional(),
  nextRunAt: isoString.optional(),
  reenrollRequired: z.boolean().optional(),
});
export type AgentStatus = z.infer<typeof statusSchema>;

/** A state file exists but cannot be used: reported with its path, never retried in a loop. */
export class StateError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`state file ${file} is unreadable or corrupt (${reason}); fix or delete it, then run enroll again`);
    this.name = 'StateError';
  }
}

export const STATE_FILES = {
  config: 'config.json',
  identity: 'identity.json',
  key: 'agent.key',
  baseline: 'baseline.json',
  spool: 'spool.json',
  status: 'status.json',
  lock: 'agent.lock',
} as const;

/** Paths and validated reads/writes of everything the agent keeps on disk. */
export class AgentState {
  constructor(readonly dir: string) {}

  file(name: keyof typeof STATE_FILES): string {
    return path.join(this.dir, STATE_FILES[name]);
  }

  /** Creates the folder owner-only and clears temp files a crash may have left. */
  async ensureDir(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // mkdir's mode is filtered by umask and ignored for an existing folder.
    if (process.platform !== 'win32') await chmod(this.dir, 0o700);
    await removeStaleTempFiles(this.dir);
  }

  async exists(): Promise<boolean> {
    return stat(this.dir).then(
      (s) => s.isDirectory(),
      () => false,
    );
  }

  async read<S extends z.ZodType>(name: keyof typeof STATE_FILES, schema: S): Promise<ReadResult<z.output<S>>> {
    return readJsonFile(this.file(name), schema);
  }

  /** A required file: missing is `undefined`, damaged throws StateError. */
  async readRequired<S extends z.ZodType>(name: keyof typeof STATE_FILES, schema: S): Promise<z.output<S> | undefined> {
    const r = await this.read(name, schema);
    if (r.status === 'corrupt') throw new StateError(this.file(name), r.error);
    return r.status === 'ok' ? r.value : undefined;
  }

  write(name: keyof typeof STATE_FILES, value: unknown): Promise<void> {
    return writeJsonFile(this.file(name), value);
  }

  async remove(name: keyof typeof STATE_FILES): Promise<void> {
    await unlink(this.file(name)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  readConfig(): Promise<AgentConfig | undefined> {
    return this.readRequired('config', configSchema);
  }

  writeConfig(config: AgentConfigInput): Promise<void> {
    return this.write('config', configSchema.parse(config));
  }

  readIdentity(): Promise<Identity | undefined> {
    return this.readRequired('identity', identitySchema);
  }

  async readKey(): Promise<string | undefined> {
    let text: string;
    try {
      text = await readFile(this.file('key'), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StateError(this.file('key'), (e as Error).message);
    }
    const parsed = keySchema.safeParse(text);
    if (!parsed.success) throw new StateError(this.file('key'), parsed.error.issues[0]?.message ?? 'invalid');
    return parsed.data;
  }

  /** Owner-only (0600): the key is the agent's password. */
  async writeKey(key: string): Promise<void> {
    await writeFileAtomic(this.file('key'), keySchema.parse(key) + '\n', 0o600);
    if (process.platform !== 'win32') await chmod(this.file('key'), 0o600);
  }

  /** Status is informational: a damaged file is replaced instead of stopping the agent. */
  async readStatus(): Promise<AgentStatus> {
    const r = await this.read('status', statusSchema);
    return r.status === 'ok' ? r.value : {};
  }

  async updateStatus(patch: Partial<AgentStatus>): Promise<AgentStatus> {
    const next = { ...(await this.readStatus()), ...patch };
    await this.write('status', next);
    return next;
  }
}
