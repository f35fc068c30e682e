import type { Software } from '@parc/shared';

export interface SoftwareResult {
  software: Software[];
  errors: string[];
}

/**
 * Loaded lazily: the parsers are the heaviest part of a collection, and while they are missing from a
 * build the rest of the inventory must still go (the section is then reported as failed).
 */
export async function loadSoftwareCollector(): Promise<(platform: NodeJS.Platform) => Promise<SoftwareResult>> {
  const mod = (await import('./software/index.js')) as {
    collectSoftware?: (platform: NodeJS.Platform) => Promise<SoftwareResult>;
  };
  if (typeof mod.collectSoftware !== 'function') throw new Error('software collector not available');
  return mod.collectSoftware;
}
