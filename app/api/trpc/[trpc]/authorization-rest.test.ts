/**
 * The same matrix over the REST API: every case whose procedure REST serves, the same actors and the same outcomes
 * (REST runs the same procedures behind the same gate; docs/rest.md). Checks of what was read or written are the
 * same, on REST's plain JSON.
 */
import { describe } from "vitest";
import { restRequestFor } from "@/server/http/rest/from-procedure";
import { resources } from "@/server/resources";
import { restCall, runMatrix } from "./authorization-matrix";

describe("authorization matrix over /api/v1 (REST)", () => {
  runMatrix(
    (c) => restRequestFor(c.path, {}, resources) !== null,
    (actor, c, input) => restCall(actor, c.path, input),
  );
});
