/**
 * The header of pages shown outside the site's and the admin's chrome (403, a page that failed): the name, home, and
 * the theme toggle, nothing that needs the database or the session.
 */
import Link from "next/link";
import { Brand } from "@/components/brand/brand";
import { ThemeToggle } from "@/components/ui/theme";

export function PlainHeader() {
  return (
    <div className="flex items-center justify-between px-4 py-3">
      <Link href="/" className="text-lg font-semibold tracking-tight">
        <Brand />
      </Link>
      <ThemeToggle />
    </div>
  );
}
