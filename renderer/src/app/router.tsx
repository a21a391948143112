/**
 * A small hash router: the app is one page loaded from disk, so the hash is the only
 * address it has. `#/cases/ID/statements?x=1` -> segments ['cases', ID, 'statements'], query x=1.
 */
import { useSyncExternalStore } from 'react';
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';

export interface Route {
  segments: string[];
  query: URLSearchParams;
  path: string;
}

function parse(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const segments = path.split('/').filter(Boolean).map((s) => {
    try { return decodeURIComponent(s); } catch { return s; }
  });
  return { segments, query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)), path };
}

let cached: { hash: string; route: Route } | null = null;
function current(): Route {
  const hash = window.location.hash;
  if (!cached || cached.hash !== hash) cached = { hash, route: parse(hash) };
  return cached.route;
}

function subscribe(fn: () => void): () => void {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current);
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const hash = `#${to}`;
  if (window.location.hash === hash) return;
  if (opts.replace) {
    window.history.replaceState(window.history.state, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = to;
  }
}

/** Builds `path?query` dropping empty values. */
export function withQuery(path: string, params: Record<string, string | string[] | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else if (v) q.set(k, v);
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

const enc = encodeURIComponent;
export const paths = {
  home: () => '/',
  cases: () => '/cases',
  case: (id: string, tab?: string) => `/cases/${enc(id)}${tab ? `/${tab}` : ''}`,
  statement: (id: string) => `/statements/${enc(id)}`,
  sources: () => '/sources',
  source: (id: string) => `/sources/${enc(id)}`,
  actors: () => '/actors',
  actor: (id: string) => `/actors/${enc(id)}`,
  settings: () => '/settings',
  search: (q?: string) => (q ? `/search?q=${enc(q)}` : '/search'),
  trash: () => '/trash',
  review: () => '/review',
  reports: () => '/reports',
  report: (id: string) => `/reports/${enc(id)}`,
  profiles: () => '/profiles',
  glossary: () => '/glossary',
  inbox: () => '/inbox',
};

/** The page that shows one record, by record type; null for kinds shown only inside another record's page. */
export function recordPath(recordType: string, id: string): string | null {
  switch (recordType) {
    case 'statement': return paths.statement(id);
    case 'source': return paths.source(id);
    case 'actor': return paths.actor(id);
    case 'case': return paths.case(id);
    case 'report': return paths.report(id);
    default: return null;
  }
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; children: ReactNode };

/** A real link (middle-click, keyboard, screen readers) that stays in the app. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={`#${to}`} onClick={click} {...rest} />;
}
