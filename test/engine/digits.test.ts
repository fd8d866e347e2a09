/** `digits` writes what `toLocaleString("en-US")` writes, without ICU. */
import { expect, test } from "@jest/globals";
import { digits } from "../../src/engine/digits.js";

test("whole numbers get en-US thousands separators", () => {
  expect([0, 7, 999, 1000, 12345, 150000, 1048576, -1, -1234].map(digits)).toEqual([
    "0", "7", "999", "1,000", "12,345", "150,000", "1,048,576", "-1", "-1,234",
  ]);
});

test("the same text as toLocaleString('en-US') for whole numbers of every length, and for the rest", () => {
  const values = [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1.5, 1234.5678, Number.NaN, Infinity, 1e21, -0];
  for (let n = 1; n < 1e16; n = n * 10 + 3) values.push(n, -n, n * 7);
  for (const n of values) expect(digits(n)).toBe(n.toLocaleString("en-US"));
});
