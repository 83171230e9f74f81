import { describe, expect, it } from 'vitest';
import { judgeStep, renderReportFigures } from '../../../bench/report/report-figures.js';

describe('Function: judgeStep', () => {
  it('judges a step on its slowest run, and leaves unjudged steps within target', () => {
    // Act
    const slow = judgeStep({ step: 'verify', judged: true, samplesMs: [300, 2100, 310] });
    const fast = judgeStep({ step: 'verify', judged: true, samplesMs: [300, 400, 310] });
    const build = judgeStep({ step: 'build', judged: false, samplesMs: [9000] });

    // Assess
    expect(slow).toMatchObject({ medianMs: 310, slowestMs: 2100, withinTarget: false });
    expect(fast).toMatchObject({ medianMs: 310, slowestMs: 400, withinTarget: true });
    expect(build.withinTarget).toBe(true);
  });
});

describe('Function: renderReportFigures', () => {
  it('prints the timings with their verdicts, then each file size and the total', () => {
    // Act
    const lines = renderReportFigures(
      [
        judgeStep({ step: 'build', judged: false, samplesMs: [250] }),
        judgeStep({ step: 'verify', judged: true, samplesMs: [390.04] }),
      ],
      [
        { name: 'report.json', bytes: 940_707 },
        { name: 'manifest.json', bytes: 1_001 },
      ],
    );

    // Assess
    expect(lines).toEqual([
      'step      median   slowest  verdict',
      '------  --------  --------  ---------------------',
      'build   250.0 ms  250.0 ms  not judged',
      'verify  390.0 ms  390.0 ms  within target (< 2 s)',
      '',
      'file             bytes',
      '-------------  -------',
      'report.json    940,707',
      'manifest.json    1,001',
      'total          941,708',
    ]);
  });
});
