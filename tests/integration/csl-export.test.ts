// CSL-JSON export of a case's sources: the same description of a source as the report footnotes
// (csl.ts), plus where its archived copies are.
import { describe, expect, it } from 'vitest';
import { sourceToCsl } from '../../electron/core/io/csl';
import { makeDesk, useCleanup } from './helpers';

useCleanup();

describe('exchange.exportCsl', () => {
  it("writes the case's sources (filed or cited) as the footnotes describe them, with archived copies; trashed ones left out", async () => {
    const d = await makeDesk();
    const as = d.admin.id;
    const kase = await d.core.invoke('cases.create', { as, title: 'Case' });
    const filed = await d.core.invoke('sources.create', { as, kind: 'press_release', title: 'Statement of the bureau', author: 'Political bureau', publisher: 'Nujaba', publishedAt: '2023-11-01', accessedAt: '2023-11-02T10:00:00.000Z', caseIds: [kase.id] });
    const cited = await d.core.invoke('sources.create', { as, kind: 'video', title: 'Speech', url: 'https://example.org/v' });
    const st = await d.core.invoke('statements.create', { as, originalText: 'نص', language: 'ar', caseIds: [kase.id] });
    await d.core.invoke('citations.add', { as, citingType: 'statement', citingId: st.id, sourceId: cited.id });
    const gone = await d.core.invoke('sources.create', { as, kind: 'document', title: 'Gone', caseIds: [kase.id] });
    await d.core.invoke('sources.trash', { as, id: gone.id, rev: gone.rev });
    const file = await d.core.invoke('attachments.add', { as, ownerType: 'source', ownerId: filed.id, fileName: 'release.pdf', data: new TextEncoder().encode('%PDF-1.4 release') });

    const out = await d.core.invoke('exchange.exportCsl', { as, caseId: kase.id });
    const items = JSON.parse(out.json) as Record<string, unknown>[];
    expect(out.items).toBe(2);
    const byId = new Map(items.map((i) => [i.id, i]));
    const filedNow = await d.core.invoke('sources.get', { as, id: filed.id });
    expect(byId.get(filed.id)).toEqual({ ...sourceToCsl(filedNow), archive: 'Casefile', archive_location: `release.pdf (SHA-256 ${file.sha256})` });
    expect(byId.get(cited.id)).toEqual(sourceToCsl(await d.core.invoke('sources.get', { as, id: cited.id })));
    expect(byId.get(filed.id)).toMatchObject({ type: 'document', genre: 'press release', issued: { 'date-parts': [[2023, 11, 1]] } });
  });
});
