// UTF-8 codec for runtimes without TextEncoder/TextDecoder (WeChat and Alipay mini-programs).
// ES2017, no dependencies. The mini-program bundles hand these to the wasm-bindgen glue in place of the
// standard classes; browsers and node use their own.

export class Utf8Encoder {
  get encoding() {
    return 'utf-8';
  }

  encode(input) {
    const s = input === undefined ? '' : String(input);
    const out = new Uint8Array(s.length * 3);
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        }
      }
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate, as TextEncoder does
      if (c < 0x80) {
        out[n++] = c;
      } else if (c < 0x800) {
        out[n++] = 0xc0 | (c >> 6);
        out[n++] = 0x80 | (c & 0x3f);
      } else if (c < 0x10000) {
        out[n++] = 0xe0 | (c >> 12);
        out[n++] = 0x80 | ((c >> 6) & 0x3f);
        out[n++] = 0x80 | (c & 0x3f);
      } else {
        out[n++] = 0xf0 | (c >> 18);
        out[n++] = 0x80 | ((c >> 12) & 0x3f);
        out[n++] = 0x80 | ((c >> 6) & 0x3f);
        out[n++] = 0x80 | (c & 0x3f);
      }
    }
    return out.subarray(0, n);
  }
}

export class Utf8Decoder {
  constructor(label) {
    if (label !== undefined && String(label).toLowerCase().replace('-', '') !== 'utf8') {
      throw new RangeError('only utf-8 is supported');
    }
  }

  get encoding() {
    return 'utf-8';
  }

  // Invalid sequences become U+FFFD, as TextDecoder does without `fatal`.
  decode(bytes) {
    if (bytes === undefined) return '';
    const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes.buffer || bytes);
    const parts = [];
    let units = [];
    let i = 0;
    while (i < b.length) {
      const x = b[i];
      let c = 0xfffd;
      let need = 0;
      let min = 0;
      if (x < 0x80) {
        c = x;
      } else if (x >= 0xc2 && x <= 0xdf) {
        need = 1; c = x & 0x1f; min = 0x80;
      } else if (x >= 0xe0 && x <= 0xef) {
        need = 2; c = x & 0x0f; min = 0x800;
      } else if (x >= 0xf0 && x <= 0xf4) {
        need = 3; c = x & 0x07; min = 0x10000;
      }
      i++;
      if (need > 0) {
        let k = 0;
        while (k < need && i < b.length && (b[i] & 0xc0) === 0x80) {
          c = (c << 6) | (b[i] & 0x3f);
          i++;
          k++;
        }
        if (k < need || c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) c = 0xfffd;
      }
      if (c >= 0x10000) {
        c -= 0x10000;
        units.push(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
      } else {
        units.push(c);
      }
      if (units.length >= 8192) {
        parts.push(String.fromCharCode.apply(null, units));
        units = [];
      }
    }
    parts.push(String.fromCharCode.apply(null, units));
    return parts.join('');
  }
}
