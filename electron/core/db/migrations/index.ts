import * as m0001 from './0001_initial';
import * as m0002 from './0002_search';
import * as m0003 from './0003_translations';
import * as m0004 from './0004_profile_deactivation';
import * as m0005 from './0005_index_follows_change_log';
import * as m0006 from './0006_report_publishing';
import * as m0007 from './0007_search_filter_tokens';
import * as m0008 from './0008_row_images';
import * as m0009 from './0009_exchange';
import * as m0010 from './0010_glossary_qa';
import * as m0011 from './0011_saved_pages';
import * as m0012 from './0012_notes_on_translations';

export interface Migration { version: number; name: string; sql: string }

/** In order; the array index + 1 is the schema version (PRAGMA user_version). */
export const migrations: Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012].map((m, i) => ({ version: i + 1, name: m.name, sql: m.sql }));
export const LATEST_VERSION = migrations.length;
