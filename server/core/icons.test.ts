/** Resource icons: a definition names one from a closed list, and `meta` always carries one (guessed when unnamed). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tags } from "@/db/schema";
import { defaultResourceIcon, RESOURCE_ICONS } from "./icons";
import { describeResource } from "./meta";
import { defineResource } from "./resource";

const system = { kind: "system", reason: "test" } as const;

describe("resource icons", () => {
  it("guesses the usual resources by name, and falls back to a generic one", () => {
    expect(defaultResourceIcon("users")).toBe("Users");
    expect(defaultResourceIcon("posts")).toBe("FileText");
    expect(defaultResourceIcon("comments")).toBe("MessageSquare");
    expect(defaultResourceIcon("tags")).toBe("Tag");
    expect(defaultResourceIcon("announcements")).toBe("Megaphone");
    expect(defaultResourceIcon("projects")).toBe("FolderKanban");
    expect(defaultResourceIcon("invoices")).toBe("Receipt");
    expect(defaultResourceIcon("widgets")).toBe("Database");
  });

  it("always answers a name from the offered list, whatever the resource is called", () => {
    fc.assert(fc.property(fc.string(), (name) => RESOURCE_ICONS.includes(defaultResourceIcon(name))));
  });

  it("is in meta: the definition's own icon, else the guess", () => {
    const named = defineResource("labels", { table: tags, titleField: "name", icon: "Bookmark" });
    const unnamed = defineResource("labels", { table: tags, titleField: "name" });
    expect(describeResource(named, { labels: named }, system).icon).toBe("Bookmark");
    expect(describeResource(unnamed, { labels: unnamed }, system).icon).toBe("Tag");
  });

  it("is a type error to name an icon that is not offered", () => {
    // @ts-expect-error "Rocket" is not in RESOURCE_ICONS.
    defineResource("labels", { table: tags, titleField: "name", icon: "Rocket" });
  });
});
