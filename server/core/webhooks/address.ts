/**
 * Which addresses an outgoing webhook may reach (docs/webhooks.md, "Private networks"). A webhook URL is typed by an
 * admin but fetched by the server, from inside its network: without this check it would be a way to reach the
 * database, the cloud metadata service (169.254.169.254) or anything else on the private side. Every address that
 * is not a public unicast one is refused unless it falls in a network the operator allowed
 * (WEBHOOKS_ALLOW_PRIVATE). IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by that address.
 *
 * Plain string arithmetic, no `node:net`: env.ts parses the allow-list with it, and env.ts reaches browser bundles.
 */

export type AddressKind =
  | "loopback"
  | "private"
  | "link-local"
  | "unspecified"
  | "shared (carrier-grade NAT)"
  | "multicast"
  | "reserved"
  | "documentation"
  | "benchmarking";

/** A network in CIDR form: IPv4 or IPv6, its first address as a number, and its prefix length. */
export interface Network {
  version: 4 | 6;
  base: bigint;
  prefix: number;
}

const V4_SPECIAL: [string, number, AddressKind][] = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared (carrier-grade NAT)"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  // 240/4 includes the broadcast address 255.255.255.255.
  ["240.0.0.0", 4, "reserved"],
];

/** In order: the first that contains an address names its kind (::1 before the IPv4-compatible ::/96). */
const V6_SPECIAL: [string, number, AddressKind][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["::", 96, "reserved"],
  ["64:ff9b:1::", 48, "private"],
  ["100::", 64, "reserved"],
  ["2001::", 32, "reserved"],
  ["2001:db8::", 32, "documentation"],
  ["fc00::", 7, "private"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "private"],
  ["ff00::", 8, "multicast"],
];

const V4_OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const V4 = new RegExp(`^${V4_OCTET}(?:\\.${V4_OCTET}){3}$`);
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

/** 4 or 6 for an IP address in textual form (an IPv6 zone id allowed), 0 for anything else; as `net.isIP`. */
export function isIP(input: string): 0 | 4 | 6 {
  if (V4.test(input)) return 4;
  const address = input.includes("%") ? input.slice(0, input.indexOf("%")) : input;
  if (input.endsWith("%") || !address.includes(":")) return 0;
  const halves = address.split("::");
  if (halves.length > 2) return 0;
  const groups = halves.map((half) => (half === "" ? [] : half.split(":")));
  const all = groups.flat();
  // A dotted IPv4 address may stand for the last two groups.
  const last = all.at(-1) ?? "";
  const tail = V4.test(last) ? 2 : 0;
  const hex = tail ? all.slice(0, -1) : all;
  if (!hex.every((g) => HEX_GROUP.test(g))) return 0;
  const count = hex.length + tail;
  return (halves.length === 2 ? count < 8 : count === 8) ? 6 : 0;
}

const network = (address: string, prefix: number): Network => {
  const version = isIP(address) as 4 | 6;
  return { version, base: toNumber(address, version), prefix };
};
const V4_NETWORKS = V4_SPECIAL.map(([a, p, kind]) => ({ net: network(a, p), kind }));
const V6_NETWORKS = V6_SPECIAL.map(([a, p, kind]) => ({ net: network(a, p), kind }));
const MAPPED = network("::ffff:0:0", 96);
const NAT64 = network("64:ff9b::", 96);
const SIX_TO_FOUR = network("2002::", 16);

function v4Number(address: string): bigint {
  return address.split(".").reduce((n, octet) => (n << 8n) | BigInt(Number(octet)), 0n);
}

/** An IPv6 address (any textual form Node accepts, zone id dropped) as a 128-bit number. */
function v6Number(input: string): bigint {
  let address = input.split("%")[0] as string;
  // A dotted IPv4 tail ("::ffff:1.2.3.4") becomes two hex groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (tail) {
    const v4 = v4Number(tail[1] as string);
    address = `${address.slice(0, tail.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = "", rest] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = rest ? rest.split(":") : [];
  const missing = 8 - left.length - right.length;
  const groups = rest === undefined ? left : [...left, ...Array<string>(missing).fill("0"), ...right];
  return groups.reduce((n, group) => (n << 16n) | BigInt(Number.parseInt(group || "0", 16)), 0n);
}

function toNumber(address: string, version: 4 | 6): bigint {
  return version === 4 ? v4Number(address) : v6Number(address);
}

function contains(net: Network, version: 4 | 6, value: bigint): boolean {
  if (net.version !== version) return false;
  const shift = BigInt((version === 4 ? 32 : 128) - net.prefix);
  return value >> shift === net.base >> shift;
}

/**
 * The address a connection to `address` really reaches, as far as this check can tell: an IPv6 form that embeds an
 * IPv4 address (::ffff:a.b.c.d, 64:ff9b::a.b.c.d, 2002:aabb:ccdd::) is that IPv4 address.
 */
function effective(address: string): { version: 4 | 6; value: bigint } | null {
  const version = isIP(address.split("%")[0] as string);
  if (version === 4) return { version, value: v4Number(address) };
  if (version !== 6) return null;
  const value = v6Number(address);
  if (contains(MAPPED, 6, value) || contains(NAT64, 6, value)) return { version: 4, value: value & 0xffffffffn };
  if (contains(SIX_TO_FOUR, 6, value)) return { version: 4, value: (value >> 80n) & 0xffffffffn };
  return { version: 6, value };
}

/** What kind of non-public address this is, or null for a public unicast address (and for what is not an IP). */
export function addressKind(address: string): AddressKind | null {
  const target = effective(address);
  if (!target) return null;
  const table = target.version === 4 ? V4_NETWORKS : V6_NETWORKS;
  return table.find(({ net }) => contains(net, target.version, target.value))?.kind ?? null;
}

/** Whether one of `networks` contains the address (judged as `addressKind` judges it). */
export function inNetworks(address: string, networks: readonly Network[]): boolean {
  const target = effective(address);
  if (!target) return false;
  return networks.some((net) => contains(net, target.version, target.value));
}

/** "a loopback address", "an unspecified address": how messages name a kind. */
export function describeKind(kind: AddressKind): string {
  return `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind} address`;
}

/**
 * Why a connection to `address` is refused ("127.0.0.1 is a loopback address"), or null when it may go: a public
 * address, or one inside a network the operator allowed. Something that is not an IP address is refused.
 */
export function addressProblem(address: string, allowed: readonly Network[]): string | null {
  if (isIP(address.split("%")[0] as string) === 0) return `${address} is not an IP address`;
  const kind = addressKind(address);
  if (kind === null || inNetworks(address, allowed)) return null;
  return `${address} is ${describeKind(kind)}`;
}

/**
 * Reads an allow-list ("127.0.0.1, 10.0.0.0/8, ::1") into networks; every entry that is not an IP address or a CIDR
 * network comes back in `problems`, named, so a typo is reported at start instead of silently allowing nothing.
 */
export function parseNetworks(list: string): { networks: Network[]; problems: string[] } {
  const networks: Network[] = [];
  const problems: string[] = [];
  for (const entry of list.split(",").map((e) => e.trim())) {
    if (!entry) continue;
    const [address = "", prefixText, extra] = entry.split("/");
    const version = isIP(address);
    const max = version === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (version === 0 || extra !== undefined || !/^\d{0,3}$/.test(prefixText ?? "") || prefixText === "") {
      problems.push(`"${entry}" is not an IP address or a network like 10.0.0.0/8`);
    } else if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      problems.push(`"${entry}": the prefix length must be 0 to ${max}`);
    } else {
      networks.push({ version: version as 4 | 6, base: toNumber(address, version as 4 | 6), prefix });
    }
  }
  return { networks, problems };
}
