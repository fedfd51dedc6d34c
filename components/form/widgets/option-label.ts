/** An enum option as forms show it: "in_review" reads "In review". Tables and filters show the stored value. */
export const optionLabel = (value: string) => value.replace(/[_-]+/g, " ").replace(/^./, (c) => c.toUpperCase());
