import type { Inventory, InventorySection } from '@parc/shared';

/** The data one section carries, never undefined once collected. */
export type SectionData = { [K in InventorySection]-?: NonNullable<Inventory[K]> };

export interface CollectorContext {
  platform: NodeJS.Platform;
  /**
   * Shares one expensive call between collectors of the same run (si.graphics feeds both graphics and
   * monitors; on Windows it spawns PowerShell, so it should run once).
   */
  once<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export type Collector<K extends InventorySection> = (ctx: CollectorContext) => Promise<SectionData[K]>;
export type CollectorMap = { [K in InventorySection]?: Collector<K> };

export function createContext(platform: NodeJS.Platform): CollectorContext {
  const cache = new Map<string, Promise<unknown>>();
  return {
    platform,
    once<T>(key: string, fn: () => Promise<T>): Promise<T> {
      let p = cache.get(key) as Promise<T> | undefined;
      if (!p) {
        p = fn();
        cache.set(key, p);
      }
      return p;
    },
  };
}
