// Dates and time zones are checked against the calendar and the IANA database at every door:
// a pattern alone let 2023-13-45 through, and it was then shown with the Hijri date of some
// other month.
import { describe, expect, it } from 'vitest';
import { exportJson, importJson } from '../../electron/core/io/json';
import { partialDateProblem, timeZoneProblem } from '../../shared/domain/calendar';
import { cf, cfJson, tempDir as cliTemp } from './cliRunner';
import { makeDesk, newCase, newSource, newStatement, openCore, refused, tableCounts, useCleanup } from './helpers';

useCleanup();

describe('real calendar dates', () => {
  it('names what is impossible about a date', () => {
    expect(partialDateProblem('2023-13-45')).toBe('there is no month 13 (months are 01 to 12)');
    expect(partialDateProblem('2023-00')).toBe('there is no month 00 (months are 01 to 12)');
    expect(partialDateProblem('2023-11-31')).toBe('November 2023 has no day 31 (it has 30 days)');
    expect(partialDateProblem('2023-02-29')).toBe('February 2023 has no day 29 (it has 28 days)');
    expect(partialDateProblem('2023-11-00')).toBe('November 2023 has no day 00 (it has 30 days)');
    expect(partialDateProblem('2023-11-01T24:00Z')).toBe('there is no hour 24 (hours are 00 to 23)');
    expect(partialDateProblem('2023-11-01T12:60Z')).toBe('there is no minute 60 (minutes are 00 to 59)');
    expect(partialDateProblem('2023-11-01T12:30+15:00')).toMatch(/\+15:00 is not a UTC offset/);
    for (const ok of ['2023', '2023-11', '2024-02-29', '2000-02-29', '2023-11-01', '2023-11-01T23:59:59.999Z', '2023-11-01T14:30+03:00', '2023-11-01T14:30-12:00']) {
      expect(partialDateProblem(ok), ok).toBeNull();
    }
  });

  it('refuses impossible dates in statements, sources and events, and writes nothing', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const before = tableCounts(d.core.db);
    let body = await refused(newStatement(d, { saidAt: '2023-13-45' }), 'invalid_input');
    expect(body.field).toBe('saidAt');
    expect(body.message).toBe('saidAt: 2023-13-45 is not a real date: there is no month 13 (months are 01 to 12)');
    body = await refused(newStatement(d, { saidAt: '2023-02-29' }), 'invalid_input');
    expect(body.message).toContain('February 2023 has no day 29');
    body = await refused(newSource(d, { publishedAt: '2023-11-31' }), 'invalid_input');
    expect(body.field).toBe('publishedAt');
    body = await refused(d.core.invoke('events.create', { as: d.analyst.id, caseId: c.id, occurredAt: '2023-04-31', title: 'Strike' }), 'invalid_input');
    expect(body.field).toBe('occurredAt');
    body = await refused(d.core.invoke('sources.create', { as: d.analyst.id, kind: 'web_page', title: 'T', accessedAt: '2023-02-30T10:00:00Z' }), 'invalid_input');
    expect(body.field).toBe('accessedAt');
    body = await refused(d.core.invoke('cases.create', { as: d.admin.id, title: 'T', dueDate: '2023-06-31' }), 'invalid_input');
    expect(body.field).toBe('dueDate');
    expect(tableCounts(d.core.db)).toEqual(before);
    const st = await newStatement(d);
    const withStatement = tableCounts(d.core.db);
    body = await refused(d.core.invoke('statements.update', { as: d.analyst.id, id: st.id, rev: st.rev, saidAt: '2023-11-01T25:00Z' }), 'invalid_input');
    expect(body.message).toContain('there is no hour 25');
    expect(tableCounts(d.core.db)).toEqual(withStatement);

    // A leap day is a real date.
    expect((await newStatement(d, { saidAt: '2024-02-29' })).saidAt).toBe('2024-02-29');
  });

  it('import-json refuses a document holding an impossible date', async () => {
    const d = await makeDesk();
    await newStatement(d, { saidAt: '2023-11-01' });
    const doc = exportJson(d.core);
    const row = doc.tables.statements![0] as Record<string, unknown>;
    row.said_at = '2023-13-45';
    const target = openCore();
    expect(() => importJson(target, doc)).toThrow(/said_at.*2023-13-45 is not a real date: there is no month 13/);
    expect(tableCounts(target.db).statements).toBe(0);
  });
});

describe('IANA time zones', () => {
  it('accepts zone names (and the aliases of listed zones), refuses anything else with a hint', async () => {
    for (const ok of ['Asia/Baghdad', 'Asia/Tehran', 'UTC', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'Asia/Calcutta']) {
      expect(timeZoneProblem(ok), ok).toBeNull();
    }
    expect(timeZoneProblem('asia/baghdad')).toBe('"asia/baghdad" is not a time zone Casefile knows: did you mean Asia/Baghdad?');
    for (const bad of ['Mars/Olympus_Mons', '+03:00', 'Baghdad', 'GMT+3', 'utc+3', 'Etc/GMT+3', '']) {
      expect(timeZoneProblem(bad), bad).not.toBeNull();
    }
    const d = await makeDesk();
    const body = await refused(newStatement(d, { timezone: 'Mars/Olympus_Mons' }), 'invalid_input');
    expect(body.field).toBe('timezone');
    expect(body.message).toBe('timezone: "Mars/Olympus_Mons" is not a time zone Casefile knows: use an IANA name such as Asia/Baghdad, Asia/Tehran or UTC');
    expect((await newStatement(d, { timezone: 'Asia/Baghdad' })).timezone).toBe('Asia/Baghdad');
  });

  it('the command line refuses --said-at 2023-13-45 and --timezone Nowhere, and stores nothing', async () => {
    const desk = cliTemp();
    await cfJson(['profile', 'add', '--unencrypted', '--data', desk, '--name', 'Dana', '--initials', 'DA', '--roles', 'analyst']);
    const bad = await cf(['statement', 'add', '--data', desk, '--original-file', '-', '--said-at', '2023-13-45'], { input: 'نص' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('casefile: invalid_input: saidAt: 2023-13-45 is not a real date: there is no month 13 (months are 01 to 12)\n');
    const zone = await cf(['statement', 'add', '--data', desk, '--original-file', '-', '--timezone', 'Asia/Bagdad'], { input: 'نص' });
    expect(zone.code).toBe(1);
    expect(zone.stderr).toContain('"Asia/Bagdad" is not a time zone Casefile knows');
    expect((await cfJson<{ total: number }>(['statement', 'list', '--data', desk])).total).toBe(0);
  });
});
