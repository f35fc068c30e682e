import { readdir, readFile, readlink } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import type { NetworkInterfaceInfo } from 'node:os';
import si from 'systeminformation';
import type { Systeminformation } from 'systeminformation';
import type { NetworkInterface } from '@parc/shared';
import { clean, count } from '../../util/clean.js';
import type { CollectorContext } from '../types.js';

/** What Linux says about an interface in /sys/class/net (it also lists interfaces without addresses). */
export interface SysNetInfo {
  name: string;
  mac?: string;
  /** Its device lives under /sys/devices/virtual. */
  virtual: boolean;
}

// Containers, bridges, tunnels and VPNs: not a network card of the machine.
const VIRTUAL_NAME =
  /^(docker|veth|br-|br\d|virbr|bridge|vboxnet|vmnet|vnet|tun|tap|utun|wg|tailscale|zt|ifb|dummy|lxc|lxd|cni|flannel|cali|vxlan|kube|podman|gre|gretap|erspan|ip6tnl|ip6gre|sit|ppp|ipsec|nordlynx|awdl|llw|bridge|anpi|gif|stf)/i;
const VIRTUAL_LABEL = /vethernet|virtualbox|vmware|hyper-v|tap-windows|wireguard|openvpn|vpn|tunnel|loopback/i;

export function isVirtualName(name: string): boolean {
  return VIRTUAL_NAME.test(name) || VIRTUAL_LABEL.test(name);
}

function cleanMac(mac: string | undefined): string | undefined {
  const m = clean(mac, 64)?.toLowerCase();
  return m && !/^(00[:-]){5}00$/.test(m) ? m : undefined;
}

function isLoopback(name: string, si?: Partial<Systeminformation.NetworkInterfacesData>): boolean {
  return name === 'lo' || /^lo\d*$/.test(name) || si?.internal === true || /loopback/i.test(si?.ifaceName ?? '');
}

export function mapNetworks(
  siIfaces: Array<Partial<Systeminformation.NetworkInterfacesData>>,
  osIfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
  sysNet: SysNetInfo[] = [],
): NetworkInterface[] {
  const bySi = new Map(siIfaces.filter((i) => i.iface).map((i) => [i.iface!, i]));
  const bySys = new Map(sysNet.map((i) => [i.name, i]));
  const names = [...new Set([...bySi.keys(), ...bySys.keys()])];
  const out: NetworkInterface[] = [];
  for (const name of names) {
    const s = bySi.get(name);
    const sys = bySys.get(name);
    if (isLoopback(name, s)) continue;
    // os.networkInterfaces lists every address; si keeps only the first of each family.
    const addrs = osIfaces[name] ?? [];
    const family = (a: NetworkInterfaceInfo, v: 4 | 6) => a.family === `IPv${v}` || (a.family as unknown) === v;
    const ipv4 = addrs.filter((a) => family(a, 4)).map((a) => a.address);
    const ipv6 = addrs.filter((a) => family(a, 6)).map((a) => a.address.replace(/%.*$/, ''));
    if (!ipv4.length && s?.ip4) ipv4.push(s.ip4);
    if (!ipv6.length && s?.ip6) ipv6.push(s.ip6);
    const virtual =
      s?.virtual === true || sys?.virtual === true || isVirtualName(name) || isVirtualName(s?.ifaceName ?? '');
    out.push({
      name: clean(name, 256) ?? name,
      mac: cleanMac(s?.mac) ?? cleanMac(sys?.mac),
      ipv4: [...new Set(ipv4)].slice(0, 256),
      ipv6: [...new Set(ipv6)].slice(0, 256),
      virtual,
      speedMbps: count(s?.speed),
      type: virtual ? 'virtual' : clean(s?.type, 64),
    });
  }
  return out;
}

export async function readSysNet(root = '/sys/class/net'): Promise<SysNetInfo[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  return Promise.all(
    names.map(async (name) => ({
      name,
      mac: (await readFile(`${root}/${name}/address`, 'utf8').catch(() => '')).trim() || undefined,
      virtual: (await readlink(`${root}/${name}`).catch(() => '')).includes('/virtual/'),
    })),
  );
}

export async function collectNetworks(ctx: CollectorContext): Promise<NetworkInterface[]> {
  const [siIfaces, sysNet] = await Promise.all([
    si.networkInterfaces(),
    ctx.platform === 'linux' ? readSysNet() : Promise.resolve([]),
  ]);
  return mapNetworks(Array.isArray(siIfaces) ? siIfaces : [siIfaces], networkInterfaces(), sysNet);
}
