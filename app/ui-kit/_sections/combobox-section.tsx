"use client";
import { ChevronsUpDown, X } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Combobox } from "@/components/ui/command";
import { controlBase } from "@/components/ui/control-styles";
import { FormField } from "@/components/ui/form-field";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { useFakePeople } from "./fake-people";
import { Section } from "./section";

/** A relation picker as the forms will build it: a field-looking button opening a Combobox in a Popover. */
function AuthorPicker({ invalid }: { invalid?: boolean }) {
  const people = useFakePeople();
  const [open, setOpen] = useState(false);
  const [author, setAuthor] = useState<string | null>(null);
  return (
    <FormField label="Author" required error={invalid && !author ? "Pick an author." : undefined}>
      {(control) => (
        <Popover open={open} onOpenChange={setOpen}>
          <PopoverTrigger asChild>
            <button
              type="button"
              {...control}
              className={cn(controlBase, "flex h-9 cursor-pointer items-center justify-between gap-2 px-3 text-left")}
            >
              <span className={cn("truncate", !author && "text-zinc-400 dark:text-zinc-500")}>
                {author ? people.labelOf(author) : "Choose an author"}
              </span>
              <ChevronsUpDown aria-hidden="true" className="size-4 shrink-0 opacity-60" />
            </button>
          </PopoverTrigger>
          <PopoverContent className="w-(--radix-popover-trigger-width) min-w-64 p-0">
            <Combobox
              aria-label="Search authors"
              autoFocus
              value={people.search}
              onSearch={people.onSearch}
              options={people.options}
              loading={people.loading}
              hasMore={people.hasMore}
              onLoadMore={people.loadMore}
              selected={author ? [author] : []}
              onSelect={(value) => {
                setAuthor(value);
                setOpen(false);
              }}
            />
          </PopoverContent>
        </Popover>
      )}
    </FormField>
  );
}

export function ComboboxSection() {
  const single = useFakePeople();
  const multi = useFakePeople();
  const [reviewer, setReviewer] = useState<string[]>(["user-0-0"]);
  const [tags, setTags] = useState<string[]>(["user-2-2", "user-1-1"]);
  const toggle = (value: string) => setTags((t) => (t.includes(value) ? t.filter((v) => v !== value) : [...t, value]));

  return (
    <Section id="combobox" title="Combobox (relation picker)">
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField label="Reviewer (open, single)" help="Arrow keys, Enter, Escape; scroll for more.">
          {(control) => (
            <Combobox
              {...control}
              framed
              value={single.search}
              onSearch={single.onSearch}
              options={single.options}
              loading={single.loading}
              hasMore={single.hasMore}
              onLoadMore={single.loadMore}
              selected={reviewer}
              onSelect={(value) => setReviewer([value])}
            />
          )}
        </FormField>
        <FormField label="Co-authors (open, multiple)" error="Pick at most two co-authors.">
          {(control) => (
            <div className="space-y-2">
              <ul className="flex flex-wrap gap-1" aria-label="Picked co-authors">
                {tags.map((value) => (
                  <li key={value}>
                    <Badge variant="secondary" className="pr-1">
                      {multi.labelOf(value)}
                      <button
                        type="button"
                        onClick={() => toggle(value)}
                        aria-label={`Remove ${multi.labelOf(value)}`}
                        className="cursor-pointer rounded hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-700"
                      >
                        <X aria-hidden="true" />
                      </button>
                    </Badge>
                  </li>
                ))}
              </ul>
              <Combobox
                {...control}
                multiple
                framed
                value={multi.search}
                onSearch={multi.onSearch}
                options={multi.options}
                loading={multi.loading}
                hasMore={multi.hasMore}
                onLoadMore={multi.loadMore}
                selected={tags}
                onSelect={toggle}
              />
            </div>
          )}
        </FormField>
        <AuthorPicker />
        <AuthorPicker invalid />
      </div>
    </Section>
  );
}
