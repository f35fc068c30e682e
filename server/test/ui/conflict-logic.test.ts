import { describe, expect, it } from 'vitest';
import { conflictDefaults, deviceLabel } from '../../src/ui/client/conflict-logic.js';

const dev = (id: number, agentId: string | null) => ({ id, hostname: `ws-${id}`, serial: null, agentId, agentActive: agentId !== null, lastSeenAt: '2026-11-30T10:00:00.000Z' });

describe('conflictDefaults', () => {
  it('keeps the device the upload pointed at, absorbs the one it became, binds the uploading agent', () => {
    expect(conflictDefaults({ chosenDeviceId: 9, agentId: 'b', devices: [dev(9, 'b'), dev(3, 'a')] })).toEqual({ keepId: 3, absorbId: 9, agents: ['b', 'a'], agentId: 'b' });
  });

  it('the chosen device gone (merged away): the first two others', () => {
    expect(conflictDefaults({ chosenDeviceId: null, agentId: null, devices: [dev(4, 'a'), dev(5, null)] })).toEqual({ keepId: 4, absorbId: 5, agents: ['a'], agentId: 'a' });
  });

  it('one device left: nothing to merge', () => {
    expect(conflictDefaults({ chosenDeviceId: 4, agentId: 'c', devices: [dev(4, 'c')] })).toEqual({ keepId: null, absorbId: 4, agents: ['c'], agentId: 'c' });
    expect(conflictDefaults({ chosenDeviceId: 7, agentId: 'c', devices: [dev(4, 'a')] })).toEqual({ keepId: 4, absorbId: null, agents: ['a', 'c'], agentId: 'c' });
  });

  it('labels a device by number and name', () => {
    expect(deviceLabel({ id: 12, hostname: 'ws-042' })).toBe('#12 ws-042');
  });
});
