/**
 * A CSV file's text as a header and rows of cells (papaparse, in the browser: the page shows the columns at once and
 * sends the server rows, never the file). The delimiter is detected (comma, semicolon, tab: what spreadsheets write),
 * a byte-order mark is dropped, blank lines are skipped. Rows with more or fewer cells than the header are kept and
 * flagged, so the report can name them.
 */
import Papa from "papaparse";

export interface ParsedCsv {
  header: string[];
  /** Data rows, each padded or cut to the header's width. */
  rows: string[][];
  /** Spreadsheet row numbers (the header is row 1) of rows whose cell count differs from the header's. */
  ragged: Map<number, number>;
  /** A problem that makes the whole file unreadable (an unclosed quote), or null. */
  error: string | null;
}

export function parseCsv(text: string): ParsedCsv {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const result = Papa.parse<string[]>(body, { skipEmptyLines: "greedy" });
  const quoteError = result.errors.find((e) => e.type === "Quotes");
  const [header = [], ...data] = result.data;
  const ragged = new Map<number, number>();
  const rows = data.map((cells, i) => {
    if (cells.length !== header.length) ragged.set(i + 2, cells.length);
    return header.map((_, column) => cells[column] ?? "");
  });
  const error = quoteError
    ? `The file has a quote that is never closed (near row ${(quoteError.row ?? 0) + 1}).`
    : header.length === 0
      ? "The file is empty."
      : null;
  return { header: header.map((h) => h.trim()), rows, ragged, error };
}
