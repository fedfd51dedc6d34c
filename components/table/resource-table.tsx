"use client";
/**
 * `<ResourceTable resource="posts" />`: a complete table of any resource, generated from its `meta` as the caller
 * sees it and served by its `list`: server-side search, filters, sorting and paging, column choice, selection with
 * bulk delete and restore. The view lives in the URL (see url-state.ts) unless `urlState={false}`.
 */
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, Suspense } from "react";
import { fillHref } from "@/components/form/record-href";
import { resourceApi } from "@/components/form/resource-api";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Table, TableBody } from "@/components/ui/table";
import type { FilterNode } from "@/server/core/filter";
import type { ResourceDescriptor } from "@/server/core/meta";
import type { Filter, SortValue } from "@/server/core/types";
import { DataTable } from "./data-table";
import { SkeletonRows } from "./table-view";
import type { FieldName, ListItem, ResourceName, ResourceOf, Row } from "./types";
import { type ParamsSource, useLocalParams, useUrlParams } from "./use-table-params";

/**
 * More buttons for the selection bar, from whoever renders the table (the admin's bulk actions, components/admin/
 * actions): rows get checkboxes whenever `available` says there are some, even with nothing else to do with them.
 */
export interface SelectionActions {
  available: (meta: ResourceDescriptor) => boolean;
  /** The buttons for the selected rows that are not in the bin; `clear` empties the selection. */
  render: (selection: { meta: ResourceDescriptor; rows: Row[]; clear: () => void }) => ReactNode;
}

export interface ResourceTableProps<R extends ResourceName> {
  /** The resource to list, by its registered name. */
  resource: R;
  /**
   * Makes each row's title a link: `(post) => \`/admin/posts/${post.id}\``, or from a server component (which cannot
   * pass a function) the same as text with `{field}` placeholders, `"/admin/posts/{id}"`.
   */
  rowHref?: ((row: ListItem<R>) => string) | string;
  /** The columns shown until the user picks others (the title column always shows). Default: all but ids, long
   * text, JSON and the delete mark. */
  defaultColumns?: readonly FieldName<R>[];
  /** Always applied and AND-ed with the user's filters, e.g. `{ status: { eq: "published" } }`. */
  baseFilter?: Filter<ResourceOf<R>>;
  /** The order before the user sorts. Default: the resource's `list.defaultSort`. */
  defaultSort?: readonly SortValue<ResourceOf<R>>[];
  /** Puts this table's URL parameters behind `<prefix>.`, so two tables can share a page. */
  paramPrefix?: string;
  /** Keep the view in the URL (default) or in the component only. */
  urlState?: boolean;
  /** Buttons shown in the toolbar, e.g. a "New post" link. */
  toolbarActions?: ReactNode;
  /** The table's accessible name. Default: the resource's plural label. */
  caption?: string;
  /** Buttons the selection bar adds (a function: only a client component can pass it). */
  selectionActions?: SelectionActions;
}

/**
 * The props as the generic inside sees them. `rowHref` is a method so its parameter is compared bivariantly: a
 * callback typed for R's records is accepted where any record may be passed (they are R's records at run time).
 */
export interface InnerProps {
  resource: string;
  rowHref?(row: Row): string;
  defaultColumns?: readonly string[] | undefined;
  baseFilter?: FilterNode | undefined;
  defaultSort?: readonly string[] | undefined;
  paramPrefix?: string | undefined;
  toolbarActions?: ReactNode;
  caption?: string | undefined;
  selectionActions?: SelectionActions | undefined;
}

/** Until `meta` brings the resource's label, its name stands in ("posts" → "Posts"). */
const titleCase = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

function LoadingTable({ label }: { label: string }) {
  return (
    <div className="rounded-md border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <Table aria-label={label} aria-busy="true">
        <TableBody>
          <SkeletonRows rows={5} columns={4} />
        </TableBody>
      </Table>
      <p className="sr-only" role="status">
        Loading {label.toLowerCase()}…
      </p>
    </div>
  );
}

/** Loads the caller's `meta` for the resource, then renders the table it describes. */
function WithMeta({ source, ...props }: InnerProps & { source: ParamsSource }) {
  const trpc = useTRPC();
  const api = resourceApi(trpc, props.resource);
  const meta = useQuery(api.meta.queryOptions());
  const label = props.caption ?? titleCase(props.resource);
  if (meta.isPending) return <LoadingTable label={label} />;
  if (meta.error) {
    return (
      <Alert variant="destructive">
        <AlertTitle>Could not load {label}</AlertTitle>
        <AlertDescription className="flex flex-wrap items-center gap-3">
          {meta.error.message}
          <Button variant="outline" size="sm" onClick={() => meta.refetch()}>
            Retry
          </Button>
        </AlertDescription>
      </Alert>
    );
  }
  return <DataTable {...props} meta={meta.data} api={api} source={source} />;
}

function UrlStateTable(props: InnerProps) {
  return <WithMeta {...props} source={useUrlParams} />;
}

function LocalStateTable(props: InnerProps) {
  return <WithMeta {...props} source={useLocalParams} />;
}

export function ResourceTable<R extends ResourceName>({ urlState = true, ...props }: ResourceTableProps<R>) {
  const { rowHref } = props;
  const inner: InnerProps = {
    ...props,
    rowHref: typeof rowHref === "string" ? (row: Row) => fillHref(rowHref, row) : rowHref,
  };
  if (!urlState) return <LocalStateTable {...inner} />;
  // useSearchParams needs a boundary on prerendered pages; the page around the table still renders on the server.
  return (
    <Suspense fallback={<LoadingTable label={props.caption ?? titleCase(props.resource)} />}>
      <UrlStateTable {...inner} />
    </Suspense>
  );
}
