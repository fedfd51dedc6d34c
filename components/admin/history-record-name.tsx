/**
 * The record an audit entry is about, named by its title ("Notes on Coffee #50") and its kind ("Post"), linking to
 * its page. A record without a title the reader may see falls back to its kind and short id; one that is gone is
 * marked so. Plain markup, so the dashboard (a server component) and the audit log (a client one) share it.
 */
import Link from "next/link";
import type { RefTitle } from "@/server/core/history-titles";

export function HistoryRecordName({
  href,
  title,
  kind,
  recordId,
}: {
  href: string;
  title: RefTitle;
  kind: string;
  recordId: string;
}) {
  const name = title?.title ?? `${kind} ${recordId.slice(0, 8)}`;
  return (
    <Link href={href} className="group block min-w-0" title={title ? `${kind}: ${title.title}` : `${kind} ${recordId}`}>
      <span className="block truncate font-medium group-hover:underline">{name}</span>
      <span className="sr-only">, </span>
      <span className="block text-xs text-zinc-500 dark:text-zinc-400">
        {kind}
        {title?.deleted ? " · deleted" : null}
      </span>
    </Link>
  );
}
