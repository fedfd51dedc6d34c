/**
 * The same matrix over PocketBase's records API: every case whose procedure it serves (list, get, create, update,
 * delete, with filters PocketBase can write), the same actors and the same outcomes; PocketBase's requests run the
 * same procedures behind the same gate (docs/pocketbase.md). Checks of what was read or written are the same.
 */
import { describe } from "vitest";
import { pocketBaseRequestFor } from "@/server/http/pocketbase/from-procedure";
import { resources } from "@/server/resources";
import { type Fixture, pocketBaseCall, runMatrix } from "./authorization-matrix";

/** Stands in for a case's rows while the tests are registered: which cases PocketBase serves depends on shape only. */
const PROBE = new Proxy({} as Fixture, { get: () => "00000000-0000-4000-8000-000000000000" });

describe("authorization matrix over /api/collections (PocketBase)", () => {
  runMatrix(
    (c) => pocketBaseRequestFor(c.path, c.input(PROBE, "owner"), resources) !== null,
    (actor, c, input) => pocketBaseCall(actor, c.path, input),
  );
});
