/** The fields one audit entry changed, as "field: before → after" lines (long values shortened). */
type Values = Record<string, unknown> | null;

function show(value: unknown): string {
  if (value === null || value === undefined) return "∅";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export function ChangeSummary({ before, after, operation }: { before: Values; after: Values; operation: string }) {
  if (operation === "create" || operation === "restore") return <span className="text-zinc-500">whole record</span>;
  if (operation === "delete" || operation === "purge") {
    return <span className="text-zinc-500">{operation === "purge" ? "removed for good" : "moved to the bin"}</span>;
  }
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (keys.length === 0) return <span className="text-zinc-500">no field changed</span>;
  return (
    <dl className="space-y-0.5 text-xs">
      {keys.map((k) => (
        <div key={k} className="flex flex-wrap gap-x-1">
          <dt className="font-medium">{k}:</dt>
          <dd>
            <del className="text-zinc-500">{show(before?.[k])}</del> →{" "}
            <ins className="no-underline">{show(after?.[k])}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}
