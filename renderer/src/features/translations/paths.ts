// Addresses of the translation screens (the hash router's paths live in app/router.tsx).
const enc = encodeURIComponent;

export const translationPaths = {
  queue: () => '/review',
  /** The review of a translation's latest revision. */
  review: (translationId: string) => `/review/${enc(translationId)}`,
  /** Every revision of a translation; `from`/`to` pick the two compared. */
  history: (translationId: string, from?: string | null, to?: string | null) => {
    const q = new URLSearchParams();
    if (from) q.set('from', from);
    if (to) q.set('to', to);
    const s = q.toString();
    return `/translations/${enc(translationId)}${s ? `?${s}` : ''}`;
  },
};
