import { type LookupAddress, lookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must not reach unless private targets are allowed (SSRF): loopback, private,
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, unspecified, multicast, reserved,
 * and their IPv6 forms (IPv4-mapped addresses included, since they reach the same hosts).
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    // An IPv4-mapped address (::ffff:a.b.c.d or ::ffff:hhhh:hhhh) reaches the IPv4 host: judge that.
    // (BlockList matches IPv4 addresses against ::ffff:0:0/96, so the range cannot simply be listed.)
    const mapped = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
    if (mapped) {
      const v4 =
        mapped[1] ??
        [
          Number.parseInt(mapped[2]!, 16) >> 8,
          Number.parseInt(mapped[2]!, 16) & 255,
          Number.parseInt(mapped[3]!, 16) >> 8,
          Number.parseInt(mapped[3]!, 16) & 255,
        ].join('.');
      return PRIVATE.check(v4, 'ipv4');
    }
  }
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why a URL's host may not be called, or null when it may. Resolves the name (all its addresses). */
export async function refusedHost(hostname: string, allowPrivate: boolean): Promise<string | null> {
  const host = hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookupAll(host)).map((a) => a.address);
    } catch (error) {
      return `its host "${host}" could not be resolved (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    }
  }
  if (allowPrivate) return null;
  const blocked = addresses.find(isPrivateAddress);
  return blocked === undefined
    ? null
    : `resolves to a loopback or private address (${blocked}); set TALLY_WEBHOOK_ALLOW_PRIVATE=true to allow such targets`;
}

function lookupAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    lookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request that refuses private addresses at connect time, so a name that resolved
 * to a public address when the workflow was saved cannot be re-pointed at the internal network later
 * (DNS rebinding).
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const blocked = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (blocked) {
        const refusal: NodeJS.ErrnoException = new Error(
          `refused: ${hostname} resolves to a private address (${blocked.address})`,
        );
        refusal.code = 'EPRIVATE';
        return callback(refusal, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
