// v8.log field escapes (V8's Log::MessageBuilder): "," is written \x2C, newline \n,
// backslash \\, other non-printable characters \xHH or \uHHHH.

export function unescapeField(s: string): string {
  if (s.indexOf('\\') < 0) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const bs = s.indexOf('\\', i);
    if (bs < 0 || bs === s.length - 1) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, bs);
    const c = s[bs + 1];
    if (c === 'x' && /^[0-9a-fA-F]{2}$/.test(s.slice(bs + 2, bs + 4))) {
      out += String.fromCharCode(parseInt(s.slice(bs + 2, bs + 4), 16));
      i = bs + 4;
    } else if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(bs + 2, bs + 6))) {
      out += String.fromCharCode(parseInt(s.slice(bs + 2, bs + 6), 16));
      i = bs + 6;
    } else if (c === 'n') {
      out += '\n';
      i = bs + 2;
    } else if (c === 'r') {
      out += '\r';
      i = bs + 2;
    } else if (c === 't') {
      out += '\t';
      i = bs + 2;
    } else if (c === '\\') {
      out += '\\';
      i = bs + 2;
    } else {
      out += '\\';
      i = bs + 1;
    }
  }
  return out;
}
