import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { call, onMenu, toApiError } from '../api/client';
import { arriveFromNavigation } from '../components/arrival';
import { useToast } from '../components/toast';
import { useActing } from '../data/acting';
import { useDraftStore } from '../data/useDraft';
import { NewActorDialog } from '../features/actors';
import { NewCaseDialog } from '../features/cases';
import { CommandPalette } from '../features/search';
import { NewSourceDialog } from '../features/sources';
import { useNewStatement } from '../features/statements';
import { ProfileMenu } from '../features/profiles';
import { NewReportDialog } from '../features/reports';
import { useTranslationEditStore } from '../features/translations';
import { CommandsContext, ScreenCommandsContext } from './commands';
import type { Command, Commands } from './commands';
import { HelpOverlay } from './HelpOverlay';
import { navigate, paths, useRoute } from './router';
import { Routes } from './Routes';
import { isTyping } from './shortcuts';
import { Sidebar } from './Sidebar';
import { StatusArea } from './StatusArea';
import { useCan } from '../data/permissions';
import { useTranslation } from 'react-i18next';

type Overlay = 'palette' | 'help' | 'case.new' | 'source.new' | 'actor.new' | 'report.new' | null;

export function Shell() {
  const route = useRoute();
  const { profile, setProfileId } = useActing();
  const canReindex = useCan('desk.reindex');
  const drafts = useDraftStore();
  const segmentEdits = useTranslationEditStore();
  const { undoLast, notify } = useToast();
  const newStatement = useNewStatement();
  const { t } = useTranslation('shell');
  const [overlay, setOverlay] = useState<Overlay>(null);
  const mainRef = useRef<HTMLElement>(null);
  const caseId = route.segments[0] === 'cases' ? route.segments[1] : undefined;
  // What the screen on show can do (useScreenCommands), listed before the commands of everywhere.
  const [screenCommands, setScreenCommands] = useState<ReadonlyMap<symbol, readonly Command[]>>(new Map());
  const setScreen = useCallback((owner: symbol, cmds: readonly Command[] | null) => {
    setScreenCommands((m) => {
      const next = new Map(m);
      if (cmds) next.set(owner, cmds); else next.delete(owner);
      return next;
    });
  }, []);

  // Long: the status area shows their progress with a Cancel button; the answer comes as a toast.
  const maintenance = useMemo<Command[]>(() => {
    const as = profile?.id;
    if (!as) return [];
    const check: Command = {
      id: 'desk.check', label: t('cmd.check'), keywords: 'integrity audit chain verify hashes attachments index',
      run: () => call('desk.check', { as }).then(
        (r) => notify({ message: r.ok ? t('toast.checkedOk') : t('toast.checkedProblems', { count: r.problems.length, first: r.problems[0] ?? '' }), tone: r.ok ? 'info' : 'error' }),
        (e: unknown) => { const err = toApiError(e); notify({ message: err.code === 'cancelled' ? t('toast.checkCancelled') : err.message, tone: err.code === 'cancelled' ? 'info' : 'error' }); },
      ),
    };
    const reindex: Command = {
      id: 'desk.reindex', label: t('cmd.reindex'), keywords: 'reindex search maintenance',
      run: () => call('desk.reindex', { as }).then(
        (r) => notify({ message: t('toast.reindexed', { count: r.documents }) }),
        (e: unknown) => { const err = toApiError(e); notify({ message: err.code === 'cancelled' ? t('toast.reindexCancelled') : err.message, tone: err.code === 'cancelled' ? 'info' : 'error' }); },
      ),
    };
    return canReindex.allowed ? [check, reindex] : [check];
  }, [profile?.id, canReindex.allowed, notify, t]);

  const list = useMemo<Command[]>(() => [
    ...[...screenCommands.values()].flat(),
    { id: 'case.new', label: t('cmd.caseNew'), keywords: 'create open case file', run: () => setOverlay('case.new') },
    { id: 'statement.new', label: caseId ? t('cmd.statementNewHere') : t('cmd.statementNew'), keywords: 'create capture', run: () => void newStatement(caseId) },
    { id: 'source.new', label: t('cmd.sourceNew'), keywords: 'create evidence', run: () => setOverlay('source.new') },
    { id: 'actor.new', label: t('cmd.actorNew'), keywords: 'create person organization', run: () => setOverlay('actor.new') },
    { id: 'report.new', label: caseId ? t('cmd.reportNewHere') : t('cmd.reportNew'), keywords: 'create draft publication write', run: () => setOverlay('report.new') },
    ...(caseId ? [{
      id: 'report.import', label: t('cmd.reportImport'), keywords: 'import text html page footnotes',
      run: () => navigate(`${paths.case(caseId, 'reports')}?import=1`),
    }] : []),
    { id: 'go.inbox', label: t('cmd.goInbox'), shortcut: 'G I', keywords: 'my work assigned review due changes requested', run: () => navigate(paths.inbox()) },
    { id: 'go.cases', label: t('cmd.goCases'), shortcut: 'G C', run: () => navigate(paths.cases()) },
    { id: 'go.board', label: t('cmd.goBoard'), keywords: 'kanban status', run: () => navigate(`${paths.cases()}?view=board`) },
    { id: 'go.sources', label: t('cmd.goSources'), shortcut: 'G S', run: () => navigate(paths.sources()) },
    { id: 'go.reports', label: t('cmd.goReports'), shortcut: 'G R', keywords: 'publications drafts published', run: () => navigate(paths.reports()) },
    { id: 'go.actors', label: t('cmd.goActors'), shortcut: 'G A', run: () => navigate(paths.actors()) },
    { id: 'go.search', label: t('cmd.goSearch'), shortcut: '/', run: () => navigate(paths.search()) },
    { id: 'go.trash', label: t('cmd.goTrash'), shortcut: 'G T', run: () => navigate(paths.trash()) },
    { id: 'go.review', label: t('cmd.goReview'), keywords: 'translations approve four eyes reviewer', run: () => navigate(paths.review()) },
    { id: 'go.glossary', label: t('cmd.goGlossary'), keywords: 'termbase terms glossary tbx', run: () => navigate(paths.glossary()) },
    { id: 'go.profiles', label: t('cmd.goProfiles'), keywords: 'people users', run: () => navigate(paths.profiles()) },
    { id: 'go.settings', label: t('cmd.goSettings'), keywords: 'settings preferences language arabic english theme dark light', run: () => navigate(paths.settings()) },
    { id: 'profile.switch', label: t('cmd.profileSwitch'), keywords: 'user login', run: () => setProfileId(null) },
    { id: 'save', label: t('cmd.save'), shortcut: 'Ctrl+S', run: () => { void drafts.flushAll(); void segmentEdits.flushAll(); } },
    { id: 'undo', label: t('cmd.undo'), shortcut: 'Ctrl+Z', run: () => { if (!undoLast()) notify({ message: t('toast.nothingToUndo') }); } },
    { id: 'help', label: t('cmd.help'), shortcut: '?', run: () => setOverlay('help') },
    ...maintenance,
  ], [screenCommands, caseId, newStatement, setProfileId, drafts, segmentEdits, undoLast, notify, maintenance, t]);

  const commands = useMemo<Commands>(() => ({
    list,
    run: (id) => list.find((c) => c.id === id)?.run(),
    openPalette: () => setOverlay('palette'),
    openHelp: () => setOverlay('help'),
  }), [list]);

  // The application menu (File > New Case) lands here.
  useEffect(() => onMenu((command) => { if (command === 'case.new') setOverlay('case.new'); }), []);

  // Arriving on another screen moves focus to its heading (components/arrival.ts), so screen
  // readers announce it; a layout effect, so the request is there before the screen's own effects.
  const screen = `${route.segments[0] ?? ''}/${route.segments[1] ?? ''}`;
  useLayoutEffect(() => { arriveFromNavigation(); }, [screen]);

  useEffect(() => {
    let pendingG = 0;
    const down = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.altKey && e.key.toLowerCase() === 'k') { e.preventDefault(); setOverlay('palette'); return; }
      if (mod && !e.altKey && e.key.toLowerCase() === 's') { e.preventDefault(); void drafts.flushAll(); void segmentEdits.flushAll(); return; }
      if (document.querySelector('.modal-overlay')) return;
      if (mod && !e.shiftKey && e.key.toLowerCase() === 'z' && !isTyping(e.target)) {
        if (undoLast()) e.preventDefault();
        return;
      }
      if (mod || e.altKey || isTyping(e.target)) return;
      if (e.key === '?') { e.preventDefault(); setOverlay('help'); return; }
      if (e.key === '/') { e.preventDefault(); navigate(paths.search()); return; }
      if (e.key === 'g') { pendingG = Date.now(); return; }
      if (Date.now() - pendingG < 1500) {
        const to: Record<string, string> = { i: paths.inbox(), c: paths.cases(), s: paths.sources(), r: paths.reports(), a: paths.actors(), t: paths.trash(), f: paths.search() };
        const target = to[e.key.toLowerCase()];
        pendingG = 0;
        if (target) { e.preventDefault(); navigate(target); }
      }
    };
    window.addEventListener('keydown', down);
    return () => window.removeEventListener('keydown', down);
  }, [drafts, segmentEdits, undoLast]);

  const close = () => setOverlay(null);
  return (
    <CommandsContext.Provider value={commands}>
      <ScreenCommandsContext.Provider value={setScreen}>
      <div className="app">
        <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); mainRef.current?.focus(); }}>{t('skip')}</a>
        <header className="titlebar">
          <span className="brand">{t('brand')}</span>
          <button type="button" className="palette-button" onClick={() => setOverlay('palette')} aria-keyshortcuts="Control+K">
            <span>{t('paletteButton')}</span>
            <kbd>{t('paletteKeys')}</kbd>
          </button>
          <div className="titlebar-end">
            <button type="button" className="icon quiet" onClick={() => setOverlay('help')} aria-label={t('help')} aria-keyshortcuts="?">?</button>
            <ProfileMenu />
          </div>
        </header>
        <div className="workspace">
          <Sidebar />
          <main id="main" ref={mainRef} tabIndex={-1}>
            <Routes />
          </main>
        </div>
      </div>
      <StatusArea />
      <CommandPalette isOpen={overlay === 'palette'} onClose={close} commands={list} />
      <HelpOverlay isOpen={overlay === 'help'} onClose={close} />
      <NewCaseDialog isOpen={overlay === 'case.new'} onClose={close} />
      <NewSourceDialog isOpen={overlay === 'source.new'} onClose={close} />
      <NewActorDialog isOpen={overlay === 'actor.new'} onClose={close} />
      <NewReportDialog isOpen={overlay === 'report.new'} onClose={close} caseId={caseId} />
      </ScreenCommandsContext.Provider>
    </CommandsContext.Provider>
  );
}
