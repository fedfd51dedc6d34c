import type { Metadata } from "next";
import type { ReactNode } from "react";
import { developmentOnly } from "@/app/dev/development-only";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldsForm } from "./fields-form";
import { FieldsTable } from "./fields-table";
import { ReadOnlyFields } from "./read-only-fields";

export const metadata: Metadata = { title: "Field types (developer page)", robots: { index: false, follow: false } };

function Showcase({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card role="region" aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/**
 * A developer page for every field type generated UIs know: the form widget, the read-only display, the table cell
 * and the table filter of each, rendered from a hand-written descriptor (no database, nothing saved). Not linked.
 */
export default async function FieldsPage() {
  await developmentOnly();
  return (
    <div className="space-y-10">
      <div className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">Field types</h1>
        <Alert variant="warning" role="note">
          <AlertTitle>Developer page</AlertTitle>
          <AlertDescription>
            <p>
              One field of every type a resource can have (integer, bigint, real, exact decimal, time, date, timestamp,
              enum, arrays, JSON…), rendered from a hand-written <code className="font-mono">meta</code> descriptor by
              the same widgets, cells and filters the generated forms and tables use. Nothing here is saved. Not linked
              from the app and not indexed.
            </p>
          </AlertDescription>
        </Alert>
      </div>
      <Showcase
        id="form"
        title="Form widgets"
        description="Type, leave the field, check: the values show with the JavaScript type they would be sent as."
      >
        <FieldsForm />
      </Showcase>
      <Showcase
        id="read-only"
        title="Read-only fields"
        description="A record as someone who may not change it sees it."
      >
        <ReadOnlyFields />
      </Showcase>
      <Showcase
        id="table"
        title="Table cells and filters"
        description="Each filter offers the operators its type takes; the list filter it would send is shown below the chips."
      >
        <FieldsTable />
      </Showcase>
    </div>
  );
}
