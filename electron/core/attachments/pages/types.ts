/** What a saved page says, read from its file: text for the reader and the index, and the page's own claims. */
export interface PageText {
  text: string;
  title: string | null;
  /** The address the file says the page was saved from (http or https only). */
  url: string | null;
  /** When the file says it was captured, ISO-8601 UTC. */
  capturedAt: string | null;
}

export type PageFormat = 'html' | 'mhtml' | 'warc' | 'pdf';

/** Why a page's text could not be read: the message names what is wrong, for the user. */
export class PageReadError extends Error {}

export function httpUrl(href: string | null | undefined): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!/^https?:\/\/[^\s]+$/i.test(h) || h.length > 2000) return null;
  try {
    return new URL(h).href;
  } catch {
    return null;
  }
}

/** A date as the file writes it (RFC 822 in MIME, ISO in WARC, D:YYYYMMDD... in PDF) as ISO UTC, or null. */
export function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value.trim());
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString();
}
