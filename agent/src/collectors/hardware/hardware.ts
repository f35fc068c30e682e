import { totalmem } from 'node:os';
import si from 'systeminformation';
import type { Systeminformation } from 'systeminformation';
import type { Hardware } from '@parc/shared';
import { clean, cleanUuid, isoDate } from '../../util/clean.js';
import type { CollectorContext } from '../types.js';

export function mapHardware(
  sys: Partial<Systeminformation.SystemData>,
  bios: Partial<Systeminformation.BiosData>,
  chassis: Partial<Systeminformation.ChassisData>,
  memoryBytes?: number,
): Hardware {
  return {
    manufacturer: clean(sys.manufacturer) ?? clean(chassis.manufacturer),
    model: clean(sys.model),
    // Some OEMs only fill the chassis serial.
    serial: clean(sys.serial, 256) ?? clean(chassis.serial, 256),
    uuid: cleanUuid(sys.uuid),
    chassisType: clean(chassis.type, 64),
    assetTag: clean(chassis.assetTag, 256),
    biosVendor: clean(bios.vendor),
    biosVersion: clean(bios.version),
    biosDate: isoDate(bios.releaseDate),
    // Memory modules are often unreadable (VMs, no dmidecode); the total always is.
    ...(memoryBytes ? { memoryBytes } : {}),
  };
}

export async function collectHardware(_ctx: CollectorContext): Promise<Hardware> {
  const [sys, bios, chassis] = await Promise.all([si.system(), si.bios(), si.chassis()]);
  return mapHardware(sys, bios, chassis, totalmem());
}
