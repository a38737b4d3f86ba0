/**
 * The printf placeholders of a string (PHP's sprintf and @wordpress/i18n's), each as
 * `<argument number>:<conversion>`, sorted: `%s … %d` and `%2$d … %1$s` give the same list, so a
 * translation may reorder arguments with numbered placeholders but never drop or change one.
 */
export function placeholdersOf(text: string): string[] {
  const found: string[] = [];
  let next = 1;
  for (const match of text.matchAll(/%(?:(\d+)\$)?[-+ 0#']*\d*(?:\.\d+)?([bcdeEfFgGosuxX%])/g)) {
    if (match[2] === '%') continue;
    const argument = match[1] === undefined ? next++ : Number(match[1]);
    found.push(`${argument}:${match[2]}`);
  }
  return found.sort();
}
