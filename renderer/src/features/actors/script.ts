/** Which script a name is written in, to group aliases as the desk reads them. */
export function scriptOf(text: string): 'Arabic' | 'Latin' | 'Cyrillic' | 'Other' {
  if (/\p{Script=Arabic}/u.test(text)) return 'Arabic';
  if (/\p{Script=Cyrillic}/u.test(text)) return 'Cyrillic';
  if (/\p{Script=Latin}/u.test(text)) return 'Latin';
  return 'Other';
}
