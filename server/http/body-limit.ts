/**
 * A request body limit that holds whether or not the client says how long its body is: a declared Content-Length over
 * the limit is refused before reading a byte, and a body without one (chunked) is counted while it is read and
 * abandoned as soon as it passes the limit, so no more than `maxBytes` is ever held in memory.
 */

/** True when the request declares a body longer than `maxBytes`. */
export function declaresTooLarge(headers: Headers, maxBytes: number): boolean {
  const declared = headers.get("content-length");
  if (declared === null || !/^\d+$/.test(declared.trim())) return false;
  return Number(declared) > maxBytes;
}

export type BodyRead = { ok: true; body: Uint8Array<ArrayBuffer> | null } | { ok: false };

/** Reads the whole body if it fits in `maxBytes`; `ok: false` (and the stream cancelled) as soon as it does not. */
export async function readBodyWithin(req: Request, maxBytes: number): Promise<BodyRead> {
  if (!req.body) return { ok: true, body: null };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel("request body over the limit").catch(() => {});
      return { ok: false };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, body };
}

/** The same request with its body already read (the original stream can be read only once). */
export function withBody(req: Request, body: Uint8Array<ArrayBuffer> | null): Request {
  return new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal });
}
