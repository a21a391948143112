// Every catalogue, bundled: a namespace per feature folder (features/<name>), plus common (components/),
// labels (the domain's enums) and shell (app/). A new namespace is a JSON file in both languages and a line here.
import en_common from './locales/en/common.json';
import en_labels from './locales/en/labels.json';
import en_shell from './locales/en/shell.json';
import en_settings from './locales/en/settings.json';
import en_cases from './locales/en/cases.json';
import en_statements from './locales/en/statements.json';
import en_search from './locales/en/search.json';
import en_translations from './locales/en/translations.json';
import en_sources from './locales/en/sources.json';
import en_actors from './locales/en/actors.json';
import en_reports from './locales/en/reports.json';
import en_profiles from './locales/en/profiles.json';
import en_desk from './locales/en/desk.json';
import en_notes from './locales/en/notes.json';
import en_trash from './locales/en/trash.json';
import en_inbox from './locales/en/inbox.json';
import en_glossary from './locales/en/glossary.json';
import en_evidence from './locales/en/evidence.json';
import ar_common from './locales/ar/common.json';
import ar_labels from './locales/ar/labels.json';
import ar_shell from './locales/ar/shell.json';
import ar_settings from './locales/ar/settings.json';
import ar_cases from './locales/ar/cases.json';
import ar_statements from './locales/ar/statements.json';
import ar_search from './locales/ar/search.json';
import ar_translations from './locales/ar/translations.json';
import ar_sources from './locales/ar/sources.json';
import ar_actors from './locales/ar/actors.json';
import ar_reports from './locales/ar/reports.json';
import ar_profiles from './locales/ar/profiles.json';
import ar_desk from './locales/ar/desk.json';
import ar_notes from './locales/ar/notes.json';
import ar_trash from './locales/ar/trash.json';
import ar_inbox from './locales/ar/inbox.json';
import ar_glossary from './locales/ar/glossary.json';
import ar_evidence from './locales/ar/evidence.json';

export const NAMESPACES = ['common', 'labels', 'shell', 'settings', 'cases', 'statements', 'search', 'translations', 'sources', 'actors', 'reports', 'profiles', 'desk', 'notes', 'trash', 'inbox', 'glossary', 'evidence'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const en = { common: en_common, labels: en_labels, shell: en_shell, settings: en_settings, cases: en_cases, statements: en_statements, search: en_search, translations: en_translations, sources: en_sources, actors: en_actors, reports: en_reports, profiles: en_profiles, desk: en_desk, notes: en_notes, trash: en_trash, inbox: en_inbox, glossary: en_glossary, evidence: en_evidence };
// Typed as English: a key English lacks is a type error wherever it is used, and tests/renderer/i18nCatalogues.test.ts
// holds Arabic to the same keys (with its six plural forms).
export const ar: Record<Namespace, Record<string, unknown>> = { common: ar_common, labels: ar_labels, shell: ar_shell, settings: ar_settings, cases: ar_cases, statements: ar_statements, search: ar_search, translations: ar_translations, sources: ar_sources, actors: ar_actors, reports: ar_reports, profiles: ar_profiles, desk: ar_desk, notes: ar_notes, trash: ar_trash, inbox: ar_inbox, glossary: ar_glossary, evidence: ar_evidence };

export const resources = { en, ar };
