/** Median of the samples; the middle two averaged for an even count. One slow outlier run cannot move it. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  // biome-ignore lint/style/noNonNullAssertion: indices are within a non-empty array
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** How many times the baseline the measured value is (1.00 = equal). */
export function ratio(measured: number, baseline: number): number {
  if (!(baseline > 0)) throw new RangeError(`ratio needs a positive baseline, got ${baseline}`);
  return measured / baseline;
}
