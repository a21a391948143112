// The house's layers, as allowlists over resolved paths: every import must match an `allowed`
// rule for the folder it is in, so a folder no rule names can import nothing, and a file no
// rule covers fails (`no-layer`). Paths are relative to the repository root, after resolution
// (a `../main` from the Core is `electron/main/...`, a bare `lunr` is `node_modules/lunr/...`).
// `npm run deps` checks the tree; tests/house/layers.test.ts plants a violation of each rule.
'use strict';

const SHARED = '^shared/';
const CORE = '^electron/core/';
const CLI = '^electron/cli/';
const MAIN = '^electron/main/';
const PRELOAD = '^electron/preload/';
const RENDERER = '^renderer/src/';
const TESTS = '^tests/';
// Config files at the root, the `casefile` launcher and repository scripts.
const TOOLING = '^(?:scripts/|bin/|[^/]+\\.(?:ts|mts|cts|js|mjs|cjs)$)';
const LAYERS = [SHARED, CORE, CLI, MAIN, PRELOAD, RENDERER, TESTS, TOOLING];

/** Resolved path of an installed package (and its subpaths), for `to.path`. */
const lib = (...names) => `^node_modules/(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})/`;

// Libraries each runtime may load. Adding one to a layer is a decision: make it here.
const SHARED_LIBS = lib('zod');
// Reports: markdown-it reads the body, citeproc formats footnotes, docx writes Word files, parse5
// reads a published report's saved page for the importer (a parser that runs nothing).
// @streamparser/json reads a JSON export a piece at a time. pdfjs-dist reads a PDF's text
// (saved pages as evidence) and, in the renderer, draws it in the PDF viewer.
const CORE_LIBS = lib('zod', 'better-sqlite3-multiple-ciphers', 'lunr', 'uuid', 'file-type', 'saxes', 'markdown-it', 'citeproc', 'docx', 'parse5', '@streamparser/json', 'yazl', 'yauzl', 'pdfjs-dist');
const CLI_LIBS = lib('zod', 'commander', 'cli-progress');
const MAIN_LIBS = lib('zod', 'electron');
// i18next and react-i18next: the message catalogues (renderer/src/i18n), bundled, nothing fetched.
const RENDERER_LIBS = lib(
  'zod', 'react', 'react-dom', 'react-aria-components', '@tanstack/react-query', '@tanstack/react-virtual',
  'dompurify', 'markdown-it', 'diff', 'pdfjs-dist', 'i18next', 'react-i18next',
);
const NODE = { dependencyTypes: ['core'] };

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  allowedSeverity: 'error',
  allowed: [
    { comment: 'shared/ is pure TypeScript for both sides: shared/ and zod only',
      from: { path: SHARED }, to: { path: [SHARED, SHARED_LIBS] } },

    { comment: 'The Core owns the data: plain Node and non-UI libraries, never Electron, main, preload, cli or the renderer',
      from: { path: CORE }, to: { path: [CORE, SHARED, CORE_LIBS] } },
    { from: { path: CORE }, to: NODE },

    { comment: 'The command line drives the Core',
      from: { path: CLI }, to: { path: [CLI, CORE, SHARED, CORE_LIBS, CLI_LIBS] } },
    { from: { path: CLI }, to: NODE },

    { comment: 'main is Electron glue over the Core',
      from: { path: MAIN }, to: { path: [MAIN, CORE, SHARED, MAIN_LIBS] } },
    { from: { path: MAIN }, to: NODE },

    { comment: 'The sandboxed preload can require electron and nothing else; shared/ for its types only',
      from: { path: PRELOAD }, to: { path: [PRELOAD, lib('electron')] } },
    { from: { path: PRELOAD }, to: { path: SHARED, dependencyTypes: ['type-only'] } },

    { comment: 'The renderer is a web page: shared/ and browser libraries; the Core only through window.casefile',
      from: { path: RENDERER }, to: { path: [RENDERER, SHARED, RENDERER_LIBS] } },

    { comment: 'Tests may reach any layer and any installed package; Electron itself only for its types (it cannot load under Node)',
      from: { path: TESTS }, to: { path: ['^(?:tests|electron/(?:core|cli|main|preload)|renderer/src|shared|scripts)/', '^node_modules/'], pathNot: lib('electron') } },
    { from: { path: TESTS }, to: { path: lib('electron'), dependencyTypes: ['type-only'] } },
    { from: { path: TESTS }, to: NODE },

    { comment: 'Config files, bin/ and scripts/: Node, installed tools, and the entry points they start or check',
      from: { path: TOOLING }, to: { path: [TOOLING, '^node_modules/', '^electron/main/csp\\.ts$', '^electron/cli/main\\.ts$'] } },
    { from: { path: TOOLING }, to: NODE },
  ],
  forbidden: [
    { name: 'no-layer', severity: 'error',
      comment: 'Every file belongs to a layer above; a new top-level folder needs its own rule first',
      from: { pathNot: [...LAYERS, '^node_modules/'] }, to: {} },
    { name: 'no-layer-orphan', severity: 'error',
      comment: 'A file outside every layer that imports nothing is still outside every layer',
      from: { orphan: true, pathNot: [...LAYERS, '^node_modules/'] }, to: {} },
    { name: 'feature-private', severity: 'error',
      comment: 'A renderer feature is private: other features see only its index.ts',
      from: { path: '^renderer/src/features/([^/]+)/' },
      to: { path: '^renderer/src/features/[^/]+/', pathNot: ['^renderer/src/features/$1/', '^renderer/src/features/[^/]+/index\\.ts$'] } },
    { name: 'feature-private-outside', severity: 'error',
      comment: 'app/, components/ and data/ see a feature only through its index.ts',
      from: { path: RENDERER, pathNot: '^renderer/src/features/' },
      to: { path: '^renderer/src/features/[^/]+/', pathNot: '^renderer/src/features/[^/]+/index\\.ts$' } },
    { name: 'no-circular', severity: 'error',
      comment: 'A cycle makes load order matter and two modules one; restructure (move the shared part down)',
      from: {}, to: { circular: true } },
    { name: 'not-to-unresolvable', severity: 'error',
      comment: 'An import that cannot be resolved cannot be checked',
      from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: '^node_modules/' },
    exclude: { path: '^(?:out|dist|coverage|tests/e2e/artifacts)/' },
    // Type-only imports count: the preload rule needs them, and a cycle through types is still one.
    tsPreCompilationDeps: true,
    // Resolve packages the way Node and Vite do, through their `exports` maps.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
