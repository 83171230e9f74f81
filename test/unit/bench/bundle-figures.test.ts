import { describe, expect, it } from 'vitest';
import {
  judgeAgainstTwin,
  renderBundleFigures,
  toMeasurement,
} from '../../../bench/bundles/bundle-figures.js';

const IDENTITY = {
  name: 'HealthCheck',
  entry: 'functions/handlers/health-check.ts',
  sdkPackages: ['@aws-sdk/client-s3'],
};
const TWIN = { name: 'client-s3', ...toMeasurement(400 * 1024, 900 * 1024, [100, 100, 100]) };

describe('Function: judgeAgainstTwin', () => {
  it('is within target when size and load time are each at most 1.15x the twin', () => {
    // Act: exactly at the limit still passes
    const figures = judgeAgainstTwin(IDENTITY, toMeasurement(460 * 1024, 0, [115, 110, 120]), TWIN);
    // Assess
    expect(figures.ratios.bundleSize).toBeCloseTo(1.15);
    expect(figures.ratios.loadTime).toBeCloseTo(1.15);
    expect(figures).toMatchObject({ withinTarget: true, verdict: 'within target' });
  });

  it.each([
    ['size', 461, [100], 'OVER (size)'],
    ['load', 400, [116], 'OVER (load)'],
    ['both', 800, [200], 'OVER (size, load)'],
  ])('is OVER when %s misses the target, and says which', (_case, kilobytes, samples, verdict) => {
    const figures = judgeAgainstTwin(IDENTITY, toMeasurement(kilobytes * 1024, 0, samples), TWIN);
    expect(figures).toMatchObject({ withinTarget: false, verdict });
  });

  it('does not judge a function without SDK clients, whose twin is an empty module', () => {
    const figures = judgeAgainstTwin({ ...IDENTITY, sdkPackages: [] }, toMeasurement(50 * 1024, 0, [20]), {
      name: 'no-sdk',
      ...toMeasurement(100, 0, [5]),
    });
    expect(figures).toMatchObject({ withinTarget: true, verdict: 'n/a (no SDK client)' });
  });
});

describe('Function: renderBundleFigures', () => {
  it('prints one row per function with KB, ratios, medians and the verdict, then each twin’s packages', () => {
    // Prepare
    const figures = judgeAgainstTwin(IDENTITY, toMeasurement(800 * 1024, 1200 * 1024, [190, 200, 250]), TWIN);
    // Act
    const lines = renderBundleFigures([figures], 3);
    // Assess
    expect(lines[0]).toMatch(
      /^function\s+bundle KB\s+twin KB\s+ratio\s+map KB\s+load ms\s+twin ms\s+ratio\s+verdict$/,
    );
    expect(lines[2]?.split(/\s{2,}/)).toEqual([
      'HealthCheck',
      '800.0',
      '400.0',
      '2.00x',
      '1200.0',
      '200.0',
      '100.0',
      '2.00x',
      'OVER (size, load)',
    ]);
    expect(lines).toContain('  HealthCheck twin: client-s3');
  });
});
