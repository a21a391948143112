export * from './extract';
export * from './fold';
export { SURA_COUNT, suraByArabicName, suraName, suraVerseCount } from './suras';
export { balanceBidi, isolate } from './isolate';
export { parseQuranValue, pivotName, pivotQuery, pivotUrl, quranValues, type PivotKind } from './pivots';
