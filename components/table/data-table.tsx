"use client";
/**
 * The table of one resource once its `meta` is known: the view decoded from the query string, the `list` query it
 * asks for, and a TanStack table in manual mode (the server sorts, filters and pages) that renders the result.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  functionalUpdate,
  getCoreRowModel,
  type RowSelectionState,
  useReactTable,
  type VisibilityState,
} from "@tanstack/react-table";
import { useEffect, useMemo, useRef, useState } from "react";
import type { ResourceApi } from "@/components/form/resource-api";
import { useLiveList } from "@/components/live/use-live";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ResourceDescriptor } from "@/server/core/meta";
import { BulkActions } from "./bulk-actions";
import { CARDS_BELOW, cardFields, cardMedia, columnWidth, type FitField, fitColumns, SELECT_WIDTH } from "./column-fit";
import { buildColumns, SELECT_COLUMN } from "./columns";
import { Pagination } from "./pagination";
import { RecordCards } from "./record-cards";
import type { InnerProps } from "./resource-table";
import { buildSpec } from "./spec";
import { tableListInput, wantedColumns } from "./table-input";
import { EmptyState, TableView } from "./table-view";
import { Toolbar } from "./toolbar";
import type { Row } from "./types";
import { hasUserFilters, MAX_SORTS, type TableState } from "./url-state";
import { useElementWidth } from "./use-element-width";
import type { ParamsSource } from "./use-table-params";

const NO_ROWS: Row[] = [];

export interface DataTableProps extends InnerProps {
  meta: ResourceDescriptor;
  api: ResourceApi;
  source: ParamsSource;
}

export function DataTable({ meta, api, source, paramPrefix = "", ...props }: DataTableProps) {
  const columnsKey = props.defaultColumns?.join(",");
  const sortKey = props.defaultSort?.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the lists are compared by content, not identity.
  const spec = useMemo(
    () => buildSpec(meta, { defaultColumns: props.defaultColumns, defaultSort: props.defaultSort }),
    [meta, columnsKey, sortKey],
  );
  // `source` is a hook (use-table-params.ts): the URL through nuqs, or component state.
  const [state, setState] = source(spec, paramPrefix);
  /** Any change but paging and columns starts again at page 1: the old page number means nothing any more. */
  const update = (patch: Partial<TableState>, keepPage = false) =>
    setState({ ...state, ...(keepPage ? {} : { page: 1 }), ...patch });

  const boxRef = useRef<HTMLElement>(null);
  const width = useElementWidth(boxRef);
  const cards = width !== null && width < CARDS_BELOW;
  const selectable =
    meta.can.delete || (spec.canReadDeleted && meta.can.restore) || (props.selectionActions?.available(meta) ?? false);
  const sortIds = state.sort.map((s) => s.id);
  const fitFields = useMemo(() => new Map<string, FitField>(spec.columns.map((f) => [f.name, f])), [spec]);

  const wanted = wantedColumns(state, spec);
  // The defaults are fitted to the box; a choice the user made is shown as made (the box scrolls if it must).
  const shown =
    state.columns || width === null || cards
      ? wanted
      : fitColumns({
          fields: fitFields,
          candidates: wanted,
          sort: sortIds,
          dayFields: spec.dayFields,
          width,
          selectable,
        });
  const columnVisibility: VisibilityState = Object.fromEntries(
    spec.columnIds.map((id) => [id, id === spec.titleField || shown.includes(id)]),
  );
  const widths: Record<string, number> = { [SELECT_COLUMN]: SELECT_WIDTH };
  for (const f of spec.columns) widths[f.name] = columnWidth(f, spec.dayFields.has(f.name));
  const input = tableListInput(state, spec, props.baseFilter);
  const list = useQuery({ ...api.list.queryOptions(input), placeholderData: keepPreviousData });
  // Rows others create, edit or delete show up as it happens (the page refetches where a patch cannot be exact).
  useLiveList(props.resource, input, { relationKeys: spec.columns.flatMap((f) => (f.relation ? [f.name] : [])) });
  const data = list.data;
  // Dimmed only while the rows on screen answer an earlier question (another page, filter or order). A refetch of
  // the same page (a live change, the window regaining focus) keeps them as they are: dimming the list each time
  // someone else writes would flicker, and dimmed text is below the contrast it is drawn at.
  const busy = list.isPlaceholderData;

  // Selection belongs to the rows on screen: another page, filter or order starts with none.
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const inputKey = JSON.stringify(input);
  const [selectionFor, setSelectionFor] = useState(inputKey);
  if (selectionFor !== inputKey) {
    setSelectionFor(inputKey);
    setRowSelection({});
  }

  // A page past the end (rows deleted, a shared link grown old) moves to the last page there is. An estimated total
  // does not know where the end is: its pager stops where the rows do.
  const lastPage = data && !list.isPlaceholderData && !data.totalEstimated ? data.totalPages : 0;
  useEffect(() => {
    if (lastPage > 0 && state.page > lastPage) {
      setState({ ...state, page: lastPage });
    }
  }, [lastPage, state, setState]);

  const isDeleted = (row: Row) => (spec.softDeleteField ? row[spec.softDeleteField] != null : state.deleted === "only");
  const { rowHref } = props;
  const hrefOf = useMemo(() => (rowHref ? (row: Row) => rowHref(row) : undefined), [rowHref]);
  const columns = useMemo(() => buildColumns(spec, { selectable, rowHref: hrefOf }), [spec, selectable, hrefOf]);

  const table = useReactTable<Row>({
    data: data?.items ?? NO_ROWS,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(row[meta.idField]),
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    rowCount: data && data.totalItems >= 0 ? data.totalItems : undefined,
    // There is always an order (the server's default at least): a click flips it rather than removing it.
    enableSortingRemoval: false,
    maxMultiSortColCount: MAX_SORTS,
    enableRowSelection: selectable,
    state: {
      sorting: state.sort,
      pagination: { pageIndex: state.page - 1, pageSize: state.perPage },
      columnVisibility,
      rowSelection,
    },
    onSortingChange: (updater) => update({ sort: functionalUpdate(updater, state.sort).slice(0, MAX_SORTS) }),
    onColumnVisibilityChange: (updater) => {
      const next = functionalUpdate(updater, columnVisibility);
      update({ columns: spec.columnIds.filter((id) => next[id] && id !== spec.titleField) }, true);
    },
    onRowSelectionChange: setRowSelection,
  });

  const label = props.caption ?? meta.label.many;
  const noun = meta.label.many.toLowerCase();
  const clearFilters = () => update({ search: "", filters: {} });
  const filtered = hasUserFilters(state);
  const emptyMessage = data?.totalEstimated
    ? `No ${noun} on this page: the total was an estimate`
    : filtered
      ? `No ${noun} match`
      : state.deleted === "only"
        ? `No deleted ${noun}`
        : `No ${noun} yet`;
  const selected = table.getSelectedRowModel().rows.map((r) => r.original);

  return (
    // A landmark around the whole widget (search, filters, rows, paging), named apart from the grid inside it.
    <section ref={boxRef} aria-label={`${label} table`} className="flex min-w-0 flex-col gap-3">
      <Toolbar
        spec={spec}
        noun={noun}
        label={label}
        state={state}
        table={table}
        onSearch={(search) => update({ search })}
        onFilter={(field, next) => {
          const { [field]: _old, ...rest } = state.filters;
          update({ filters: next ? { ...rest, [field]: next } : rest });
        }}
        onDeleted={(deleted) => update({ deleted })}
        onClear={clearFilters}
        actions={props.toolbarActions}
      />
      <BulkActions
        api={api}
        meta={meta}
        selected={selected}
        isDeleted={isDeleted}
        onDone={() => setRowSelection({})}
        extra={props.selectionActions?.render}
      />
      {list.error ? (
        <Alert variant="destructive">
          <AlertTitle>Could not load {noun}</AlertTitle>
          <AlertDescription className="flex flex-wrap items-center gap-3">
            {list.error.message}
            <Button variant="outline" size="sm" onClick={() => list.refetch()}>
              Retry
            </Button>
          </AlertDescription>
        </Alert>
      ) : null}
      {list.error && !data ? null : cards ? (
        <RecordCards
          table={table}
          spec={spec}
          media={cardMedia(spec, wanted)}
          fields={cardFields(
            fitFields,
            wanted.filter((name) => name !== cardMedia(spec, wanted)),
            sortIds,
          )}
          label={label}
          selectable={selectable}
          rowHref={hrefOf}
          loading={list.isPending}
          busy={busy}
          skeletonRows={Math.min(state.perPage, 10)}
          isDeleted={isDeleted}
          empty={<EmptyState message={emptyMessage} onClear={filtered ? clearFilters : undefined} />}
        />
      ) : (
        <TableView
          table={table}
          label={label}
          titleId={spec.titleField}
          widths={widths}
          width={width}
          loading={list.isPending}
          busy={busy}
          skeletonRows={Math.min(state.perPage, 10)}
          isDeleted={isDeleted}
          empty={<EmptyState message={emptyMessage} onClear={filtered ? clearFilters : undefined} />}
        />
      )}
      {list.error && !data ? null : (
        <Pagination
          page={state.page}
          perPage={state.perPage}
          maxPerPage={spec.maxPerPage}
          totalItems={data?.totalItems ?? -1}
          totalPages={data?.totalPages ?? -1}
          estimated={data?.totalEstimated === true}
          pageFull={(data?.items.length ?? 0) >= state.perPage}
          noun={meta.label}
          label={`${label} pagination`}
          onPage={(page) => update({ page }, true)}
          onPerPage={(perPage) => update({ perPage })}
        />
      )}
    </section>
  );
}
