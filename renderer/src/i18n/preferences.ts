/**
 * The interface language and theme, per installation. The Core has no per-installation settings
 * (profiles are desk records, shared by everyone who opens the data folder), and a language is a
 * choice about this screen, not about the desk, so it lives in the renderer's storage, as the last
 * chosen profile does (app/Gate.tsx).
 */
import { useSyncExternalStore } from 'react';

export type UiLanguage = 'en' | 'ar';
export type Theme = 'system' | 'light' | 'dark';
export const LANGUAGES_OFFERED: readonly UiLanguage[] = ['en', 'ar'];
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

const LANGUAGE_KEY = 'casefile.language';
const THEME_KEY = 'casefile.theme';

export interface Preferences { language: UiLanguage; theme: Theme }

function read(key: string): string | null {
  try { return window.localStorage.getItem(key); } catch { return null; }
}
function write(key: string, value: string): void {
  try { window.localStorage.setItem(key, value); } catch { /* storage may be off; the choice then lasts this session */ }
}

export function readPreferences(): Preferences {
  const language = read(LANGUAGE_KEY);
  const theme = read(THEME_KEY);
  return {
    language: LANGUAGES_OFFERED.includes(language as UiLanguage) ? (language as UiLanguage) : 'en',
    theme: THEMES.includes(theme as Theme) ? (theme as Theme) : 'system',
  };
}

let current: Preferences | null = null;
const listeners = new Set<() => void>();
const snapshot = (): Preferences => (current ??= readPreferences());
const subscribe = (fn: () => void) => { listeners.add(fn); return () => { listeners.delete(fn); }; };

export function usePreferences(): Preferences {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Puts the language's direction and the theme on <html>: the CSS mirrors and recolours from there. */
export function applyPreferences(p: Preferences = snapshot()): void {
  const root = document.documentElement;
  root.lang = p.language;
  root.dir = p.language === 'ar' ? 'rtl' : 'ltr';
  if (p.theme === 'system') root.removeAttribute('data-theme'); else root.dataset.theme = p.theme;
}

function update(next: Preferences, languageChanged: (lng: UiLanguage) => void): void {
  current = next;
  write(LANGUAGE_KEY, next.language);
  write(THEME_KEY, next.theme);
  applyPreferences(next);
  languageChanged(next.language);
  for (const fn of listeners) fn();
}

let changeLanguage: (lng: UiLanguage) => void = () => {};
/** Called once by the i18n module, so this file need not import it (and no cycle forms). */
export function onLanguageChange(fn: (lng: UiLanguage) => void): void { changeLanguage = fn; }

export function setLanguage(language: UiLanguage): void { update({ ...snapshot(), language }, changeLanguage); }
export function setTheme(theme: Theme): void { update({ ...snapshot(), theme }, () => {}); }

/** Tests start each case from the stored preferences (they clear storage between cases). */
export function reloadPreferences(): Preferences {
  current = readPreferences();
  applyPreferences(current);
  changeLanguage(current.language);
  for (const fn of listeners) fn();
  return current;
}
