/**
 * The private-network check: every reserved range is refused, public addresses pass, an IPv6 form that carries an
 * IPv4 address is judged by that address, and the operator's allow-list lets exactly its networks through.
 */
import { isIP as nodeIsIP } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addressKind, addressProblem, isIP, parseNetworks } from "./address";

const none = parseNetworks("").networks;

describe("addressKind", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["169.254.169.254", "link-local"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "shared (carrier-grade NAT)"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.251", "multicast"],
    ["255.255.255.255", "reserved"],
    ["198.18.0.1", "benchmarking"],
    ["203.0.113.9", "documentation"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fd12:3456::1", "private"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "link-local"],
    ["64:ff9b::10.0.0.1", "private"],
    ["2002:c0a8:0101::1", "private"],
    ["::127.0.0.1", "reserved"],
  ])("%s is %s", (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "93.184.215.14", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "%s is public",
    (address) => {
      expect(addressKind(address)).toBeNull();
      expect(addressProblem(address, none)).toBeNull();
    },
  );

  it("names the address and its kind when it refuses", () => {
    expect(addressProblem("127.0.0.1", none)).toBe("127.0.0.1 is a loopback address");
    expect(addressProblem("::", none)).toBe(":: is an unspecified address");
    expect(addressProblem("not-an-ip", none)).toBe("not-an-ip is not an IP address");
  });
});

describe("property: every address in a refused IPv4 range is refused, mapped into IPv6 or not", () => {
  const octet = fc.integer({ min: 0, max: 255 });
  const ranges: [string, (a: number, b: number, c: number) => string][] = [
    ["loopback", (a, b, c) => `127.${a}.${b}.${c}`],
    ["private", (a, b, c) => `10.${a}.${b}.${c}`],
    ["private", (a, b) => `192.168.${a}.${b}`],
    ["link-local", (a, b) => `169.254.${a}.${b}`],
  ];
  for (const [kind, make] of ranges) {
    it(`${make(1, 2, 3)}-like addresses are ${kind}`, () => {
      fc.assert(
        fc.property(octet, octet, octet, (a, b, c) => {
          const v4 = make(a, b, c);
          expect(addressKind(v4)).toBe(kind);
          expect(addressKind(`::ffff:${v4}`)).toBe(kind);
          expect(addressProblem(v4, none)).not.toBeNull();
        }),
      );
    });
  }

  it("an allow-list lets exactly its networks through", () => {
    const allowed = parseNetworks("127.0.0.1/32, 10.0.0.0/8").networks;
    fc.assert(
      fc.property(octet, octet, octet, (a, b, c) => {
        expect(addressProblem(`10.${a}.${b}.${c}`, allowed)).toBeNull();
        const loopback = `127.${a}.${b}.${c}`;
        expect(addressProblem(loopback, allowed) === null).toBe(loopback === "127.0.0.1");
        expect(addressProblem(`192.168.${a}.${b}`, allowed)).not.toBeNull();
      }),
    );
  });
});

describe("isIP (no node:net, so env.ts can use it anywhere)", () => {
  it("agrees with node:net on addresses and on anything else", () => {
    for (const text of [
      "01.2.3.4",
      "1::",
      "::ffff:1.2.3.4",
      "fe80::1%eth0",
      "fe80::1%",
      "::1.2.3.4:5",
      "[::1]",
      " ::1",
    ]) {
      expect(isIP(text), text).toBe(nodeIsIP(text));
    }
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV4Extended(), fc.ipV6(), fc.string({ maxLength: 45 })), (text) => {
        expect(isIP(text)).toBe(nodeIsIP(text));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("parseNetworks", () => {
  it("reads addresses and CIDR networks, IPv4 and IPv6", () => {
    const { networks, problems } = parseNetworks(" 127.0.0.1 , 10.0.0.0/8,::1, fd00::/8 ,");
    expect(problems).toEqual([]);
    expect(networks.map((n) => [n.version, n.prefix])).toEqual([
      [4, 32],
      [4, 8],
      [6, 128],
      [6, 8],
    ]);
  });

  it.each(["localhost", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0.0/8/8", "1.2.3", "10.0.0.0/x"])(
    "names a bad entry: %s",
    (entry) => {
      const { networks, problems } = parseNetworks(entry);
      expect(networks).toEqual([]);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(entry);
    },
  );
});
