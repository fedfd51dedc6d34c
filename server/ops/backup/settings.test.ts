/** The backup settings: BACKUP_DIR's default, the schedule's cron checked, the retention bounded. */
import { afterEach, describe, expect, it } from "vitest";
import { backupsFromEnv, EnvError } from "@/env";
import { backupSchedules, createBackupJob } from "./jobs";

const NAMES = ["BACKUP_DIR", "BACKUP_SCHEDULE", "BACKUP_KEEP", "BACKUP_TIMEOUT_MINUTES", "ATRIUM_DATA_DIR"] as const;
const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
afterEach(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});
function set(values: Partial<Record<(typeof NAMES)[number], string>>) {
  for (const name of NAMES) delete process.env[name];
  Object.assign(process.env, values);
}

describe("backupsFromEnv", () => {
  it("defaults: the data folder's backups/, no schedule, 7 kept, 120 minutes", () => {
    set({});
    expect(backupsFromEnv()).toEqual({ BACKUP_DIR: ".data/backups", BACKUP_KEEP: 7, BACKUP_TIMEOUT_MINUTES: 120 });
    set({ ATRIUM_DATA_DIR: "/srv/atrium" });
    expect(backupsFromEnv().BACKUP_DIR).toBe("/srv/atrium/backups");
    expect(backupSchedules()).toEqual([]);
  });

  it("a cron schedules the backup job, in UTC", () => {
    set({ BACKUP_SCHEDULE: " 0 3 * * * " });
    expect(backupSchedules()).toEqual([
      { kind: "schedule", cron: "0 3 * * *", job: createBackupJob, input: {}, tz: "UTC" },
    ]);
    set({ BACKUP_SCHEDULE: "" });
    expect(backupSchedules()).toEqual([]);
  });

  it("refuses what it cannot use, naming the variable", () => {
    for (const bad of [{ BACKUP_SCHEDULE: "every night" }, { BACKUP_KEEP: "0" }, { BACKUP_TIMEOUT_MINUTES: "5000" }]) {
      set(bad);
      expect(() => backupsFromEnv()).toThrow(EnvError);
      expect(() => backupsFromEnv()).toThrow(Object.keys(bad)[0] as string);
    }
  });
});
