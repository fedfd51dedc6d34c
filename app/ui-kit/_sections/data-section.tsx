"use client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Separator } from "@/components/ui/separator";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Row, Section } from "./section";

const rows = Array.from({ length: 12 }, (_, i) => ({
  id: i + 1,
  title: `Release notes ${i + 1}: what changed in the engine`,
  author: ["Ada Lovelace", "Grace Hopper", "Alan Turing"][i % 3],
  status: i % 4 === 0 ? "draft" : "published",
  published: `2026-0${(i % 9) + 1}-1${i % 10}`,
}));

export function DataSection() {
  return (
    <Section id="data" title="Cards, tables, tabs, alerts">
      <Tabs defaultValue="table">
        <TabsList aria-label="Views">
          <TabsTrigger value="table">Table</TabsTrigger>
          <TabsTrigger value="cards">Cards</TabsTrigger>
          <TabsTrigger value="loading">Loading</TabsTrigger>
        </TabsList>
        <TabsContent value="table">
          <Table aria-label="Posts" containerClassName="max-h-72 border border-zinc-200 dark:border-zinc-800">
            <TableCaption>
              12 posts; the header sticks while the rows scroll, the table scrolls sideways on a phone.
            </TableCaption>
            <TableHeader sticky>
              <TableRow>
                <TableHead className="w-8">
                  <Checkbox aria-label="Select all rows" checked="indeterminate" />
                </TableHead>
                <TableHead aria-sort="ascending">Title</TableHead>
                <TableHead>Author</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Published</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id} data-state={row.id === 2 ? "selected" : undefined}>
                  <TableCell>
                    <Checkbox aria-label={`Select ${row.title}`} checked={row.id === 2} />
                  </TableCell>
                  <TableCell className="whitespace-nowrap font-medium">{row.title}</TableCell>
                  <TableCell className="whitespace-nowrap">{row.author}</TableCell>
                  <TableCell>
                    <Badge variant={row.status === "draft" ? "warning" : "success"}>{row.status}</Badge>
                  </TableCell>
                  <TableCell className="whitespace-nowrap">{row.published}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TabsContent>
        <TabsContent value="cards" className="grid gap-4 sm:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Posts</CardTitle>
              <CardDescription>128 published, 6 drafts.</CardDescription>
            </CardHeader>
            <CardContent>Cards group a heading, content and actions.</CardContent>
            <CardFooter>
              <Button size="sm">Open</Button>
              <Button size="sm" variant="ghost">
                Later
              </Button>
            </CardFooter>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle asChild>
                <h3>Comments</h3>
              </CardTitle>
              <CardDescription>A card whose title is an h3 (asChild).</CardDescription>
            </CardHeader>
            <CardContent>
              <Separator className="mb-4" />
              Nothing to moderate.
            </CardContent>
          </Card>
        </TabsContent>
        <TabsContent value="loading" aria-busy="true" className="space-y-3">
          <p className="sr-only">Loading posts…</p>
          <Skeleton className="h-6 w-1/3" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-5/6" />
        </TabsContent>
      </Tabs>
      <Row label="Alerts">
        <div className="grid w-full gap-3">
          <Alert variant="info">
            <AlertTitle>Heads up</AlertTitle>
            <AlertDescription>Info alerts are role=&quot;status&quot;.</AlertDescription>
          </Alert>
          <Alert variant="success">
            <AlertTitle>Saved</AlertTitle>
          </Alert>
          <Alert variant="warning">
            <AlertTitle>This post is a draft</AlertTitle>
            <AlertDescription>Only you and editors can see it.</AlertDescription>
          </Alert>
          <Alert variant="destructive">
            <AlertTitle>Could not save</AlertTitle>
            <AlertDescription>The title is already used by another post.</AlertDescription>
          </Alert>
        </div>
      </Row>
    </Section>
  );
}
