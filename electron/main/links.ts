/**
 * Opening a web address in the user's browser. Analysts handle links to extremist sites:
 * following one reveals their network address to whoever runs it, so it never happens
 * without a native confirmation that shows the full address. Kept free of Electron
 * (the dialog and shell are injected) so it can be tested in plain Node.
 */

const MAX_URL_LENGTH = 4096;

export type LinkVerdict = { ok: true; url: string } | { ok: false; reason: string };

export function checkExternalUrl(raw: unknown): LinkVerdict {
  if (typeof raw !== 'string') return { ok: false, reason: 'not a string' };
  if (raw.length > MAX_URL_LENGTH) return { ok: false, reason: 'too long' };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: `the ${u.protocol} scheme is not opened` };
  // https://trusted.example@evil.example/ reads as the first host and goes to the second.
  if (u.username || u.password) return { ok: false, reason: 'addresses with a user name or password are not opened' };
  // href, not the raw string: hostnames come back in punycode, so look-alike letters show.
  return { ok: true, url: u.href };
}

export interface LinkOpenerDeps {
  /** Shows the full URL and resolves true only if the user chose to open it. */
  confirm(url: string): Promise<boolean>;
  open(url: string): Promise<void>;
}

/**
 * Returns a function that resolves true if the link was opened. While one confirmation is
 * showing, further requests are refused, so a page cannot stack up dialogs.
 */
export function createLinkOpener(deps: LinkOpenerDeps): (raw: unknown) => Promise<boolean> {
  let asking = false;
  return async (raw) => {
    const verdict = checkExternalUrl(raw);
    if (!verdict.ok || asking) return false;
    asking = true;
    try {
      if (!(await deps.confirm(verdict.url))) return false;
      await deps.open(verdict.url);
      return true;
    } catch {
      return false;
    } finally {
      asking = false;
    }
  };
}
