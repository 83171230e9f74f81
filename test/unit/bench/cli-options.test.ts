import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchOptions } from '../../../bench/cli-options.js';

const KNOWN = ['bundles', 'walkthrough', 'queries'];

describe('Function: parseBenchOptions', () => {
  it('runs every benchmark, without check, when given no arguments', () => {
    expect(parseBenchOptions([], KNOWN)).toEqual({ selected: KNOWN, check: false });
  });

  it('selects the named benchmarks, kept in catalogue order', () => {
    expect(parseBenchOptions(['--only=queries,bundles'], KNOWN).selected).toEqual(['bundles', 'queries']);
  });

  it('turns on the target check with --check', () => {
    expect(parseBenchOptions(['--check', '--only=bundles'], KNOWN)).toEqual({
      selected: ['bundles'],
      check: true,
    });
  });

  it.each([
    ['an unknown benchmark name', ['--only=bundels']],
    ['an empty selection', ['--only=']],
    ['an unknown flag', ['--chek']],
  ])('rejects %s so CI cannot silently run nothing', (_case, args) => {
    expect(() => parseBenchOptions(args, KNOWN)).toThrow(BenchUsageError);
  });
});
