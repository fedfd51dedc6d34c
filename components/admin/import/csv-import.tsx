"use client";
/**
 * The admin's CSV import of one resource: choose a file, check how its columns map to fields, check every row on the
 * server (nothing written), then import. Each row is created on its own through the resource's API, so the report
 * lists the rows created and, by row number, those refused and why.
 */
import Link from "next/link";
import { useId } from "react";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { duplicateFields, type ImportField, missingFields } from "./mapping";
import { MappingTable } from "./mapping-table";
import { OutcomeList } from "./outcome-list";
import { PreviewTable } from "./preview-table";
import { formatBytes, type ImportLimits, useCsvImport } from "./use-csv-import";

export interface CsvImportProps {
  resource: string;
  /** The plural label, lower case ("posts"). */
  noun: string;
  fields: ImportField[];
  limits: ImportLimits;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function CsvImport({ resource, noun, fields, limits }: CsvImportProps) {
  const inputId = useId();
  const helpId = useId();
  const state = useCsvImport(resource, fields, limits);
  const { file, mapping, phase, outcomes } = state;
  const busy = phase === "checking" || phase === "importing";
  const twice = duplicateFields(mapping);
  const missing = missingFields(mapping, fields);
  const mapped = mapping.some((f) => f !== null);
  const refused = outcomes.filter((o) => !o.ok).length;
  const created = outcomes.length - refused;
  const total = file?.csv.rows.length ?? 0;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>1. Choose a file</CardTitle>
          <CardDescription id={helpId}>
            A CSV file of up to {formatBytes(limits.maxBytes)} and {limits.maxRows.toLocaleString("en")} rows; its first
            row names the columns. A file exported from this table maps itself.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-3">
          <div className="grid max-w-md gap-2">
            <Label htmlFor={inputId}>CSV file</Label>
            <Input
              id={inputId}
              type="file"
              accept=".csv,text/csv"
              aria-describedby={helpId}
              disabled={busy}
              onChange={(e) => void state.choose(e.target.files?.[0] ?? null)}
            />
          </div>
          {state.fileError ? (
            <Alert variant="destructive">
              <AlertTitle>{state.fileError}</AlertTitle>
            </Alert>
          ) : null}
          {file ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {file.name}: {plural(total, "row")}, {plural(file.csv.header.length, "column")}.
            </p>
          ) : null}
        </CardContent>
      </Card>

      {file ? (
        <Card>
          <CardHeader>
            <CardTitle>2. Match the columns</CardTitle>
            <CardDescription>Each column fills the field chosen for it; the others are left out.</CardDescription>
          </CardHeader>
          <CardContent className="space-y-3">
            <MappingTable
              header={file.csv.header}
              sample={file.csv.rows[0]}
              fields={fields}
              mapping={mapping}
              disabled={busy}
              onChange={state.setMapping}
            />
            {twice.length > 0 ? (
              <Alert variant="destructive">
                <AlertTitle>Each field may be filled by one column only: {twice.join(", ")}.</AlertTitle>
              </Alert>
            ) : null}
            {missing.length > 0 ? (
              <Alert variant="warning">
                <AlertTitle>
                  No column fills {missing.map((f) => f.label).join(", ")}, which every row needs.
                </AlertTitle>
              </Alert>
            ) : null}
          </CardContent>
        </Card>
      ) : null}

      {file ? (
        <Card>
          <CardHeader>
            <CardTitle>3. Check and import</CardTitle>
            <CardDescription>
              Checking validates every row as the import would, and writes nothing. Importing creates each row on its
              own: a refused row does not stop the others. Importing the same file again creates its rows again.
            </CardDescription>
          </CardHeader>
          <CardContent className="space-y-4">
            <div className="flex flex-wrap items-center gap-2">
              <Button
                variant="outline"
                disabled={busy || !mapped || twice.length > 0 || phase === "done"}
                onClick={() => void state.checkRows()}
              >
                Check {plural(total, "row")}
              </Button>
              <Button
                disabled={busy || !mapped || twice.length > 0 || phase === "done"}
                onClick={() => void state.importRows()}
              >
                Import {plural(total, "row")}
              </Button>
              {busy ? (
                <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
                  {phase === "checking" ? "Checking" : "Importing"}… {state.progress.done} of {state.progress.total}
                </p>
              ) : null}
            </div>
            {state.callError ? (
              <Alert variant="destructive">
                <AlertTitle>{state.callError}</AlertTitle>
              </Alert>
            ) : null}
            {phase === "checked" ? (
              <Alert variant={refused > 0 ? "warning" : "success"}>
                <AlertTitle>
                  {plural(created, "row")} ready to import
                  {refused > 0 ? `; ${plural(refused, "row")} would be refused` : ""}.
                </AlertTitle>
              </Alert>
            ) : null}
            {phase === "done" && !state.callError ? (
              <Alert variant={refused > 0 ? "warning" : "success"}>
                <AlertTitle>
                  Imported {plural(created, "row")}
                  {refused > 0 ? `; ${plural(refused, "row")} refused` : ""}.
                </AlertTitle>
                <Link href={`/admin/${resource}`} className="underline underline-offset-2">
                  Back to {noun}
                </Link>
              </Alert>
            ) : null}
            {phase === "checked" || phase === "done" ? (
              <OutcomeList outcomes={outcomes} title={phase === "done" ? "Refused rows" : "Rows with problems"} />
            ) : null}
            {phase !== "done" ? (
              <PreviewTable csv={file.csv} mapping={mapping} fields={fields} outcomes={outcomes} />
            ) : null}
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
