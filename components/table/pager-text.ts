/**
 * The pager's words: "Page 2 of 5, 93 posts", or when the total is the server's estimate (`totalEstimated`, past its
 * count cap) "Page 2 of about 61,000, about 1.2M posts". Null while the total is unknown.
 */
export interface PagerCount {
  page: number;
  /** -1 when unknown. */
  totalItems: number;
  totalPages: number;
  estimated?: boolean | undefined;
}

export function pagerText(count: PagerCount, noun: { one: string; many: string }, locale?: string): string | null {
  const { page, totalItems, totalPages, estimated } = count;
  if (totalItems < 0) return null;
  const plain = new Intl.NumberFormat(locale);
  if (estimated) {
    // An estimate may fall short of the page the reader got to with "Next": then that page is the figure.
    const last = Math.max(totalPages, page, 1);
    const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
    const items = `about ${compact.format(totalItems)} ${noun.many.toLowerCase()}`;
    return `Page ${plain.format(page)} of about ${plain.format(last)}, ${items}`;
  }
  const last = Math.max(totalPages, 1);
  const items = `${plain.format(totalItems)} ${(totalItems === 1 ? noun.one : noun.many).toLowerCase()}`;
  return `Page ${plain.format(Math.min(page, last))} of ${plain.format(last)}, ${items}`;
}
