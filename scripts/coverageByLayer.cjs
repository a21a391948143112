// An istanbul reporter for `npm test`: line coverage per runtime layer, so the Core's figure
// (the one with a threshold in vitest.config.mts) is printed whether or not it passes.
'use strict';

const LAYERS = ['electron/core', 'electron/cli', 'electron/main', 'electron/preload', 'shared', 'renderer/src'];

class CoverageByLayer {
  constructor(opts = {}) {
    // Forward slashes and a trailing one, so paths compare the same on every system.
    this.root = `${(opts.root ?? process.cwd()).replaceAll('\\', '/').replace(/\/$/, '')}/`;
    this.totals = new Map(LAYERS.map((l) => [l, { covered: 0, total: 0 }]));
  }

  execute(context) {
    context.getTree('flat').visit(this, context);
  }

  onDetail(node) {
    const file = node.getFileCoverage().path.replaceAll('\\', '/').replace(this.root, '');
    const layer = LAYERS.find((l) => file.startsWith(`${l}/`));
    if (!layer) return;
    const { lines } = node.getCoverageSummary();
    const t = this.totals.get(layer);
    t.covered += lines.covered;
    t.total += lines.total;
  }

  onEnd() {
    const rows = [...this.totals].filter(([, t]) => t.total > 0).map(([layer, t]) =>
      `  ${layer.padEnd(18)} ${((100 * t.covered) / t.total).toFixed(2).padStart(6)}%  (${t.covered}/${t.total} lines)`);
    process.stdout.write(`\nLine coverage by layer\n${rows.join('\n')}\n`);
  }
}

module.exports = CoverageByLayer;
