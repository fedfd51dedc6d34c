/**
 * The rows of an import in the calls that carry them: consecutive rows (a call names only its first row's number),
 * at most `maxRows` and about `maxBytes` of JSON each, so no call meets the API's body limit (1 MiB by default). A
 * row too large for any call on its own is refused here, by its row number, and never sent.
 */

export interface PendingRow {
  row: number;
  data: Record<string, string>;
}

/** Half the API's default body limit: room for the envelope, and for JSON escapes the estimate undercounts. */
export const BATCH_BYTES = 512 * 1024;
/** A row alone may come closer to the limit. */
export const ROW_BYTES = 900 * 1024;

const encoder = new TextEncoder();
const sizeOf = (data: Record<string, string>) => encoder.encode(JSON.stringify(data)).byteLength;

export function batchesOf(
  rows: readonly PendingRow[],
  maxRows: number,
  maxBytes = BATCH_BYTES,
): { batches: PendingRow[][]; tooLarge: PendingRow[] } {
  const batches: PendingRow[][] = [];
  const tooLarge: PendingRow[] = [];
  let current: PendingRow[] = [];
  let bytes = 0;
  for (const pending of rows) {
    const size = sizeOf(pending.data);
    if (size > ROW_BYTES) {
      tooLarge.push(pending);
      continue;
    }
    const previous = current.at(-1);
    const fits = previous && previous.row + 1 === pending.row && current.length < maxRows && bytes + size <= maxBytes;
    if (!fits && current.length > 0) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(pending);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return { batches, tooLarge };
}
