// Hex with run-length shorthand for the fixture file: `[5b*50000]` is the byte 0x5b 50,000 times, so
// a payload nested 50,000 deep stays one readable line instead of 200 KB of hex.

const RUN = /\[([0-9a-f]{2})\*(\d+)\]/g;

export function fromFixtureHex(text: string): Uint8Array {
  const plain = text.replace(/\s+/g, '').replace(RUN, (_, byte: string, n: string) => byte.repeat(Number(n)));
  if (!/^(?:[0-9a-f]{2})*$/.test(plain)) throw new Error(`not fixture hex: ${text.slice(0, 40)}`);
  return Uint8Array.from(Buffer.from(plain, 'hex'));
}

/** Runs of at least `minRun` equal bytes become `[xx*n]`. */
export function toFixtureHex(bytes: Uint8Array, minRun = 16): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    let j = i;
    while (j < bytes.length && bytes[j] === bytes[i]) j++;
    const hex = bytes[i].toString(16).padStart(2, '0');
    out += j - i >= minRun ? `[${hex}*${j - i}]` : hex.repeat(j - i);
    i = j;
  }
  return out;
}
