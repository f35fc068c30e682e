import type { CollectorMap } from '../types.js';
import { collectBatteries } from './batteries.js';
import { collectCpus } from './cpus.js';
import { collectGraphics, collectMonitors } from './graphics.js';
import { collectHardware } from './hardware.js';
import { collectMemoryModules } from './memory.js';
import { collectNetworks } from './networks.js';
import { collectOs } from './os.js';
import { collectPrinters } from './printers.js';
import { collectStorage } from './storage.js';
import { collectUsers } from './users.js';
import { collectVolumes } from './volumes.js';

/** Every hardware section of the contract and the collector that fills it. */
export const hardwareCollectors: CollectorMap = {
  hardware: collectHardware,
  os: collectOs,
  cpus: collectCpus,
  memoryModules: collectMemoryModules,
  storage: collectStorage,
  volumes: collectVolumes,
  networks: collectNetworks,
  graphics: collectGraphics,
  monitors: collectMonitors,
  printers: collectPrinters,
  batteries: collectBatteries,
  users: collectUsers,
};
