import si from 'systeminformation';
import type { Systeminformation } from 'systeminformation';
import type { Printer } from '@parc/shared';
import { clean } from '../../util/clean.js';

/** URI schemes of printers reached over the network (CUPS backends, Windows ports named after them). */
const NETWORK_SCHEMES = new Set(['ipp', 'ipps', 'http', 'https', 'socket', 'lpd', 'smb', 'dnssd', 'mdns', 'bjnp']);

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * What a device URI tells: a USB URI (`usb://EPSON/L3150%20Series?serial=X&interface=1`) names the maker
 * and carries the unit's serial, which is what lets the server link the printer as an asset; `hp:/net/…`
 * and the other network schemes say the printer is reached over the network.
 */
export function parsePrinterUri(uri: string | undefined): { scheme?: string; manufacturer?: string; serial?: string; network?: boolean } {
  const m = /^([a-z][a-z0-9+.-]*):\/*([^/?]*)([^?]*)(?:\?(.*))?$/i.exec(uri?.trim() ?? '');
  if (!m) return {};
  const scheme = m[1]!.toLowerCase();
  const query = new Map((m[4] ?? '').split('&').map((kv) => kv.split('=')).map(([k, v]) => [decode(k ?? '').toLowerCase(), decode(v ?? '')]));
  // HPLIP's `hp:/usb/…` and `hp:/net/…` say which in the first segment.
  const network = scheme === 'hp' || scheme === 'hpfax' ? m[2]!.toLowerCase() === 'net' : NETWORK_SCHEMES.has(scheme);
  return {
    scheme,
    manufacturer: scheme === 'usb' ? clean(decode(m[2]!)) : undefined,
    serial: clean(query.get('serial'), 256),
    network,
  };
}

export function mapPrinters(printers: Array<Partial<Systeminformation.PrinterData>>): Printer[] {
  return printers.flatMap((p) => {
    const name = clean(p.name, 256);
    if (!name) return [];
    const uri = parsePrinterUri(p.uri);
    return [
      {
        name,
        manufacturer: uri.manufacturer,
        model: clean(p.model),
        serial: uri.serial,
        port: clean(p.uri, 1024),
        // si says `local: false` for a queue on a print server; the URI says it for a network printer.
        network: uri.network || p.local === false ? true : uri.scheme ? false : undefined,
        default: typeof p.default === 'boolean' ? p.default : undefined,
        shared: typeof p.shared === 'boolean' ? p.shared : undefined,
      },
    ];
  });
}

export async function collectPrinters(): Promise<Printer[]> {
  return mapPrinters(await si.printer());
}
