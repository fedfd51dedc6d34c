"use server";
/** The dev mailbox's one action: empty it. As development-only as the pages (app/dev/development-only.ts). */
import { lte } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { developmentOnly } from "@/app/dev/development-only";
import { getDb } from "@/db/client";
import { devMail } from "@/db/schema";

export async function clearMailbox(): Promise<void> {
  await developmentOnly();
  // Everything received until now: a message arriving while this runs stays.
  await getDb().delete(devMail).where(lte(devMail.createdAt, new Date()));
  revalidatePath("/dev/mail");
  redirect("/dev/mail");
}
