import { useQuery } from "@tanstack/react-query";
import type { ResourceDescriptor } from "@/server/core/meta";
import { useResourceApi } from "./resource-api";

/**
 * The resource's descriptor as this caller sees it (`<resource>.meta`): fields, what the caller may write, relations,
 * operation permissions. `data` is the descriptor once loaded.
 */
export function useResourceMeta(resource: string) {
  const api = useResourceApi(resource);
  return useQuery({
    ...api.meta.queryOptions(),
    // The answer depends on who is signed in, and a sign-in or sign-out keeps this tab's query cache: revalidate on
    // every mount (still rendering the cached descriptor at once) rather than trust it for the default 30 s.
    staleTime: 0,
  });
}

export type { ResourceDescriptor };
