/**
 * Input clean-up before Drafter sees the text, so that parse errors come only from
 * the blueprint itself: a byte-order mark, CR/CRLF line ends and tab indentation are
 * editor artefacts, not API Blueprint syntax. Line numbers are unchanged.
 */

const TAB_STOP = 4;

/** Removes a BOM, turns CRLF/CR into LF and expands tabs to 4-column stops. */
export function normaliseSource(source: string): string {
  const noBom = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const lf = noBom.replace(/\r\n?/g, '\n');
  if (!lf.includes('\t')) return lf;
  return lf
    .split('\n')
    .map((line) => expandTabs(line))
    .join('\n');
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) {
    if (ch === '\t') out += ' '.repeat(TAB_STOP - (out.length % TAB_STOP));
    else out += ch;
  }
  return out;
}
