import si from 'systeminformation';
import type { Systeminformation } from 'systeminformation';
import type { Graphics, Monitor } from '@parc/shared';
import { clean, count } from '../../util/clean.js';
import type { CollectorContext } from '../types.js';

const MB = 1024 * 1024;

/** Graphics and monitors come from one si call, shared through the context. */
export const siGraphics = (ctx: CollectorContext) => ctx.once('si.graphics', () => si.graphics());

export function mapGraphics(controllers: Array<Partial<Systeminformation.GraphicsControllerData>>): Graphics[] {
  return controllers
    .map((c) => ({
      vendor: clean(c.vendor),
      model: clean(c.model) ?? clean(c.name) ?? '',
      vramBytes: count(c.vram) ? count(c.vram)! * MB : undefined,
      driverVersion: clean(c.driverVersion, 128),
    }))
    .filter((g) => g.model);
}

export function mapMonitors(displays: Array<Partial<Systeminformation.GraphicsDisplayData>>): Monitor[] {
  return displays.map((d) => {
    const w = count(d.resolutionX) ?? count(d.currentResX);
    const h = count(d.resolutionY) ?? count(d.currentResY);
    // EDID gives the image size in centimetres.
    const x = count(d.sizeX);
    const y = count(d.sizeY);
    const inches = x && y ? Math.round((Math.hypot(x, y) / 2.54) * 10) / 10 : undefined;
    return {
      vendor: clean(d.vendor),
      model: clean(d.model) ?? clean(d.deviceName ?? undefined),
      serial: clean(d.serial ?? undefined, 256),
      resolution: w && h ? `${w}x${h}` : undefined,
      sizeInches: inches && inches <= 1000 ? inches : undefined,
      main: typeof d.main === 'boolean' ? d.main : undefined,
    };
  });
}

export async function collectGraphics(ctx: CollectorContext): Promise<Graphics[]> {
  return mapGraphics((await siGraphics(ctx)).controllers ?? []);
}

export async function collectMonitors(ctx: CollectorContext): Promise<Monitor[]> {
  return mapMonitors((await siGraphics(ctx)).displays ?? []);
}
