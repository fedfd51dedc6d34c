"use client";
import { Command as CommandPrimitive, useCommandState } from "cmdk";
import { Check, LoaderCircle, Search } from "lucide-react";
import * as React from "react";
import { Button } from "./button";
import { cn } from "./cn";

/**
 * An accessible search-and-pick list on cmdk (the list, the active option, arrow keys, Enter to pick, pointer
 * hover), as shadcn's Combobox is. Our own <input> stays in front of it, since cmdk's would take over its id and
 * label, which a FormField's <Label htmlFor> needs: focus stays in the input and the active option is announced
 * through aria-activedescendant. Escape clears the text (or calls onEscape); scrolling to the end or pressing
 * ArrowDown on the last option asks for more. The caller owns the data: it filters or fetches on onSearch
 * (debounce there), so cmdk's own filtering is off, and decides what a pick does.
 */
export type ComboboxOption = { value: string; label: string; description?: string; disabled?: boolean };

export type ComboboxProps = {
  /** The input's id (a Label's htmlFor or FormField's id). */
  id?: string;
  /** The search text (controlled). */
  value: string;
  onSearch: (text: string) => void;
  options: readonly ComboboxOption[];
  loading?: boolean;
  /** Called with the picked option's value; with `multiple` the caller toggles it in `selected`. */
  onSelect: (value: string) => void;
  onLoadMore?: () => void;
  hasMore?: boolean;
  placeholder?: string;
  multiple?: boolean;
  /** Values shown as picked (check marks, aria-checked). */
  selected?: readonly string[];
  /** Shown when there are no options and nothing is loading. */
  emptyText?: React.ReactNode;
  /** Accessible name of the list ("Suggestions" by default). */
  listLabel?: string;
  /** Draw its own border and background (a list shown inline in a form); leave off inside a Popover. */
  framed?: boolean;
  /** Escape with an empty search text (inside a Popover, Radix closes it on Escape by itself). */
  onEscape?: () => void;
  autoFocus?: boolean;
  disabled?: boolean;
  className?: string;
  "aria-invalid"?: boolean | "true" | "false";
  "aria-describedby"?: string;
  "aria-label"?: string;
  "aria-labelledby"?: string;
};

type SearchInputProps = Pick<
  ComboboxProps,
  "id" | "value" | "onSearch" | "placeholder" | "autoFocus" | "disabled" | "onEscape" | "aria-invalid"
> & {
  aria: Pick<ComboboxProps, "aria-describedby" | "aria-label" | "aria-labelledby">;
  listId: string | undefined;
  /** The last option that can be picked: ArrowDown there loads more. */
  lastValue: string | undefined;
  onLoadMore: (() => void) | undefined;
};

/** The search box, inside cmdk's root so its keys reach cmdk's navigation and it can name the active option. */
function SearchInput({ value, onSearch, onEscape, aria, listId, lastValue, onLoadMore, ...input }: SearchInputProps) {
  const activeValue = useCommandState((state) => state.value);
  // cmdk 1.1.1's own selectedItemId is missing at mount and goes stale (dip/cmdk#413): name the active option from
  // the list itself, after every render (a lookup by value; setting the same id again renders nothing).
  const [activeId, setActiveId] = React.useState<string>();
  React.useLayoutEffect(() => {
    const list = listId ? document.getElementById(listId) : null;
    const item = activeValue ? list?.querySelector(`[cmdk-item][data-value="${CSS.escape(activeValue)}"]`) : null;
    setActiveId(item?.id || undefined);
  });
  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.nativeEvent.isComposing) return;
    switch (event.key) {
      case "ArrowDown":
        if (onLoadMore && lastValue !== undefined && activeValue === lastValue) onLoadMore();
        break;
      // Home and End move the caret in the text, as in any search box; cmdk would jump in the list.
      case "Home":
      case "End":
        event.stopPropagation();
        break;
      case "Escape":
        if (value) {
          event.preventDefault();
          event.stopPropagation();
          onSearch("");
        } else onEscape?.();
        break;
    }
  }
  return (
    <input
      {...input}
      type="text"
      role="combobox"
      aria-expanded="true"
      aria-controls={listId}
      aria-autocomplete="list"
      aria-activedescendant={activeId}
      {...aria}
      autoComplete="off"
      spellCheck={false}
      value={value}
      onChange={(event) => onSearch(event.target.value)}
      onKeyDown={onKeyDown}
      className="h-10 w-full min-w-0 bg-transparent outline-none placeholder:text-zinc-400 disabled:cursor-not-allowed disabled:opacity-50 dark:placeholder:text-zinc-500"
    />
  );
}

export function Combobox({
  id,
  value,
  onSearch,
  options,
  loading = false,
  onSelect,
  onLoadMore,
  hasMore = false,
  placeholder = "Search…",
  multiple = false,
  selected = [],
  emptyText = "No results.",
  listLabel = "Suggestions",
  onEscape,
  autoFocus,
  disabled,
  framed = false,
  className,
  "aria-invalid": ariaInvalid,
  ...aria
}: ComboboxProps) {
  const listRef = React.useRef<HTMLDivElement>(null);
  const sentinelRef = React.useRef<HTMLDivElement>(null);
  // cmdk names its list itself; the input's aria-controls reads that id once the list is in the page.
  const [listId, setListId] = React.useState<string>();
  React.useLayoutEffect(() => setListId(listRef.current?.id || undefined), []);
  const enabled = options.filter((o) => !o.disabled);
  // A new search starts again at the first option; when its results replace the list, cmdk moves to their first.
  // Loading more keeps the position.
  const [active, setActive] = React.useState("");
  const [searchSeen, setSearchSeen] = React.useState(value);
  if (searchSeen !== value) {
    setSearchSeen(value);
    setActive(enabled[0]?.value ?? "");
  }
  const canLoadMore = hasMore && !loading && onLoadMore !== undefined;
  const lastValue = enabled.at(-1)?.value;
  const invalid = ariaInvalid === true || ariaInvalid === "true";

  // Reaching the end of the list by scrolling loads the next page.
  React.useEffect(() => {
    const sentinel = sentinelRef.current;
    if (!canLoadMore || !sentinel || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onLoadMore?.(), {
      root: listRef.current,
    });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [canLoadMore, onLoadMore]);

  const status = loading
    ? "Loading…"
    : options.length === 0
      ? typeof emptyText === "string"
        ? emptyText
        : "No results."
      : `${options.length} ${options.length === 1 ? "result" : "results"}${hasMore ? ", more available" : ""}`;

  return (
    <CommandPrimitive
      data-slot="combobox"
      data-invalid={invalid || undefined}
      shouldFilter={false}
      value={active}
      onValueChange={setActive}
      // The root is no Tab stop of its own: focus belongs in the input.
      tabIndex={undefined}
      className={cn(
        "flex flex-col text-sm outline-none",
        framed &&
          "rounded-md border border-zinc-300 bg-white shadow-sm focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/40 data-invalid:border-red-500 data-invalid:focus-within:ring-red-500/40 dark:border-zinc-700 dark:bg-zinc-900 dark:data-invalid:border-red-500",
        className,
      )}
    >
      <div
        className={cn(
          "flex items-center gap-2 border-b border-zinc-200 px-3 dark:border-zinc-800",
          // In a popover the search row is the only edge there is, so it carries focus and error colours itself.
          !framed && "focus-within:border-indigo-500",
          !framed && invalid && "border-red-500 dark:border-red-500",
        )}
      >
        <Search aria-hidden="true" className="size-4 shrink-0 text-zinc-500" />
        <SearchInput
          id={id}
          value={value}
          onSearch={onSearch}
          onEscape={onEscape}
          placeholder={placeholder}
          autoFocus={autoFocus}
          disabled={disabled}
          aria-invalid={ariaInvalid}
          aria={aria}
          listId={listId}
          lastValue={lastValue}
          onLoadMore={canLoadMore ? onLoadMore : undefined}
        />
        {loading ? <LoaderCircle aria-hidden="true" className="size-4 shrink-0 animate-spin text-zinc-500" /> : null}
      </div>
      <CommandPrimitive.List
        ref={listRef}
        label={listLabel}
        aria-multiselectable={multiple || undefined}
        className="relative max-h-64 overflow-y-auto overscroll-contain p-1 outline-none"
      >
        {options.map((option) => {
          const isSelected = selected.includes(option.value);
          return (
            <CommandPrimitive.Item
              key={option.value}
              value={option.value}
              disabled={option.disabled}
              // cmdk's aria-selected marks the active option (selection follows focus); picked is aria-checked.
              aria-checked={isSelected}
              // Keep focus in the input when an option is clicked.
              onMouseDown={(event) => event.preventDefault()}
              onSelect={() => onSelect(option.value)}
              className="flex cursor-pointer items-start gap-2 rounded px-2 py-1.5 data-[disabled=true]:cursor-not-allowed data-[disabled=true]:opacity-50 data-[selected=true]:bg-zinc-100 dark:data-[selected=true]:bg-zinc-800"
            >
              <span
                aria-hidden="true"
                className={cn(
                  "mt-0.5 flex size-4 shrink-0 items-center justify-center",
                  multiple && "rounded border border-zinc-400 dark:border-zinc-600",
                  multiple &&
                    isSelected &&
                    "border-zinc-900 bg-zinc-900 text-white dark:border-zinc-100 dark:bg-zinc-100 dark:text-zinc-900",
                )}
              >
                {isSelected ? (
                  <Check strokeWidth={multiple ? 3 : 2} className={multiple ? "size-3" : "size-4"} />
                ) : null}
              </span>
              <span className="min-w-0">
                <span className="block truncate">{option.label}</span>
                {option.description ? (
                  <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">{option.description}</span>
                ) : null}
              </span>
            </CommandPrimitive.Item>
          );
        })}
        {options.length === 0 ? (
          <p className="px-2 py-6 text-center text-zinc-500 dark:text-zinc-400">{loading ? "Loading…" : emptyText}</p>
        ) : null}
        {hasMore && onLoadMore ? (
          <div ref={sentinelRef} className="px-1 pt-1">
            <Button
              variant="ghost"
              size="sm"
              className="w-full"
              tabIndex={-1}
              loading={loading}
              onMouseDown={(event) => event.preventDefault()}
              onClick={onLoadMore}
            >
              {loading ? "Loading more…" : "Load more"}
            </Button>
          </div>
        ) : null}
      </CommandPrimitive.List>
      <div role="status" className="sr-only">
        {status}
      </div>
    </CommandPrimitive>
  );
}
