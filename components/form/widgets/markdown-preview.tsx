import Markdown, { type Components } from "react-markdown";
import { cn } from "@/components/ui/cn";

/** Links leave the page in a new tab, so following one from a preview never throws away the draft. */
const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
};

/**
 * Markdown rendered safely: react-markdown builds React elements (never innerHTML), `skipHtml` drops raw HTML
 * instead of passing it through, and its default URL transform neutralises `javascript:` and other unsafe links.
 */
export function MarkdownPreview({ source, className }: { source: string; className?: string }) {
  return (
    <div
      className={cn(
        "space-y-3 break-words text-sm leading-relaxed",
        "[&_h1]:text-xl [&_h1]:font-semibold [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:font-semibold",
        "[&_ul]:list-disc [&_ol]:list-decimal [&_ul,&_ol]:space-y-1 [&_ul,&_ol]:pl-5",
        "[&_a]:text-indigo-600 [&_a]:underline dark:[&_a]:text-indigo-400",
        "[&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.85em] dark:[&_code]:bg-zinc-800",
        "[&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-zinc-100 [&_pre]:p-3 dark:[&_pre]:bg-zinc-800 [&_pre_code]:bg-transparent [&_pre_code]:p-0",
        "[&_blockquote]:border-l-2 [&_blockquote]:border-zinc-300 [&_blockquote]:pl-3 [&_blockquote]:text-zinc-600 dark:[&_blockquote]:border-zinc-700 dark:[&_blockquote]:text-zinc-400",
        "[&_img]:max-w-full [&_hr]:border-zinc-200 dark:[&_hr]:border-zinc-800",
        className,
      )}
    >
      <Markdown skipHtml components={components}>
        {source}
      </Markdown>
    </div>
  );
}
