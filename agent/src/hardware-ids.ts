import type { Hardware, NetworkInterface } from '@parc/shared';

export interface HardwareIds {
  serial?: string;
  uuid?: string;
  macs: string[];
}

/**
 * What the server matches a machine on at enrollment: firmware serial and UUID, and the MACs of real
 * network cards (virtual ones are shared or regenerated, so they would merge unrelated machines).
 */
export function hardwareIds(hardware: Hardware | undefined, networks: NetworkInterface[] | undefined): HardwareIds {
  const macs = (networks ?? [])
    .filter((n) => !n.virtual && n.mac)
    .map((n) => n.mac!.toLowerCase());
  return { serial: hardware?.serial, uuid: hardware?.uuid, macs: [...new Set(macs)].sort() };
}
