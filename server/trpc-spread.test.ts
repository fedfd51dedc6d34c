/**
 * patches/@trpc+server+11.22.1.patch: tRPC's object-spread helper copies plain objects with Object.assign (decision
 * 034). What a procedure sees must not change: the context a middleware passes on, merged over the one it got, and an
 * object input merged over an earlier one, including keys that Object.assign would treat differently from a spread
 * (`__proto__` from JSON, symbols, a getter's value), and a copy never shares or changes what it copied.
 */
import { initTRPC } from "@trpc/server";
import { describe, expect, it } from "vitest";

interface Ctx {
  user: string;
  extra?: unknown;
  [key: symbol]: unknown;
}

const t = initTRPC.context<Ctx>().create();
const tag = Symbol("tag");

describe("tRPC's spread helper, patched", () => {
  it("is the patched one (the postinstall applied it)", async () => {
    const { readFile } = await import("node:fs/promises");
    const { createRequire } = await import("node:module");
    const require = createRequire(import.meta.url);
    const dist = require.resolve("@trpc/server").replace(/[^/\\]+$/, "");
    const { readdir } = await import("node:fs/promises");
    for (const file of (await readdir(dist)).filter((f) => /^getErrorShape-.*\.(c|m)js$/.test(f))) {
      expect(await readFile(dist + file, "utf8"), file).toContain("Patched (Atrium");
    }
  });

  it("merges a middleware's context over the caller's, keys of every kind, without touching either", async () => {
    const given: Ctx = { user: "ada", [tag]: "from the caller" };
    // Own "__proto__" as JSON.parse makes it: a spread defines it as a plain key, Object.assign would set the prototype.
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "extra": 1}') as Record<string, unknown>;
    const seen: Ctx[] = [];
    const router = t.router({
      hostile: t.procedure
        .use(({ next }) => next({ ctx: hostile as { extra: unknown } }))
        .query(({ ctx }) => {
          seen.push(ctx);
          return "ok";
        }),
      plain: t.procedure
        .use(({ next }) =>
          next({
            ctx: {
              get extra() {
                return "a getter's value";
              },
              [tag]: "from the middleware",
            },
          }),
        )
        .query(({ ctx }) => {
          seen.push(ctx);
          return "ok";
        }),
    });
    const caller = t.createCallerFactory(router)(given);

    await caller.hostile();
    const [merged] = seen;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect((merged as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(merged as object, "__proto__")).toBe(true);
    expect(merged).toMatchObject({ user: "ada", extra: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    await caller.plain();
    const second = seen[1];
    expect(second?.user).toBe("ada");
    expect(second?.extra).toBe("a getter's value");
    expect(second?.[tag]).toBe("from the middleware");
    expect(given).toEqual({ user: "ada", [tag]: "from the caller" });
    expect(second).not.toBe(given);
  });

  it("merges an object input over an earlier input the same way", async () => {
    const router = t.router({
      both: t.procedure
        .input((raw: unknown) => raw as { a: number })
        .input((raw: unknown) => JSON.parse(JSON.stringify(raw)) as { b: number })
        .query(({ input }) => input),
    });
    const caller = t.createCallerFactory(router)({ user: "ada" });
    const input = { a: 1, b: 2 };
    const result = await caller.both(input);
    expect(result).toEqual({ a: 1, b: 2 });
    expect(result).not.toBe(input);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });
});
