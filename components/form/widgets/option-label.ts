/**
 * An enum option as people read it: "in_review" reads "In review". Forms, table cells, filters, chips and history all
 * use it, so one value reads the same everywhere; the API and the URL keep the stored value.
 */
export const optionLabel = (value: string) => value.replace(/[_-]+/g, " ").replace(/^./, (c) => c.toUpperCase());
