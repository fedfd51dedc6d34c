/**
 * The diagram as text, from the same model: every table with all of its columns (the drawing cuts long names and
 * long tables), every foreign key and every resource relation. For screen readers, search in the page, and copying.
 */
import type { ReactNode } from "react";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DiagramColumn, DiagramRelation, SchemaModel } from "@/server/core/schema-diagram";

// Narrower on phones, so the four columns fit 390 pixels without scrolling sideways.
const CELL = "px-2 sm:px-3";
// Names and types are code; a long one breaks anywhere rather than widen the table.
const CODE_CELL = `${CELL} font-mono [overflow-wrap:anywhere]`;

const KIND: Record<DiagramRelation["kind"], string> = {
  belongsTo: "belongs to",
  hasMany: "has many",
  hasCount: "counts",
  manyToMany: "many to many",
};

function keys(column: DiagramColumn): string {
  return [column.primaryKey && "primary key", column.foreignKey && "foreign key", column.unique && "unique"]
    .filter(Boolean)
    .join(", ");
}

function relationText(relation: DiagramRelation): string {
  const link = relation.through
    ? `through ${relation.through} (${relation.columns.join(", ")})`
    : `on ${relation.columns.join(", ")}${relation.foreignKey ? `, foreign key ${relation.foreignKey}` : ", no foreign key"}`;
  return `${relation.id}: ${KIND[relation.kind]} ${relation.target} (table ${relation.to}), ${link}`;
}

export function SchemaText({ model }: { model: SchemaModel }) {
  return (
    <details className="rounded-lg border border-zinc-200 bg-white p-3 sm:p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <summary className="cursor-pointer font-medium">Tables, columns and relations as text</summary>
      <div className="mt-4 space-y-8">
        <section aria-labelledby="schema-tables" className="space-y-6">
          <h2 id="schema-tables" className="text-lg font-semibold">
            Tables
          </h2>
          {model.tables.map((table) => (
            <section key={table.id} className="space-y-2">
              <h3 className="font-mono text-base font-semibold [overflow-wrap:anywhere]">{table.id}</h3>
              {table.resources.length > 0 ? (
                <p className="text-sm text-zinc-600 dark:text-zinc-400">
                  Resource: {table.resources.map((r) => `${r.label} (${r.name})`).join(", ")}
                </p>
              ) : null}
              <Table className="text-xs sm:text-sm">
                <TableCaption className="sr-only">Columns of {table.id}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHead className={CELL}>Column</TableHead>
                    <TableHead className={CELL}>Type</TableHead>
                    <TableHead className={CELL}>Keys</TableHead>
                    <TableHead className={CELL}>Nullable</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {table.columns.map((column) => (
                    <TableRow key={column.name}>
                      <TableCell className={CODE_CELL}>{column.name}</TableCell>
                      <TableCell className={CODE_CELL}>{column.type}</TableCell>
                      <TableCell className={CELL}>{keys(column)}</TableCell>
                      <TableCell className={CELL}>{column.nullable ? "yes" : "no"}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </section>
          ))}
        </section>
        <ListSection id="schema-foreign-keys" title="Foreign keys">
          {model.foreignKeys.map((fk) => (
            <li key={`${fk.from}:${fk.name}`} className="[overflow-wrap:anywhere]">
              <span className="font-mono">
                {fk.from} ({fk.columns.join(", ")}) → {fk.to} ({fk.foreignColumns.join(", ")})
              </span>
              {fk.onDelete ? `, on delete ${fk.onDelete}` : ""}
              {fk.relations.length > 0 ? `; resource relations: ${fk.relations.join(", ")}` : ""}
            </li>
          ))}
        </ListSection>
        <ListSection id="schema-relations" title="Resource relations">
          {model.relations.map((relation) => (
            <li key={relation.id} className="[overflow-wrap:anywhere]">
              {relationText(relation)}
            </li>
          ))}
        </ListSection>
      </div>
    </details>
  );
}

function ListSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <ul className="list-disc space-y-1 pl-5 text-sm">{children}</ul>
    </section>
  );
}
