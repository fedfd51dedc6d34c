/**
 * The people of a `bench:live` run, written straight into the throwaway database: members who write posts and
 * subscribe with their own API token, editors who subscribe with a read-only token and see every draft, and a
 * thousand published posts so the table is not empty.
 */
import postgres from "postgres";
import { createDatabase } from "../../db/client";
import { users } from "../../db/schema";
import { issueApiToken } from "../../server/auth/tokens";

export interface People {
  /** `Bearer atr_...` of each member (write scope: they author the bench's posts). */
  members: string[];
  /** `Bearer atr_...` of each editor (read scope). */
  editors: string[];
  pgVersion: string;
}

export async function seedPeople(url: string, counts: { members: number; editors: number }): Promise<People> {
  const handle = createDatabase(url, { max: 2 });
  try {
    const rows = await handle.db
      .insert(users)
      .values([
        ...Array.from({ length: counts.members }, (_, i) => ({
          name: `Live Member ${i}`,
          email: `live-member-${i}@example.com`,
          role: "member" as const,
        })),
        ...Array.from({ length: counts.editors }, (_, i) => ({
          name: `Live Editor ${i}`,
          email: `live-editor-${i}@example.com`,
          role: "editor" as const,
        })),
      ])
      .returning({ id: users.id, role: users.role });
    const bearer = async (userId: string, scope: "read" | "write") =>
      `Bearer ${(await issueApiToken(handle.db, { userId, name: "bench:live", scope })).token}`;
    const members = await Promise.all(rows.filter((u) => u.role === "member").map((u) => bearer(u.id, "write")));
    const editors = await Promise.all(rows.filter((u) => u.role === "editor").map((u) => bearer(u.id, "read")));
    await handle.sql`insert into posts (title, slug, body, status, author_id, published_at)
      select 'Earlier post #' || i, 'earlier-post-' || i, 'Written before the bench started.', 'published',
        (select id from users order by email limit 1), now() - i * interval '1 minute'
      from generate_series(1, 1000) i`;
    await handle.sql`vacuum (analyze) users, posts`;
    const [row] = await handle.sql<{ server_version: string }[]>`show server_version`;
    return { members, editors, pgVersion: row?.server_version ?? "?" };
  } finally {
    await handle.close();
  }
}

/** The bench's own connection (for NOTIFY and pg_stat_activity), named so it can leave itself out of the counts. */
export const BENCH_APPLICATION = "atrium-bench-live";

export function benchConnection(url: string) {
  return postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: BENCH_APPLICATION } });
}

/** Client connections of the app server to this database, and how many of them are LISTENing. */
export async function serverConnections(sql: postgres.Sql): Promise<{ total: number; listening: number }> {
  const [row] = await sql<{ total: number; listening: number }[]>`
    select count(*)::int as total, count(*) filter (where query ilike 'listen%')::int as listening
    from pg_stat_activity
    where datname = current_database() and backend_type = 'client backend'
      and application_name <> ${BENCH_APPLICATION}`;
  return { total: row?.total ?? 0, listening: row?.listening ?? 0 };
}
