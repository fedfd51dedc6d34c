/**
 * The export URL of a table's view: the list input it fetches with (sort, filter, search, deleted rows) as the query
 * string `GET /api/export/<resource>` reads (server/core/export/params.ts). Paging is left out: the export holds
 * every row of the view.
 */
import type { LooseListInput } from "@/components/table/types";

/** JSON has no bigint: a bigint filter value goes as its digits, which the export reads back as one. */
const bigintAsText = (_key: string, value: unknown) => (typeof value === "bigint" ? value.toString() : value);

export function exportHref(resource: string, input: Partial<LooseListInput> = {}): string {
  const params = new URLSearchParams();
  if (input.sort?.length) params.set("sort", input.sort.join(","));
  if (input.filter) params.set("filter", JSON.stringify(input.filter, bigintAsText));
  if (input.search) params.set("search", input.search);
  if (input.deleted && input.deleted !== "exclude") params.set("deleted", input.deleted);
  const query = params.toString();
  return `/api/export/${encodeURIComponent(resource)}${query ? `?${query}` : ""}`;
}
