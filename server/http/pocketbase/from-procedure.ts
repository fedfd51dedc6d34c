/**
 * The PocketBase request that does what a tRPC call does, for the procedures PocketBase's records API serves
 * (list, get, create, update, delete): `posts.list({ filter, sort })` is `GET /api/collections/posts/records?filter=
 * status = 'published'&sort=-created`. For tests that run one case over every API (the authorization matrix); null
 * for what PocketBase has no way to say (search, deleted rows, restore, actions, a filter it cannot write).
 */

import type { FilterNode } from "@/server/core/filter";
import { describeResource } from "@/server/core/meta";
import { PocketBasePrintError, printFilter } from "@/server/core/pocketbase/filter-print";
import { pocketBaseKey } from "@/server/core/pocketbase/record";
import type { AnyResource } from "@/server/core/resource";
import { resourceCall } from "../rest/from-procedure";

export interface PocketBaseRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path and query under the origin. */
  target: string;
  body?: unknown;
}

const SYSTEM = { kind: "system", reason: "pocketbase request names" } as const;
const LIST_KEYS = new Set(["page", "perPage", "sort", "filter", "expand", "skipTotal"]);

export function pocketBaseRequestFor(
  path: string,
  input: unknown,
  registry: Record<string, AnyResource>,
): PocketBaseRequest | null {
  const call = resourceCall(path, input, registry, (name) => `/api/collections/${name}/records`);
  if (!call) return null;
  const { procedure, resource, given, base, at } = call;
  switch (procedure) {
    case "list": {
      if (Object.keys(given).some((key) => !LIST_KEYS.has(key))) return null;
      const params = new URLSearchParams();
      if (given.page !== undefined) params.set("page", String(given.page));
      if (given.perPage !== undefined) params.set("perPage", String(given.perPage));
      if (given.skipTotal !== undefined) params.set("skipTotal", String(given.skipTotal));
      if (Array.isArray(given.sort)) {
        const sort = (given.sort as string[]).map((key) => {
          const field = key.replace(/^-/, "");
          return `${key.startsWith("-") ? "-" : ""}${pocketBaseKey(resource, field)}`;
        });
        params.set("sort", sort.join(","));
      }
      if (Array.isArray(given.expand)) params.set("expand", given.expand.join(","));
      if (given.filter !== undefined) {
        try {
          params.set("filter", printFilter(given.filter as FilterNode, describeResource(resource, registry, SYSTEM)));
        } catch (error) {
          if (error instanceof PocketBasePrintError) return null;
          throw error;
        }
      }
      const query = params.toString();
      return { method: "GET", target: query ? `${base}?${query}` : base };
    }
    case "get": {
      if (Object.keys(given).some((key) => key !== "id" && key !== "expand")) return null;
      const expand = Array.isArray(given.expand) ? `?expand=${encodeURIComponent(given.expand.join(","))}` : "";
      return { method: "GET", target: `${at(given.id)}${expand}` };
    }
    case "create":
      return { method: "POST", target: base, body: given };
    case "update":
      return { method: "PATCH", target: at(given.id), body: given.data };
    case "delete":
      return { method: "DELETE", target: at(given.id) };
    default:
      return null;
  }
}
