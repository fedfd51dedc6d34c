import { count, desc, ilike } from "drizzle-orm";
import { Inbox, RefreshCw } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { developmentOnly } from "@/app/dev/development-only";
import { DateTime } from "@/components/format/date-time";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ThemeToggle } from "@/components/ui/theme";
import { getDb } from "@/db/client";
import { devMail } from "@/db/schema";
import { mailTransportKind } from "@/server/mail/send";
import { clearMailbox } from "./actions";

export const metadata: Metadata = { title: "Mailbox (developer page)", robots: { index: false, follow: false } };

const PER_PAGE = 25;
/** The mailbox keeps a few hundred messages; a page number past this is a typo, not a page. */
const MAX_PAGE = 1_000;

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** `%` and `_` in what was typed are letters, not LIKE wildcards. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function hrefFor(to: string, page: number): string {
  const query = new URLSearchParams();
  if (to) query.set("to", to);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/dev/mail?${text}` : "/dev/mail";
}

/**
 * The dev mailbox: every message the app sent while SMTP_URL was not set, newest first (server/mail/send.ts keeps
 * them in the dev_mail table). Development only.
 */
export default async function MailboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await developmentOnly();
  const params = await searchParams;
  const to = (first(params.to) ?? "").trim().slice(0, 320);
  const requested = Number.parseInt(first(params.page) ?? "1", 10);
  const where = to ? ilike(devMail.to, `%${escapeLike(to)}%`) : undefined;
  const db = getDb();
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(devMail).where(where);
  const totalPages = Math.max(1, Math.ceil(total / PER_PAGE));
  const page = Math.min(Number.isInteger(requested) && requested > 0 ? requested : 1, totalPages, MAX_PAGE);
  const items = await db
    .select({
      id: devMail.id,
      to: devMail.to,
      subject: devMail.subject,
      template: devMail.template,
      createdAt: devMail.createdAt,
    })
    .from(devMail)
    .where(where)
    .orderBy(desc(devMail.createdAt), desc(devMail.id))
    .limit(PER_PAGE)
    .offset((page - 1) * PER_PAGE);
  const smtp = mailTransportKind() === "smtp";

  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-8">
      <div className="flex flex-col gap-3">
        <div className="flex items-center justify-between gap-4">
          <h1 className="text-3xl font-bold tracking-tight">Mailbox</h1>
          <div className="flex items-center gap-1">
            <Link href="/" className="rounded-md px-2 py-1 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
              Home
            </Link>
            <ThemeToggle />
          </div>
        </div>
        {smtp ? (
          <Alert variant="info" role="note">
            <AlertTitle>Mail goes to your SMTP server</AlertTitle>
            <AlertDescription>
              <code className="font-mono">SMTP_URL</code> is set, so new messages are sent through it and do not appear
              here. Unset it to collect mail in this mailbox again.
            </AlertDescription>
          </Alert>
        ) : (
          <Alert variant="warning" role="note">
            <AlertTitle>Developer page</AlertTitle>
            <AlertDescription>
              Every message the app sends while <code className="font-mono">SMTP_URL</code> is not set, newest first, so
              sign-up and password reset work offline. Not linked from the app; the newest 500 are kept.
            </AlertDescription>
          </Alert>
        )}
      </div>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <search className="flex-1">
          <form method="get" action="/dev/mail" className="flex flex-col gap-1.5">
            <Label htmlFor="mail-to">Recipient</Label>
            <div className="flex gap-2">
              <Input id="mail-to" name="to" type="search" defaultValue={to} placeholder="ada@example.com" />
              <Button type="submit" variant="secondary">
                Filter
              </Button>
            </div>
          </form>
        </search>
        <div className="flex gap-2">
          <Button asChild variant="outline">
            <Link href={hrefFor(to, page)}>
              <RefreshCw aria-hidden="true" />
              Refresh
            </Link>
          </Button>
          <form action={clearMailbox}>
            <Button type="submit" variant="destructive" disabled={total === 0 && !to}>
              Clear mailbox
            </Button>
          </form>
        </div>
      </div>

      <section aria-labelledby="messages-heading" className="flex flex-col gap-3">
        <h2 id="messages-heading" className="sr-only">
          Messages
        </h2>
        {items.length === 0 ? (
          <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700">
            <Inbox aria-hidden="true" className="size-8 text-zinc-400" />
            {to ? (
              <>
                <p className="font-medium">No mail to addresses containing “{to}”.</p>
                <Link href="/dev/mail" className="text-sm text-indigo-600 underline dark:text-indigo-400">
                  Show all mail
                </Link>
              </>
            ) : (
              <>
                <p className="font-medium">No mail yet.</p>
                <p className="max-w-md text-sm text-zinc-600 dark:text-zinc-400">
                  Sign up, ask for a password reset or a sign-in code, and the message shows up here a moment later
                  (mail is sent by a background job). Then press Refresh.
                </p>
              </>
            )}
          </div>
        ) : (
          <ul className="divide-y divide-zinc-200 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
            {items.map((mail) => (
              <li key={mail.id}>
                <Link
                  href={`/dev/mail/${mail.id}`}
                  className="flex flex-col gap-1 px-4 py-3 outline-none hover:bg-zinc-50 focus-visible:bg-zinc-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500 sm:flex-row sm:items-center sm:gap-4 dark:hover:bg-zinc-800/50 dark:focus-visible:bg-zinc-800/50"
                >
                  <span className="flex min-w-0 flex-1 flex-col">
                    <span className="truncate font-medium">{mail.subject}</span>
                    <span className="truncate text-sm text-zinc-600 dark:text-zinc-400">To {mail.to}</span>
                  </span>
                  <span className="flex items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400">
                    <Badge variant="secondary">{mail.template}</Badge>
                    <DateTime value={mail.createdAt} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {total > 0 ? (
          <nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm">
            <p className="text-zinc-600 dark:text-zinc-400">
              Page {page} of {totalPages} · {total} {total === 1 ? "message" : "messages"}
            </p>
            <div className="flex gap-2">
              {page > 1 ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={hrefFor(to, page - 1)}>Newer</Link>
                </Button>
              ) : null}
              {page < totalPages ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={hrefFor(to, page + 1)}>Older</Link>
                </Button>
              ) : null}
            </div>
          </nav>
        ) : null}
      </section>
    </main>
  );
}
