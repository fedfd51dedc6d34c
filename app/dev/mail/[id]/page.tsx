import { eq } from "drizzle-orm";
import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { developmentOnly } from "@/app/dev/development-only";
import { DateTime } from "@/components/format/date-time";
import { Badge } from "@/components/ui/badge";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { ThemeToggle } from "@/components/ui/theme";
import { getDb } from "@/db/client";
import { devMail } from "@/db/schema";
import { appOrigin } from "@/server/mail/app-url";

export const metadata: Metadata = { title: "Message (developer page)", robots: { index: false, follow: false } };

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', lt: "<", gt: ">", "#x27": "'", "#39": "'" };

/** The http(s) links of a message's HTML, in order, once each. */
function linksIn(html: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/\shref="([^"]*)"/g)) {
    const href = (match[1] ?? "").replace(/&(amp|quot|lt|gt|#x27|#39);/g, (_, name: string) => ENTITIES[name] ?? "");
    if (URL.canParse(href) && /^https?:$/.test(new URL(href).protocol)) links.add(href);
  }
  return [...links];
}

/** A link to this app opens here, whatever port or host the mail's origin names (APP_URL may be another). */
function openHref(link: string, origin: string): string {
  const url = new URL(link);
  return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : link;
}

/**
 * One message of the dev mailbox: its headers, the HTML as a mail client shows it, the plain text and the source.
 * The HTML is shown in a sandboxed frame with no permissions: it gets an opaque origin and runs no script, so a
 * message can never act as this app.
 */
export default async function MailPage({ params }: { params: Promise<{ id: string }> }) {
  await developmentOnly();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const [mail] = await getDb().select().from(devMail).where(eq(devMail.id, id));
  if (!mail) notFound();
  const origin = appOrigin();
  const links = linksIn(mail.html);

  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-8">
      <div className="flex items-center justify-between gap-4">
        <Link
          href="/dev/mail"
          className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          <ArrowLeft aria-hidden="true" className="size-4" />
          Mailbox
        </Link>
        <ThemeToggle />
      </div>

      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold tracking-tight break-words">{mail.subject}</h1>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-zinc-600 dark:text-zinc-400">From</dt>
          <dd className="min-w-0 break-words">{mail.from}</dd>
          <dt className="text-zinc-600 dark:text-zinc-400">To</dt>
          <dd className="min-w-0 break-words">{mail.to}</dd>
          <dt className="text-zinc-600 dark:text-zinc-400">Received</dt>
          <dd>
            <DateTime value={mail.createdAt} />
          </dd>
          <dt className="text-zinc-600 dark:text-zinc-400">Template</dt>
          <dd>
            <Badge variant="secondary">{mail.template}</Badge>
          </dd>
        </dl>
      </div>

      <Tabs defaultValue="html">
        <TabsList aria-label="Message format">
          <TabsTrigger value="html">HTML</TabsTrigger>
          <TabsTrigger value="text">Plain text</TabsTrigger>
          <TabsTrigger value="source">Source</TabsTrigger>
        </TabsList>
        <TabsContent value="html">
          <iframe
            title={`The message as HTML: ${mail.subject}`}
            sandbox=""
            srcDoc={mail.html}
            className="h-[70vh] min-h-96 w-full rounded-lg border border-zinc-200 bg-white dark:border-zinc-800"
          />
        </TabsContent>
        <TabsContent value="text">
          <pre className="overflow-x-auto rounded-lg border border-zinc-200 bg-white p-4 font-mono text-sm whitespace-pre-wrap break-words dark:border-zinc-800 dark:bg-zinc-900">
            {mail.text}
          </pre>
        </TabsContent>
        <TabsContent value="source">
          <pre className="max-h-[70vh] overflow-auto rounded-lg border border-zinc-200 bg-white p-4 font-mono text-xs whitespace-pre-wrap break-all dark:border-zinc-800 dark:bg-zinc-900">
            {mail.html}
          </pre>
        </TabsContent>
      </Tabs>

      {links.length > 0 ? (
        <section aria-labelledby="links-heading" className="flex flex-col gap-2">
          <h2 id="links-heading" className="text-lg font-semibold">
            Links in this message
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            The frame above cannot open links; open them from here. A link to this app opens in this browser tab.
          </p>
          <ul className="flex flex-col gap-1 text-sm">
            {links.map((link) => (
              <li key={link} className="min-w-0 break-all">
                <a href={openHref(link, origin)} className="text-indigo-600 underline dark:text-indigo-400">
                  {link}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
