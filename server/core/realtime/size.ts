/**
 * Rough bytes a value keeps alive, for the live layer's byte budgets (evaluation cache, subscriber queues). Not exact:
 * strings count a byte per character (V8 stores most as one-byte strings) and every value a fixed overhead, which is
 * what matters when one 64 KiB post must weigh as much as a thousand small ones. Cheaper than JSON.stringify, and it
 * cannot throw (BigInt, cycles beyond the depth bound).
 */

/** Per value: a pointer, a header, a property slot. */
const OVERHEAD = 16;
/** Deeper than any row or message; stops runaway structures from costing a walk without end. */
const MAX_DEPTH = 8;

export function approximateBytes(value: unknown, depth = 0): number {
  if (typeof value === "string") return OVERHEAD + value.length;
  if (value === null || typeof value !== "object") return OVERHEAD;
  if (depth >= MAX_DEPTH) return OVERHEAD;
  if (value instanceof Date) return OVERHEAD * 2;
  if (ArrayBuffer.isView(value)) return OVERHEAD + value.byteLength;
  let bytes = OVERHEAD;
  if (Array.isArray(value)) {
    for (const item of value) bytes += approximateBytes(item, depth + 1);
    return bytes;
  }
  for (const key in value) {
    bytes += key.length + approximateBytes((value as Record<string, unknown>)[key], depth + 1);
  }
  return bytes;
}

const measured = new WeakMap<object, number>();

/** `approximateBytes`, remembered per object: a message shared by many subscribers is measured once. */
export function bytesOf(value: object): number {
  let bytes = measured.get(value);
  if (bytes === undefined) {
    bytes = approximateBytes(value);
    measured.set(value, bytes);
  }
  return bytes;
}
