// Captured text is hostile: a post can carry terminal escape sequences that clear the screen,
// retitle the terminal or write the clipboard (OSC 52), and bidi or invisible characters that
// reorder or hide what is shown. Every human-readable line the command line prints shows them
// as visible ⟨U+XXXX⟩ markers; --json stays exact JSON that parses back to the same text.
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/index';
import { cf, cfProcess, tempDir } from './cliRunner';

const ESC = '\x1b';
const BEL = '\x07';
/** Clears the screen, retitles the terminal, writes "pwned" to the clipboard, colours with a C1 CSI, reverses, hides. */
const HOSTILE = `${ESC}[2J${ESC}]0;owned${BEL}${ESC}]52;c;cHduZWQ=${BEL}\u009b31mred\u202Eevil\u200Bhidden\u2066iso\u{E0041}\rback`;

/** Anything a terminal acts on or a reader cannot see: C0 (but newline and tab), DEL, C1, bidi, zero-width, tags. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\u{e0000}-\u{e007f}]/u;

function expectClean(text: string, what: string): void {
  const m = RAW.exec(text);
  expect(m, `${what} printed U+${m?.[0].codePointAt(0)?.toString(16).toUpperCase()} raw at ${m?.index}: ${JSON.stringify(text.slice(Math.max(0, (m?.index ?? 0) - 30), (m?.index ?? 0) + 10))}`).toBeNull();
}

let desk: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  desk = tempDir();
  const core = createCore({ dataDir: desk });
  try {
    const admin = await core.invoke('profiles.create', { as: null, name: `Dana ${HOSTILE}`, initials: 'DA', roles: ['admin', 'analyst', 'case_manager', 'reviewer'] });
    const as = admin.id;
    const kase = await core.invoke('cases.create', { as, title: `Case ${HOSTILE}`, summary: HOSTILE, tags: [`tag${ESC}[5m`] });
    const speaker = await core.invoke('actors.create', {
      as, kind: 'person', name: `Kaabi ${HOSTILE}`, nameOriginal: `الكعبي${ESC}]0;x${BEL}`, description: HOSTILE,
      aliases: [{ kind: 'kunya', lang: null, alias: `Abu ${HOSTILE}` }],
    });
    const org = await core.invoke('actors.create', { as, kind: 'organization', name: 'Nujaba' });
    await core.invoke('actors.link', { as, fromActorId: speaker.id, relation: 'leader_of', toActorId: org.id, note: `note ${HOSTILE}` });
    const st = await core.invoke('statements.create', {
      as, speakerId: speaker.id, originalText: `قال ${HOSTILE}\nسطر ثان`, language: 'ar', summary: `Summary ${HOSTILE}`,
      publishedWording: `Published ${HOSTILE}`, platform: `X${ESC}[1m`, handle: `@h${ESC}[1m`, caseIds: [kase.id],
    });
    const src = await core.invoke('sources.create', { as, kind: 'web_page', title: `Source ${HOSTILE}`, notes: HOSTILE, caseIds: [kase.id] });
    await core.invoke('citations.add', { as, citingType: 'statement', citingId: st.id, sourceId: src.id, locator: `p. 3 ${HOSTILE}` });
    await core.invoke('attachments.add', { as, ownerType: 'source', ownerId: src.id, fileName: `shot${ESC}[2J.png`, data: new TextEncoder().encode('bytes') });
    await core.invoke('notes.create', { as, targetType: 'case', targetId: kase.id, body: `Note ${HOSTILE}` });
    const tr = await core.invoke('translations.start', { as, statementId: st.id, targetLang: 'en' });
    const edited = await core.invoke('translations.edit', {
      as, id: tr.translation.id, rev: tr.translation.rev, segments: tr.latest.segments.map((sg) => ({ id: sg.id, target: `He said ${HOSTILE}`, note: HOSTILE })),
    });
    await core.invoke('translations.comment', { as, revisionId: edited.latest.id, segmentId: null, body: `Comment ${HOSTILE}` });
    const gone = await core.invoke('statements.create', { as, originalText: `Trashed ${HOSTILE}`, summary: `Trashed ${HOSTILE}` });
    await core.invoke('statements.trash', { as, id: gone.id, rev: gone.rev });
    Object.assign(ids, { as, kase: kase.id, speaker: speaker.id, st: st.id, src: src.id });
  } finally {
    core.close();
  }
});

describe('the command line never prints captured control or invisible characters raw', () => {
  it('statement show and actor show: originals, published wording, aliases and relation notes', async () => {
    const st = await cf(['statement', 'show', ids.st!, '--data', desk]);
    expect(st.code).toBe(0);
    expectClean(st.stdout, 'statement show');
    // Shown, not dropped: each trap is visible where it was, and newlines of the original stay lines.
    expect(st.stdout).toContain('قال ⟨U+001B⟩[2J⟨U+001B⟩]0;owned⟨U+0007⟩⟨U+001B⟩]52;c;cHduZWQ=⟨U+0007⟩⟨U+009B⟩31mred⟨U+202E⟩evil⟨U+200B⟩hidden⟨U+2066⟩iso⟨U+E0041⟩⟨U+000D⟩back\nسطر ثان');
    expect(st.stdout).toContain('Published ⟨U+001B⟩[2J');
    expect(st.stdout).toContain('Invisible or control characters in the original: U+001B ESCAPE ×3');

    const actor = await cf(['actor', 'show', ids.speaker!, '--data', desk]);
    expect(actor.code).toBe(0);
    expectClean(actor.stdout, 'actor show');
    expect(actor.stdout).toContain('Abu ⟨U+001B⟩[2J');
    expect(actor.stdout).toContain('note ⟨U+001B⟩[2J');
  });

  it('every list, show, search and history printer', async () => {
    const commands: string[][] = [
      ['case', 'list'], ['case', 'show', ids.kase!], ['actor', 'list'], ['statement', 'list'], ['source', 'list'],
      ['source', 'show', ids.src!], ['note', 'list', '--to', `case:${ids.kase}`], ['note', 'list', '--to', `case:${ids.kase}`, '--full'],
      ['trash', 'list'], ['search', 'Summary'], ['search', 'Source'], ['search', 'Kaabi'], ['translation', 'show', ids.st!], ['translation', 'history', ids.st!],
      ['profile', 'list'], ['statement', 'list', '--trashed'], ['audit', 'list'],
    ];
    for (const args of commands) {
      const r = await cf([...args, '--data', desk]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expectClean(r.stdout, args.join(' '));
      expectClean(r.stderr, `${args.join(' ')} (stderr)`);
      // The audit list shows field names and ids only; everything else shows the captured text.
      if (args[0] !== 'audit') expect(r.stdout, args.join(' ')).toContain('⟨U+001B⟩');
    }
  });

  it('errors that quote what was typed, and commander\'s own errors', async () => {
    const noProfile = await cf(['case', 'list', '--data', desk, '--as', `X${HOSTILE}`]);
    expect(noProfile.code).toBe(1);
    expectClean(noProfile.stderr, '--as error');
    expect(noProfile.stderr).toContain('"X⟨U+001B⟩[2J');
    expect(noProfile.stderr).toContain('Dana ⟨U+001B⟩'); // the list of profiles names them too

    const unknown = await cf([`frob${ESC}]0;t${BEL}`, '--data', desk]);
    expect(unknown.code).toBe(2);
    expectClean(unknown.stderr, 'unknown command');
    expect(unknown.stderr).toContain("unknown command 'frob⟨U+001B⟩]0;t⟨U+0007⟩'");

    const badChoice = await cf(['case', 'list', '--data', desk, '--status', `open${ESC}[2J`]);
    expect(badChoice.code).toBe(2);
    expectClean(badChoice.stderr, 'bad choice');
  });

  it('--json is exact JSON that parses back to the stored text, with no raw control characters', async () => {
    const r = await cf(['statement', 'show', ids.st!, '--data', desk, '--json']);
    expect(r.code).toBe(0);
    expectClean(r.stdout, 'statement show --json');
    expect((JSON.parse(r.stdout) as { summary: string }).summary).toBe(`Summary ${HOSTILE}`);
    const call = await cf(['call', 'actors.get', '--input', JSON.stringify({ id: ids.speaker }), '--data', desk]);
    expect(call.code).toBe(0);
    expectClean(call.stdout, 'call');
    expect((JSON.parse(call.stdout) as { value: { aliases: { alias: string }[] } }).value.aliases[0]?.alias).toBe(`Abu ${HOSTILE}`);
    const exported = await cf(['export-json', '--data', desk]);
    expectClean(exported.stdout, 'export-json');
    expect(JSON.stringify(JSON.parse(exported.stdout))).toContain(JSON.stringify(`Case ${HOSTILE}`));
  });

  it('statement show --original into a pipe is the exact stored text, byte for byte', async () => {
    const r = cfProcess(['statement', 'show', ids.st!, '--original', '--data', desk]);
    expect(r.code).toBe(0);
    expect(r.raw.toString('utf8')).toBe(`قال ${HOSTILE}\nسطر ثان`);
  });
});
