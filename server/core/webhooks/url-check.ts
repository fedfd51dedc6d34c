/**
 * The check a webhook URL gets when it is saved, so an admin hears at once that a URL cannot work: its form, and
 * where it resolves to now. A name that does not resolve at the moment is let through (DNS may be on its way); a
 * name or address on a private network is refused, naming it. Deliveries check again at every connection.
 */
import type { Network } from "./address";
import { WEBHOOK_LIMITS } from "./config";
import { type Resolver, resolveTarget } from "./safe-post";

/** How long saving waits for DNS. */
const SAVE_LOOKUP_MS = 3_000;

/** What is wrong with the URL, as a sentence for its field ("The URL must start with http:// or https://"); or null. */
export async function webhookUrlProblem(
  raw: string,
  allowed: readonly Network[],
  resolve?: Resolver,
): Promise<string | null> {
  if (raw.length > WEBHOOK_LIMITS.maxUrlLength) {
    return `The URL must be at most ${WEBHOOK_LIMITS.maxUrlLength} characters`;
  }
  const target = await resolveTarget(raw, allowed, { timeoutMs: SAVE_LOOKUP_MS, ...(resolve ? { resolve } : {}) });
  if (target.ok || target.kind === "unresolved") return null;
  return target.privateAddress
    ? `${target.reason}: webhooks may not call private networks (see WEBHOOKS_ALLOW_PRIVATE)`
    : target.reason;
}
