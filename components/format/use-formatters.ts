"use client";
import { useSyncExternalStore } from "react";
import { type Formatters, formattersFor, SERVER_LOCALE, SERVER_TIME_ZONE } from "./formatters";

const subscribe = () => () => {};
const browser = () => {
  const { locale, timeZone } = Intl.DateTimeFormat().resolvedOptions();
  return formattersFor(locale, timeZone);
};
const server = () => formattersFor(SERVER_LOCALE, SERVER_TIME_ZONE);

/**
 * Formatters in the reader's locale and time zone. The server cannot know either, so it renders with a fixed pair
 * and the browser switches to its own right after hydration (useSyncExternalStore's server snapshot), without a
 * hydration mismatch.
 */
export function useFormatters(): Formatters {
  return useSyncExternalStore(subscribe, browser, server);
}
