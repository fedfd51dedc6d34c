"use client";
/**
 * What a page that failed to render shows instead of Next's bare "Application error". In production the browser is
 * not told why a server component failed (only a digest), so it asks /api/health: while the database is unreachable
 * the page says so and comes back by itself once it answers (decision 013); otherwise it offers to try again, with
 * the digest to quote from the server log.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition, useEffect, useRef, useState } from "react";
import { PlainHeader } from "@/components/errors/plain-header";
import { useServiceHealth } from "@/components/errors/use-service-health";
import { Button } from "@/components/ui/button";

export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const health = useServiceHealth();
  const [wasDown, setWasDown] = useState(false);
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  const retryLatest = useRef(retry);
  retryLatest.current = retry;

  useEffect(() => {
    if (health === "down") setWasDown(true);
  }, [health]);
  // The outage is over: render the page again, as if the visitor had pressed the button.
  useEffect(() => {
    if (wasDown && health === "up") retryLatest.current();
  }, [wasDown, health]);

  const outage = health === "down" || wasDown;
  return (
    <>
      <PlainHeader />
      <main
        className="mx-auto max-w-xl px-4 pb-24 pt-12 text-center sm:pt-20"
        data-testid={outage ? "page-unavailable" : "page-error"}
        aria-live="polite"
      >
        {outage ? (
          <>
            <p className="text-sm font-semibold text-amber-700 dark:text-amber-400">503 · Temporarily unavailable</p>
            <h1 className="mt-2 text-balance text-3xl font-bold tracking-tight">We can’t reach our database</h1>
            <p className="mt-4 text-pretty text-zinc-600 dark:text-zinc-400">
              Nothing is lost. This page reloads by itself as soon as the database answers again, usually within
              seconds.
            </p>
          </>
        ) : (
          <>
            <p className="text-sm font-semibold text-red-700 dark:text-red-400">Error</p>
            <h1 className="mt-2 text-balance text-3xl font-bold tracking-tight">This page could not be shown</h1>
            <p className="mt-4 text-pretty text-zinc-600 dark:text-zinc-400">
              {health === "checking" ? "Checking what went wrong…" : "Something went wrong on our side. Try again."}
              {error.digest ? (
                <span className="mt-2 block text-xs text-zinc-500">Reference: {error.digest}</span>
              ) : null}
            </p>
          </>
        )}
        <div className="mt-8 flex flex-col items-stretch justify-center gap-3 sm:flex-row sm:items-center">
          <Button asChild variant="outline">
            <Link href="/">Back to the home page</Link>
          </Button>
          <Button type="button" onClick={retry}>
            Try again
          </Button>
        </div>
      </main>
    </>
  );
}
