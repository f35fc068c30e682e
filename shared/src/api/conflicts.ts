import { z } from 'zod';
import { MAX_ID } from './enums.js';

/**
 * Reconcile conflicts (inventories whose evidence pointed at more than one device, or at a device bound
 * to another active agent) and how an admin resolves them: merge two devices, reassign a device's agent,
 * or keep them separate.
 */

const id = z.number().int().positive().max(MAX_ID);

/** A device a conflict names, as it is now (null fields: the device has since been merged away). */
export const conflictDeviceSchema = z.object({
  id: z.number().int(),
  hostname: z.string(),
  serial: z.string().nullable(),
  agentId: z.string().nullable(),
  /** The bound agent is enrolled and not revoked: only it may update the device. */
  agentActive: z.boolean(),
  lastSeenAt: z.string(),
});
export type ConflictDevice = z.infer<typeof conflictDeviceSchema>;

export const conflictSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  agentId: z.string().nullable(),
  hostname: z.string().nullable(),
  identity: z.record(z.string(), z.unknown()),
  chosenDeviceId: z.number().int().nullable(),
  candidateIds: z.array(z.number().int()),
  /** The candidates that still exist, in `candidateIds` order. */
  devices: z.array(conflictDeviceSchema),
  rule: z.string(),
  reason: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: z.enum(['dismissed', 'merged', 'reassigned']).nullable(),
});
export type ReconcileConflict = z.infer<typeof conflictSchema>;

export const listConflictsResponseSchema = z.object({ items: z.array(conflictSchema), total: z.number().int() });
export type ConflictPage = z.infer<typeof listConflictsResponseSchema>;

/** POST /devices/:id/merge: the path's device is kept, `absorbId` is merged into it and deleted. */
export const mergeDevicesBodySchema = z.strictObject({
  absorbId: id,
  /** Which device's agent the kept device is bound to afterwards. */
  agentFrom: z.enum(['kept', 'absorbed']).default('absorbed'),
  /** The conflict this merge resolves, closed in the same transaction. */
  conflictId: id.optional(),
});
export type MergeDevicesBody = z.input<typeof mergeDevicesBodySchema>;

export const mergeDevicesResponseSchema = z.object({
  keptId: z.number().int(),
  absorbedId: z.number().int(),
  agentId: z.string().nullable(),
  /** The agent that lost its device (still enrolled: revoke it if the machine is gone). */
  displacedAgentId: z.string().nullable(),
  moved: z.object({ ticketLinks: z.number().int(), changes: z.number().int(), licenceAllocations: z.number().int() }),
});
export type MergeDevicesResult = z.infer<typeof mergeDevicesResponseSchema>;

/** PUT /devices/:id/agent: bind the device to an enrolled, active agent, or unbind it (null). */
export const reassignDeviceBodySchema = z.strictObject({
  agentId: z.string().trim().min(1).max(200).nullable(),
  conflictId: id.optional(),
});
export type ReassignDeviceBody = z.infer<typeof reassignDeviceBodySchema>;

export const reassignDeviceResponseSchema = z.object({
  deviceId: z.number().int(),
  agentId: z.string().nullable(),
  previousAgentId: z.string().nullable(),
  /** Other devices that were bound to the agent and no longer are. */
  unboundDeviceIds: z.array(z.number().int()),
});
export type ReassignDeviceResult = z.infer<typeof reassignDeviceResponseSchema>;
