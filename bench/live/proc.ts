/** What the kernel says about a process (Linux /proc): memory, CPU time, open-files limit. */
import { readFileSync } from "node:fs";

/** VmRSS, in bytes. */
export function vmRssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** User plus system CPU time so far, in ms (utime and stime of /proc/<pid>/stat, in 10 ms clock ticks). */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may hold spaces; fields after it start at state (field 3), so utime (14) is index 11.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** "soft/hard" maximum open files. */
export function openFilesLimit(pid: number | "self"): string {
  const line = readFileSync(`/proc/${pid}/limits`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("Max open files"));
  const [soft, hard] = line?.replace("Max open files", "").trim().split(/\s+/) ?? [];
  return `${soft ?? "?"}/${hard ?? "?"}`;
}
