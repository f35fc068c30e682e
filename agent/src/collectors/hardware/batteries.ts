import si from 'systeminformation';
import type { Systeminformation } from 'systeminformation';
import type { Battery } from '@parc/shared';
import { clean, count } from '../../util/clean.js';
import type { CollectorContext } from '../types.js';

/** The contract wants mWh; some platforms report mAh, convertible with the nominal voltage. */
function toMwh(value: number | undefined, unit: string | undefined, volts: number | undefined): number | undefined {
  const v = count(value);
  if (!v) return undefined;
  if ((unit ?? '').toLowerCase() === 'mwh') return v;
  if ((unit ?? '').toLowerCase() === 'mah' && volts && volts > 0) return Math.round(v * volts);
  return undefined;
}

function mapOne(b: Partial<Systeminformation.BatteryData>): Battery {
  return {
    manufacturer: clean(b.manufacturer),
    model: clean(b.model),
    serial: clean(b.serial, 256),
    chemistry: clean(b.type, 64),
    designCapacityMwh: toMwh(b.designedCapacity, b.capacityUnit, b.voltage),
    fullChargeCapacityMwh: toMwh(b.maxCapacity, b.capacityUnit, b.voltage),
    cycleCount: typeof b.cycleCount === 'number' && b.cycleCount >= 0 ? Math.round(b.cycleCount) : undefined,
  };
}

export function mapBatteries(b: Partial<Systeminformation.BatteryData>): Battery[] {
  if (!b.hasBattery) return [];
  const extra = b.additionalBatteries ?? [];
  // si repeats the first battery in additionalBatteries when there are several.
  return extra.length > 1 ? extra.map(mapOne) : [mapOne(b)];
}

export async function collectBatteries(_ctx: CollectorContext): Promise<Battery[]> {
  return mapBatteries(await si.battery());
}
