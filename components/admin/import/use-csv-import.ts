"use client";
/**
 * The import page's work: read the file (parse.ts), keep the column mapping, send the rows in batches to
 * `csvImport.check` (nothing written) or `csvImport.run`, one batch at a time, and gather every row's outcome.
 * Each run batch carries its own Idempotency-Key, so a batch retried after a lost answer is not imported twice.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { resourceApi } from "@/components/form/resource-api";
import { keyedMutationOptions } from "@/components/trpc/links";
import { useTRPC } from "@/components/trpc/provider";
import type { RowOutcome } from "@/server/core/import/rows";
import { batchesOf, type PendingRow } from "./batches";
import { autoMap, type ImportField, type Mapping, mappedRow } from "./mapping";
import { type ParsedCsv, parseCsv } from "./parse";

export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
  batchRows: number;
}

export type Phase = "idle" | "checking" | "checked" | "importing" | "done";

export interface LoadedFile {
  name: string;
  csv: ParsedCsv;
}

/** Tries of one batch on a transient failure (network, 429, 5xx), with the same key. */
const TRIES = 3;

function transient(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return true;
  const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
  return status === undefined || status === 429 || status >= 500;
}

async function withRetries<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= TRIES || !transient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
    }
  }
}

function tooLargeOutcome({ row }: PendingRow): RowOutcome {
  return { row, ok: false, message: `Row ${row} is too large to send (about 900 KB at most)`, fieldErrors: {} };
}

/** Rows whose cell count differs from the header's: refused here, named in the report, never sent. */
function raggedOutcomes(csv: ParsedCsv): RowOutcome[] {
  return [...csv.ragged].map(([row, cells]) => {
    const message = `Row ${row} has ${cells} cells; the header has ${csv.header.length}`;
    return { row, ok: false, message, fieldErrors: {} };
  });
}

export function useCsvImport(resource: string, fields: readonly ImportField[], limits: ImportLimits) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const check = useMutation(trpc.csvImport.check.mutationOptions());
  const run = useMutation(keyedMutationOptions(trpc.csvImport.run.mutationOptions));
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMappingState] = useState<Mapping>([]);
  const [phase, setPhase] = useState<Phase>("idle");
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [outcomes, setOutcomes] = useState<RowOutcome[]>([]);
  const [callError, setCallError] = useState<string | null>(null);

  function reset(nextPhase: Phase = "idle") {
    setPhase(nextPhase);
    setOutcomes([]);
    setCallError(null);
    setProgress({ done: 0, total: 0 });
  }

  async function choose(chosen: File | null) {
    reset();
    setFile(null);
    setFileError(null);
    if (!chosen) return;
    if (chosen.size > limits.maxBytes) {
      setFileError(`The file is larger than ${formatBytes(limits.maxBytes)}.`);
      return;
    }
    const csv = parseCsv(await chosen.text());
    if (csv.error) return setFileError(csv.error);
    if (csv.rows.length === 0) return setFileError("The file has a header but no rows.");
    if (csv.rows.length > limits.maxRows) {
      return setFileError(`The file has ${csv.rows.length} rows; an import takes at most ${limits.maxRows}.`);
    }
    setFile({ name: chosen.name, csv });
    setMappingState(autoMap(csv.header, fields));
  }

  function setMapping(column: number, field: string | null) {
    reset();
    setMappingState((current) => current.map((f, i) => (i === column ? field : f)));
  }

  /** Every sendable row through `send`, batch by batch, the ragged ones refused up front. */
  async function process(kind: "check" | "run") {
    if (!file) return;
    const { csv } = file;
    reset(kind === "check" ? "checking" : "importing");
    const pending = csv.rows
      .map((cells, i) => ({ row: i + 2, data: mappedRow(cells, mapping) }))
      .filter((r) => !csv.ragged.has(r.row));
    const { batches, tooLarge } = batchesOf(pending, limits.batchRows);
    const gathered = [...raggedOutcomes(csv), ...tooLarge.map(tooLargeOutcome)];
    let done = gathered.length;
    setProgress({ done, total: csv.rows.length });
    try {
      for (const batch of batches) {
        const input = { resource, firstRow: batch[0]?.row ?? 2, rows: batch.map((r) => r.data) };
        const key = crypto.randomUUID();
        const answer = await withRetries(() =>
          kind === "check" ? check.mutateAsync(input) : run.mutateAsync({ input, key }),
        );
        gathered.push(...answer.rows);
        done += batch.length;
        setProgress({ done, total: csv.rows.length });
      }
      setOutcomes(gathered.sort((a, b) => a.row - b.row));
      setPhase(kind === "check" ? "checked" : "done");
    } catch (error) {
      setOutcomes(gathered.sort((a, b) => a.row - b.row));
      setCallError(error instanceof Error ? error.message : "The import could not be sent.");
      setPhase(kind === "check" ? "idle" : "done");
    } finally {
      if (kind === "run") await queryClient.invalidateQueries({ queryKey: resourceApi(trpc, resource).pathKey() });
    }
  }

  return {
    file,
    fileError,
    mapping,
    phase,
    progress,
    outcomes,
    callError,
    choose,
    setMapping,
    checkRows: () => process("check"),
    importRows: () => process("run"),
  };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1_048_576) return `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;
  if (bytes >= 1_024) return `${Math.round(bytes / 1_024)} KB`;
  return `${bytes} bytes`;
}
