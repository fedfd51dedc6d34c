/**
 * Who made a change, on one line: the person's name, marked when they acted through an API token, or the system
 * process. Long names are cut with the full name on hover, so a narrow column never wraps.
 */
import { Bot, KeyRound } from "lucide-react";

type ActorKind = "user" | "token" | "system" | "anonymous";

export function HistoryActor({ kind, name, className }: { kind: ActorKind; name: string; className?: string }) {
  const how =
    kind === "token"
      ? "through an API token"
      : kind === "system"
        ? "the system"
        : kind === "anonymous"
          ? "signed out"
          : null;
  return (
    <span
      className={`inline-flex max-w-full min-w-0 items-center gap-1 whitespace-nowrap ${className ?? ""}`}
      title={how ? `${name} (${how})` : name}
      data-testid="history-actor"
    >
      {kind === "token" ? <KeyRound aria-hidden="true" className="size-3.5 shrink-0 text-zinc-500" /> : null}
      {kind === "system" ? <Bot aria-hidden="true" className="size-3.5 shrink-0 text-zinc-500" /> : null}
      <span className="truncate">{name}</span>
      {how ? <span className="sr-only"> ({how})</span> : null}
    </span>
  );
}
