/**
 * The columns a generated table asks for and the `list` input it sends for them. data-table.tsx renders from these;
 * the plan test (db/list-plans.test.ts) and `bench:list` send the same input the admin's table sends.
 */
import type { FilterNode } from "@/server/core/filter";
import { toListInput } from "./list-input";
import type { ResourceTableSpec } from "./spec";
import type { LooseListInput } from "./types";
import type { TableState } from "./url-state";

/** The user's choice of columns, else the defaults and the column the rows are sorted by; never the title's. */
export function wantedColumns(state: TableState, spec: ResourceTableSpec): string[] {
  const primarySort = state.sort[0]?.id;
  return (
    state.columns ??
    (primarySort && !spec.defaultColumns.includes(primarySort)
      ? spec.columnIds.filter((id) => spec.defaultColumns.includes(id) || id === primarySort)
      : spec.defaultColumns)
  ).filter((id) => id !== spec.titleField);
}

/**
 * The input of the table's `list`. Foreign keys show their target's title: the belongsTo relations of the columns
 * asked for are expanded (not only of those that fit, so a resize does not ask the server again).
 */
export function tableListInput(state: TableState, spec: ResourceTableSpec, baseFilter?: FilterNode): LooseListInput {
  const wanted = wantedColumns(state, spec);
  const expand = spec.columns.flatMap((f) => (f.relation && wanted.includes(f.name) ? [f.relation.name] : []));
  return toListInput(state, spec, {
    ...(baseFilter ? { baseFilter } : {}),
    expand,
    dayFields: spec.dayFields,
    serverSort: spec.serverSort,
  });
}
