"use client";
/**
 * An action run in a record's history and the audit log (its entry is `after: { action, input }`, see
 * server/core/actions/audit.ts): "Ran Unpublish", with the input by its fields' labels. What the action changed
 * has entries of its own, right above.
 */
import type { Formatters } from "@/components/format/formatters";
import { useFormatters } from "@/components/format/use-formatters";
import type { ResourceDescriptor } from "@/server/core/meta";
import { formatValue, isEmpty } from "../history-format";

const muted = "text-zinc-500 dark:text-zinc-400";

function shown(value: unknown, field: Parameters<typeof formatValue>[0], fmt: Formatters): string {
  return formatValue(field, value, fmt) || String(value);
}

export function ActionRunSummary({
  meta,
  values,
}: {
  meta: ResourceDescriptor | undefined;
  values: Record<string, unknown> | null;
}) {
  const fmt = useFormatters();
  const name = typeof values?.action === "string" ? values.action : "an action";
  const action = meta?.actions?.find((a) => a.name === name);
  const input = values?.input && typeof values.input === "object" ? (values.input as Record<string, unknown>) : {};
  const entries = Object.entries(input).filter(([, value]) => !isEmpty(value));
  return (
    <div className="space-y-1.5">
      <p>
        <span className={muted}>Ran</span> <span className="font-medium">{action?.label ?? name}</span>
      </p>
      {entries.length > 0 ? (
        <dl className="space-y-1">
          {entries.map(([key, value]) => {
            const field = action?.fields.find((f) => f.name === key);
            return (
              <div key={key} className="min-w-0 break-words">
                <dt className="inline font-medium">{field?.label ?? key}:</dt>{" "}
                <dd className="inline">{shown(value, field, fmt)}</dd>
              </div>
            );
          })}
        </dl>
      ) : null}
    </div>
  );
}
