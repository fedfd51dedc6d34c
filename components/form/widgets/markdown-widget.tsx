"use client";
import { useEffect, useRef, useState } from "react";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";
import { MarkdownPreview } from "./markdown-preview";
import type { WidgetProps } from "./widget-props";

type MarkdownWidgetProps = WidgetProps<string> & {
  /** Changes when the form wants this field focused (a failed submit): the Write tab comes back first. */
  focusRequest?: number;
};

/** Markdown source with a Write / Preview switch; the preview is rendered safely (see MarkdownPreview). */
export function MarkdownWidget({
  spec,
  control,
  value,
  onChange,
  onBlur,
  placeholder,
  disabled,
  focusRequest = 0,
}: MarkdownWidgetProps) {
  const [tab, setTab] = useState("write");
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [pendingFocus, setPendingFocus] = useState(0);

  // The textarea is not mounted while the preview shows, so a focus request switches back and focuses once it is.
  useEffect(() => {
    if (focusRequest > 0) {
      setTab("write");
      setPendingFocus(focusRequest);
    }
  }, [focusRequest]);
  useEffect(() => {
    if (pendingFocus > 0 && tab === "write") {
      textarea.current?.focus();
      setPendingFocus(0);
    }
  }, [pendingFocus, tab]);

  return (
    <Tabs value={tab} onValueChange={setTab} className="gap-2">
      <TabsList aria-label={`${spec.label}: write or preview`}>
        <TabsTrigger value="write">Write</TabsTrigger>
        <TabsTrigger value="preview">Preview</TabsTrigger>
      </TabsList>
      <TabsContent value="write" tabIndex={-1}>
        <Textarea
          {...control}
          ref={textarea}
          name={spec.name}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
          required={spec.required}
          maxLength={spec.descriptor?.rules?.maxLength}
          placeholder={placeholder ?? "Markdown: **bold**, _italic_, [link](https://…), - lists"}
          disabled={disabled}
          rows={6}
          className="min-h-32"
        />
      </TabsContent>
      <TabsContent
        value="preview"
        className="min-h-32 rounded-md border border-zinc-200 bg-white px-3 py-2 dark:border-zinc-800 dark:bg-zinc-900"
      >
        {value.trim() ? (
          <MarkdownPreview source={value} />
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Nothing to preview yet.</p>
        )}
      </TabsContent>
    </Tabs>
  );
}
