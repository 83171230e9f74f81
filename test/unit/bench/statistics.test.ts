import { describe, expect, it } from 'vitest';
import { median, ratio } from '../../../bench/statistics.js';

describe('Function: median', () => {
  it('takes the middle sample of an odd count, whatever the order', () => {
    expect(median([210, 150, 180, 900, 170, 160, 175])).toBe(175);
  });

  it('averages the middle two of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('does not reorder the caller’s samples', () => {
    // Prepare
    const samples = [3, 1, 2];
    // Act
    median(samples);
    // Assess
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses an empty sample set', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('Function: ratio', () => {
  it('divides the measured value by the baseline', () => {
    expect(ratio(230, 200)).toBeCloseTo(1.15);
  });

  it('refuses a zero baseline instead of returning Infinity', () => {
    expect(() => ratio(1, 0)).toThrow(RangeError);
  });
});
