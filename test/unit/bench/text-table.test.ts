import { describe, expect, it } from 'vitest';
import { renderTextTable } from '../../../bench/text-table.js';

describe('Function: renderTextTable', () => {
  it('pads columns to their widest cell, aligned as declared, with a rule under the heading', () => {
    // Act
    const lines = renderTextTable(
      [
        { heading: 'function', align: 'left' },
        { heading: 'KB', align: 'right' },
      ],
      [
        ['HealthCheck', '907.8'],
        ['Ingest', '12.0'],
      ],
    );
    // Assess
    expect(lines).toEqual([
      'function        KB',
      '-----------  -----',
      'HealthCheck  907.8',
      'Ingest        12.0',
    ]);
  });
});
