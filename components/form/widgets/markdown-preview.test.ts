/** The preview renders what an author typed, never what could run: no raw HTML, no script URLs. */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownPreview } from "./markdown-preview";

const render = (source: string) => renderToStaticMarkup(createElement(MarkdownPreview, { source }));

describe("MarkdownPreview", () => {
  it("renders markdown, with links opening in a new tab", () => {
    const html = render("Hello **world**, see [docs](https://example.com).");
    expect(html).toContain("<strong>world</strong>");
    expect(html).toContain('<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">docs</a>');
  });

  it("drops raw HTML and neutralises javascript: links", () => {
    const html = render('<img src=x onerror="alert(1)">\n\nText <b onclick="x()">bold</b> [x](javascript:alert(1))');
    expect(html).not.toMatch(/onerror|onclick|<img|<b>|javascript:/i);
    expect(html).toContain("bold");
  });
});
