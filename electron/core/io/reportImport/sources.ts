// What a footnote says about its source: kind, title, author, publisher or platform, date
// and address, read from the footnote's text ("X.com/Akram_Kaabi, November 1, 2023.") when
// the copy has its footnote list, and otherwise guessed from the sentence that cites it
// ("On October 30, Al-Nujaba published a video …[3]"), with the guessed fields named.
import type { ImportPlannedSource } from '../../../../shared/domain';
import { extractLinks } from '../../../../shared/text';
import { findDates, longDate } from './dates';

type Kind = ImportPlannedSource['kind'];
type Field = ImportPlannedSource['guessed'][number];

export interface SourceFields {
  kind: Kind;
  title: string;
  author: string | null;
  publisher: string | null;
  url: string | null;
  publishedAt: string | null;
  guessed: Field[];
}

interface Platform { host: RegExp; name: string; short: string; kind: Kind; handle: boolean }

const PLATFORMS: Platform[] = [
  { host: /^(www\.|mobile\.)?(x|twitter)\.com$/i, name: 'X (formerly Twitter)', short: 'X', kind: 'social_post', handle: true },
  { host: /^(t\.me|telegram\.(me|dog|org))$/i, name: 'Telegram', short: 'Telegram', kind: 'social_post', handle: true },
  { host: /^(www\.|m\.)?facebook\.com$/i, name: 'Facebook', short: 'Facebook', kind: 'social_post', handle: true },
  { host: /^(www\.)?instagram\.com$/i, name: 'Instagram', short: 'Instagram', kind: 'social_post', handle: true },
  { host: /^(www\.|m\.)?(youtube\.com|youtu\.be)$/i, name: 'YouTube', short: 'YouTube', kind: 'video', handle: false },
  { host: /^(www\.)?tiktok\.com$/i, name: 'TikTok', short: 'TikTok', kind: 'video', handle: true },
  { host: /^(www\.)?rumble\.com$/i, name: 'Rumble', short: 'Rumble', kind: 'video', handle: false },
];

/** Platforms as a sentence names them. */
const PLATFORM_WORDS: [RegExp, string][] = [
  [/\bX\s*\(formerly Twitter\)|\bTwitter\b|\bon X\b|\bX account\b|\bX post\b/, 'X (formerly Twitter)'],
  [/\bTelegram\b/, 'Telegram'], [/\bFacebook\b/, 'Facebook'], [/\bInstagram\b/, 'Instagram'],
  [/\bYouTube\b/, 'YouTube'], [/\bTikTok\b/, 'TikTok'],
];

// Bare addresses in footnotes: "X.com/Akram_Kaabi", "Alsumaria.tv". Bounded, so a long line costs little.
const BARE_URL = /(?<![\w@.-])((?:[a-z0-9][a-z0-9-]{0,62}\.){1,4}(?:com|net|org|tv|me|be|info|news|ir|iq|lb|sy|ye|ps|af|pk|ru|io|co|uk|fm)(?:\/[^\s,;"”)]{0,300})?)(?![\w-])/i;

function hostOf(url: string): string {
  return url.replace(/^https?:\/\//i, '').split(/[/?#]/)[0]?.toLowerCase() ?? '';
}

function platformOf(url: string): Platform | null {
  const host = hostOf(url);
  return PLATFORMS.find((p) => p.host.test(host)) ?? null;
}

/** The account a platform address names: x.com/Akram_Kaabi -> @Akram_Kaabi. */
function handleOf(url: string): string | null {
  const seg = url.replace(/^https?:\/\//i, '').split(/[?#]/)[0]?.split('/')[1];
  return seg && /^[\w.]{1,64}$/.test(seg) && !['status', 'watch', 'channel', 's', 'share', 'i', 'home'].includes(seg.toLowerCase()) ? `@${seg.replace(/^@/, '')}` : null;
}

function withScheme(url: string): string {
  return /^https?:\/\//i.test(url) ? url : `https://${url}`;
}

/** The first address in a footnote: a link of the page, else one written in the text. */
function urlIn(text: string, links: string[]): string | null {
  if (links[0]) return links[0];
  const written = extractLinks(text)[0];
  if (written) return withScheme(written.replace(/[.,;]+$/, ''));
  const bare = BARE_URL.exec(text);
  return bare ? withScheme((bare[1] as string).replace(/[.,;]+$/, '')) : null;
}

/** The kind of source a sentence describes. */
export function kindFromWords(text: string): Kind | null {
  if (/\bvideos?\b|\bfootage\b|\bclip\b/i.test(text)) return 'video';
  if (/\baudio\b|\brecording\b|\bpodcast\b/i.test(text)) return 'audio';
  if (/\b(speech|televised|broadcast|interview on|TV)\b/.test(text)) return 'broadcast';
  if (/\bpress release\b|\bcommuniqu[eé]\b/i.test(text)) return 'press_release';
  if (PLATFORM_WORDS.some(([re]) => re.test(text)) || /\b(posted|tweeted|post)\b/i.test(text)) return 'social_post';
  if (/\bstatement\b|\bletter\b|\bdocument\b|\bfatwa\b/i.test(text)) return 'document';
  return null;
}

function platformFromWords(text: string): string | null {
  return PLATFORM_WORDS.find(([re]) => re.test(text))?.[1] ?? null;
}

const NOUN: Record<Kind, string> = {
  social_post: 'post', video: 'video', audio: 'audio recording', web_page: 'web page', document: 'statement',
  image: 'image', broadcast: 'broadcast', press_release: 'press release',
};

function shortPlatform(name: string): string {
  return PLATFORMS.find((p) => p.name === name)?.short ?? name;
}

/** "Akram Al-Kaabi, post on X, November 1, 2023" */
function composeTitle(f: { kind: Kind; author: string | null; publisher: string | null; publishedAt: string | null }, fallback: string): string {
  const what = `${NOUN[f.kind]}${f.publisher && f.kind === 'social_post' ? ` on ${shortPlatform(f.publisher)}` : ''}`;
  const date = f.publishedAt && /^\d{4}-\d{2}-\d{2}$/.test(f.publishedAt) ? longDate(f.publishedAt) : f.publishedAt;
  if (!f.author && !date) return fallback;
  return [f.author ? `${f.author}, ${what}` : what.charAt(0).toUpperCase() + what.slice(1), date].filter(Boolean).join(', ');
}

export interface CitingContext {
  /** The sentence that cites the source, markers left out. */
  sentence: string;
  /** The actor the sentence is about, if one is named. */
  author: string | null;
  /** The dateline's ISO date, for dates written without a year. */
  dateline: string | null;
  /** `Source cited as [n] in "…"`: the title when nothing better is known. */
  fallbackTitle: string;
}

/** A source described by its footnote text, and where that is silent, by the sentence citing it. */
export function sourceFromFootnote(text: string | null, links: string[], ctx: CitingContext): SourceFields {
  const guessed: Field[] = [];
  const fromContext = <T>(field: Field, v: T): T => {
    if (v !== null) guessed.push(field);
    return v;
  };
  const sentenceDate = findDates(ctx.sentence, ctx.dateline)[0]?.iso ?? null;
  if (text === null) {
    const publisher = platformFromWords(ctx.sentence);
    const kind = kindFromWords(ctx.sentence) ?? 'document';
    const f = { kind, author: ctx.author, publisher, url: null, publishedAt: sentenceDate };
    guessed.push('kind', 'title');
    if (f.author) guessed.push('author');
    if (f.publisher) guessed.push('publisher');
    if (f.publishedAt) guessed.push('publishedAt');
    return { ...f, title: composeTitle(f, ctx.fallbackTitle), guessed };
  }

  const url = urlIn(text, links);
  const platform = url ? platformOf(url) : null;
  const date = findDates(text, ctx.dateline)[0]?.iso ?? null;
  // Before the first comma: the outlet or account, unless that is the address or the date.
  const head = text.split(',')[0]?.trim() ?? '';
  const headIsOther = head === '' || findDates(head).length > 0 || BARE_URL.test(head) || /^https?:/i.test(head);
  const kind: Kind = platform?.kind ?? kindFromWords(text) ?? (url ? 'web_page' : fromContext('kind', kindFromWords(ctx.sentence)) ?? 'document');
  const publisher = platform?.name ?? (url ? hostOf(url).replace(/^www\./, '') : headIsOther ? fromContext('publisher', platformFromWords(ctx.sentence)) : head);
  const author = (platform?.handle && url ? handleOf(url) : null) ?? fromContext('author', ctx.author);
  const publishedAt = date ?? fromContext('publishedAt', sentenceDate);
  const title = text.replace(/\s*\.\s*$/, '').trim() || composeTitle({ kind, author, publisher, publishedAt }, ctx.fallbackTitle);
  return { kind, title: title.slice(0, 1_000), author, publisher, url, publishedAt, guessed };
}
