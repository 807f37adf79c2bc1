import dns from 'node:dns';
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { CONNECT_TIMEOUT_MS } from '@aralin/tutor';
import { Agent } from 'undici';

/**
 * Where the server may be told to send requests (a school's LLM provider URL). An admin of one school must
 * not point the server at the host's own services, the cluster's private network or a cloud metadata
 * endpoint (169.254.169.254) and read the answers back as the tutor's replies.
 */

/** Address ranges that are not the public internet (RFC 6890 special-purpose, loopback, link-local, ULA). */
const NON_PUBLIC: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

const blocked = new net.BlockList();
for (const [address, prefix, family] of NON_PUBLIC) blocked.addSubnet(address, prefix, family);

/** Whether an IP address is private, loopback, link-local (metadata), multicast or otherwise not public. */
export function nonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return nonPublicAddress(mapped);
  const family = net.isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Why the URL may not be used as a public service, or null when it may: an IP literal or every address the
 * host name resolves to must be public. Checked when the URL is saved; `publicOnlyFetch` checks again at every
 * connection, for a name that later resolves elsewhere.
 */
export async function nonPublicReason(url: URL): Promise<string | null> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return `the host name ${host} does not resolve`;
    }
  }
  const inside = addresses.find(nonPublicAddress);
  return inside ? `${host} is a private, loopback or link-local address (${inside})` : null;
}

/** A connection refused because the host name now resolves to an address that is not public. */
export class NonPublicAddressError extends Error {
  override name = 'NonPublicAddressError';
  readonly code = 'ENONPUBLIC';
}

/**
 * `dns.lookup` for sockets that may only reach the public internet: every address the name resolves to must
 * be public, or the connection fails. It runs when the socket connects, on the addresses it connects to, so a
 * name that answered with a public address when the URL was saved and a metadata address now (DNS rebinding)
 * is refused.
 */
const publicLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const inside = addresses.find((a) => nonPublicAddress(a.address));
    if (inside)
      return callback(
        new NonPublicAddressError(
          `${hostname} resolves to a private, loopback or link-local address (${inside.address})`,
        ),
        '',
        0,
      );
    const [first] = addresses;
    if (options.all)
      return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
    callback(null, first?.address ?? '', first?.family ?? 0);
  });
};

const publicOnly = new Agent({ connect: { lookup: publicLookup, timeout: CONNECT_TIMEOUT_MS } });

/**
 * `fetch` for a URL an admin configured, in production: an IP literal must be public (a socket does not look
 * it up), and a host name must resolve to public addresses when the connection is made.
 */
export const publicOnlyFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : input);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && nonPublicAddress(host))
    return Promise.reject(
      new TypeError('fetch failed', {
        cause: new NonPublicAddressError(`${host} is a private, loopback or link-local address`),
      }),
    );
  return fetch(input, { ...init, dispatcher: publicOnly });
};
