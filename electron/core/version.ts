/** The Casefile version the Core reports (app.info) and the CLI prints (--version). */
export const CORE_VERSION = '0.1.0';
