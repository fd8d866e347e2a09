/**
 * A whole number written as `toLocaleString("en-US")` writes it ("12,345"), without asking ICU:
 * the first locale-aware call of a process loads ICU's locale data, about 12 ms of CPU time,
 * which is a tenth of what one action run costs. Anything but a safe integer still goes to
 * `toLocaleString`, so the text never differs.
 */
export function digits(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString("en-US");
  const plain = String(Math.abs(n));
  let grouped = "";
  for (let end = plain.length; end > 0; end -= 3) grouped = end - 3 > 0 ? `,${plain.slice(end - 3, end)}${grouped}` : `${plain.slice(0, end)}${grouped}`;
  return n < 0 ? `-${grouped}` : grouped;
}
