// Captured text as an attacker would write it: markup, script, javascript: links, remote
// images and bidi overrides. Shared by the specs that check it renders inert.

export const RLO = '\u202E';
export const PDF = '\u202C';
export const LRI = '\u2066';
export const PDI = '\u2069';

export const HOSTILE = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '<script>window.__pwned=2</script>',
  mdLink: '[x](javascript:window.__pwned=3)',
  remoteImg: '<img src="http://203.0.113.7/leak.png">',
  mdRemoteImg: '![pixel](http://203.0.113.8/pixel.gif)',
  svg: '<svg onload="window.__pwned=4"></svg>',
  bidi: `invoice${RLO}fdp.exe${PDF} ${LRI}@handle${PDI}`,
};

/** The original as an analyst might paste it: Arabic, Latin and every trap at once. */
export const HOSTILE_ORIGINAL = [
  'قال المتحدث الرسمي: «النص الأصلي» ' + HOSTILE.img,
  HOSTILE.script,
  `رابط ${HOSTILE.mdLink} ثم ${HOSTILE.mdRemoteImg}`,
  HOSTILE.remoteImg + ' ' + HOSTILE.svg,
  `${RLO}مقلوب${PDF} — ${HOSTILE.bidi}`,
].join('\n');
