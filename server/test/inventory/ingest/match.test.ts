import { describe, expect, it } from 'vitest';
import { inventorySchema } from '@parc/shared';
import { identityLockKeys, incomingIdentity } from '../../../src/inventory/ingest/match.js';
import { makeInventory } from '../../helpers/inventory-factory.js';

const inv = inventorySchema.parse(makeInventory({ seed: 1, hostname: 'WS-001.corp.example', serial: 'pf300001', mac: '54:E1:AD:00:00:01' }));

describe('incomingIdentity', () => {
  it('takes the authenticated agent id and the identifiers of the carried sections', () => {
    expect(incomingIdentity(inv, new Set(['hardware', 'networks']), 'agent-x')).toEqual({
      agentId: 'agent-x',
      serial: 'pf300001',
      uuid: inv.hardware!.uuid,
      // The docker bridge is virtual: not an identity.
      macs: ['54:e1:ad:00:00:01'],
      hostname: 'WS-001.corp.example',
    });
  });

  it('offers no serial, UUID or MAC from sections it does not carry', () => {
    expect(incomingIdentity(inv, new Set(['software']), 'agent-x')).toEqual({ agentId: 'agent-x', serial: undefined, uuid: undefined, macs: [], hostname: 'WS-001.corp.example' });
  });
});

describe('identityLockKeys', () => {
  it('locks every cleaned identifier, and the short hostname case-insensitively', () => {
    const keys = identityLockKeys(incomingIdentity(inv, new Set(['hardware', 'networks']), 'agent-x'));
    expect(keys).toEqual(['agent:agent-x', 'serial:PF300001', `uuid:${inv.hardware!.uuid}`, 'mac:54:e1:ad:00:00:01', 'host:ws-001']);
  });

  it('locks no junk identifier: a placeholder serial must not serialise every machine that reports it', () => {
    const keys = identityLockKeys({ agentId: 'a', serial: 'To Be Filled By O.E.M.', uuid: '00000000-0000-0000-0000-000000000000', macs: ['02:42:ac:11:00:01'], hostname: 'localhost' });
    expect(keys).toEqual(['agent:a']);
  });
});
