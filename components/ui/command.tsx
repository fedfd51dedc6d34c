"use client";
import { Check, LoaderCircle, Search } from "lucide-react";
import * as React from "react";
import { Button } from "./button";
import { cn } from "./cn";

/**
 * An accessible search-and-pick list (the ARIA 1.2 combobox pattern, no extra dependency): focus stays in the input,
 * the active option is announced through aria-activedescendant. Arrow keys move, Enter picks, Escape clears the text
 * (or calls onEscape), scrolling to the end or pressing ArrowDown on the last option asks for more.
 * The caller owns the data: it filters or fetches on onSearch (debounce there), and decides what a pick does.
 */
export type ComboboxOption = { value: string; label: string; description?: string; disabled?: boolean };

export type ComboboxProps = {
  /** The input's id (a Label's htmlFor or FormField's id); option and list ids derive from it. */
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
  /** Values shown as picked (check marks, aria-selected). */
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

/** The next enabled option from `from` in direction `step`, or `from` itself when there is none. */
function nextEnabled(options: readonly ComboboxOption[], from: number, step: 1 | -1): number {
  for (let i = from + step; i >= 0 && i < options.length; i += step) {
    if (!options[i]?.disabled) return i;
  }
  return from;
}

export function Combobox({
  id: idProp,
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
  const generated = React.useId();
  const id = idProp ?? generated;
  const listId = `${id}-listbox`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const scrollRef = React.useRef<HTMLDivElement>(null);
  const sentinelRef = React.useRef<HTMLDivElement>(null);

  // A new search starts again at the first option; loading more keeps the position.
  const [active, setActive] = React.useState(0);
  const [searchSeen, setSearchSeen] = React.useState(value);
  if (searchSeen !== value) {
    setSearchSeen(value);
    setActive(0);
  }
  const first = nextEnabled(options, -1, 1);
  const clamped = Math.min(active, options.length - 1);
  const activeIndex = clamped >= 0 && !options[clamped]?.disabled ? clamped : first;
  const activeOption = activeIndex >= 0 ? options[activeIndex] : undefined;
  const canLoadMore = hasMore && !loading && onLoadMore !== undefined;
  const invalid = ariaInvalid === true || ariaInvalid === "true";

  // Keep the active option visible by scrolling the list only (scrollIntoView would also move the page).
  React.useEffect(() => {
    const list = scrollRef.current;
    const option = list?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (!list || !option) return;
    if (option.offsetTop < list.scrollTop) list.scrollTop = option.offsetTop;
    else if (option.offsetTop + option.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = option.offsetTop + option.offsetHeight - list.clientHeight;
    }
  }, [activeIndex]);

  // Reaching the end of the list by scrolling loads the next page.
  React.useEffect(() => {
    const sentinel = sentinelRef.current;
    if (!canLoadMore || !sentinel || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onLoadMore?.(), {
      root: scrollRef.current,
    });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [canLoadMore, onLoadMore]);

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.nativeEvent.isComposing) return;
    switch (event.key) {
      case "ArrowDown": {
        event.preventDefault();
        const next = nextEnabled(options, activeIndex, 1);
        if (next === activeIndex && canLoadMore) onLoadMore?.();
        setActive(next);
        break;
      }
      case "ArrowUp":
        event.preventDefault();
        setActive(nextEnabled(options, activeIndex, -1));
        break;
      case "Enter":
        // Never submit the surrounding form from the search box.
        event.preventDefault();
        if (activeOption && !activeOption.disabled) onSelect(activeOption.value);
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

  const status = loading
    ? "Loading…"
    : options.length === 0
      ? typeof emptyText === "string"
        ? emptyText
        : "No results."
      : `${options.length} ${options.length === 1 ? "result" : "results"}${hasMore ? ", more available" : ""}`;

  return (
    <div
      data-slot="combobox"
      data-invalid={invalid || undefined}
      className={cn(
        "flex flex-col text-sm",
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
        <input
          id={id}
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeOption ? optionId(activeIndex) : undefined}
          aria-invalid={ariaInvalid}
          {...aria}
          autoComplete="off"
          spellCheck={false}
          // biome-ignore lint/a11y/noAutofocus: opt-in, for a picker that opens in a popover and should take the typing.
          autoFocus={autoFocus}
          disabled={disabled}
          value={value}
          placeholder={placeholder}
          onChange={(event) => onSearch(event.target.value)}
          onKeyDown={onKeyDown}
          className="h-10 w-full min-w-0 bg-transparent outline-none placeholder:text-zinc-400 disabled:cursor-not-allowed disabled:opacity-50 dark:placeholder:text-zinc-500"
        />
        {loading ? <LoaderCircle aria-hidden="true" className="size-4 shrink-0 animate-spin text-zinc-500" /> : null}
      </div>
      <div ref={scrollRef} className="relative max-h-64 overflow-y-auto overscroll-contain p-1">
        <div id={listId} role="listbox" aria-label={listLabel} aria-multiselectable={multiple || undefined}>
          {options.map((option, index) => {
            const isSelected = selected.includes(option.value);
            return (
              // biome-ignore lint/a11y/useKeyWithClickEvents: keys reach options through the input (aria-activedescendant).
              <div
                key={option.value}
                // Options take no Tab stop; focus stays in the input. -1 only satisfies "interactive roles are focusable".
                tabIndex={-1}
                id={optionId(index)}
                role="option"
                data-index={index}
                aria-selected={isSelected}
                aria-disabled={option.disabled || undefined}
                data-active={index === activeIndex || undefined}
                // Keep focus in the input when an option is clicked.
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => index !== activeIndex && !option.disabled && setActive(index)}
                onClick={() => !option.disabled && onSelect(option.value)}
                className="flex cursor-pointer items-start gap-2 rounded px-2 py-1.5 data-active:bg-zinc-100 aria-disabled:cursor-not-allowed aria-disabled:opacity-50 dark:data-active:bg-zinc-800"
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
                    <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">
                      {option.description}
                    </span>
                  ) : null}
                </span>
              </div>
            );
          })}
        </div>
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
      </div>
      <div role="status" className="sr-only">
        {status}
      </div>
    </div>
  );
}
