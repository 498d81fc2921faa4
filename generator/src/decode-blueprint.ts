/**
 * Blueprint bytes → text, refusing what is not UTF-8 text: invalid UTF-8 is an error at
 * its first bad byte (never silently replaced by U+FFFD), and so are control characters
 * that no text file holds (a NUL byte, most of C0), which mean binary input.
 */
import type { Diagnostic } from './diagnostics.js';

/** The decoded text, or the errors that stop it. */
export type DecodedBlueprint = { text: string; diagnostics: [] } | { text: undefined; diagnostics: Diagnostic[] };

/** Decodes UTF-8 bytes (a leading byte-order mark is dropped); errors name the line and column. */
export function decodeBlueprint(bytes: Uint8Array): DecodedBlueprint {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { text: undefined, diagnostics: [invalidUtf8(bytes)] };
  }
  const binary = findBinary(text);
  return binary ? { text: undefined, diagnostics: [binary] } : { text, diagnostics: [] };
}

/** An error for the first control character no text file holds, or undefined. */
export function findBinary(text: string): Diagnostic | undefined {
  const index = firstControl(text);
  if (index === -1) return undefined;
  const before = text.slice(0, index).split('\n');
  const code = text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
  const what = code === '0000' ? 'a NUL byte' : `control character U+${code}`;
  return {
    severity: 'error',
    message: `binary input: ${what}; an API Blueprint is UTF-8 text`,
    line: before.length,
    column: Array.from(before[before.length - 1] ?? '').length + 1,
  };
}

/** Index of the first C0 control other than TAB, LF, VT, FF and CR (or of DEL), or -1. */
function firstControl(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && (c < 0x09 || c > 0x0d)) || c === 0x7f) return i;
  }
  return -1;
}

function invalidUtf8(bytes: Uint8Array): Diagnostic {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const offset = utf16 ? 0 : firstInvalidByte(bytes);
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // The bytes before the bad one on its line are valid UTF-8: count their characters.
  const column = Array.from(new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset))).length + 1;
  const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  const message = utf16
    ? 'the input is UTF-16 (byte-order mark); an API Blueprint is UTF-8 text'
    : `invalid UTF-8: byte 0x${byte} (offset ${offset}) starts no valid UTF-8 sequence; an API Blueprint is UTF-8 text`;
  return { severity: 'error', message, line, column };
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      // No overlong forms (E0 A0..) and no surrogates (ED ..9F).
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      // A broken or truncated sequence is reported at its first byte.
      if (c < (k === 1 ? min : 0x80) || c > (k === 1 ? max : 0xbf)) return i;
    }
    i += length;
  }
  return bytes.length;
}
