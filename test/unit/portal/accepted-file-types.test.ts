import { describe, expect, it } from 'vitest';
import {
  acceptAttribute,
  describeAcceptedFileTypes,
  describeFileType,
  extensionTypes,
} from '../../../functions/portal/render/accepted-file-types.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('Function: acceptAttribute', () => {
  it('lists the extensions and the MIME type of each known type', () => {
    // Act / Assess
    expect(acceptAttribute(['application/pdf', 'text/csv'])).toBe('.pdf,application/pdf,.csv,text/csv');
    expect(acceptAttribute(['image/jpeg'])).toBe('.jpg,.jpeg,image/jpeg');
    expect(acceptAttribute([DOCX, XLSX])).toBe(`.docx,${DOCX},.xlsx,${XLSX}`);
  });

  it('passes wildcards and unknown types through as given', () => {
    // Act / Assess
    expect(acceptAttribute(['image/*', 'application/x-pcap'])).toBe('image/*,application/x-pcap');
  });

  it('ignores case, parameters and repeats', () => {
    // Act / Assess
    expect(acceptAttribute(['Text/CSV; charset=utf-8', 'text/csv'])).toBe('.csv,text/csv');
  });
});

describe('Function: describeAcceptedFileTypes', () => {
  it('names the types as people know them', () => {
    // Act / Assess
    expect(describeAcceptedFileTypes(['application/pdf', 'text/csv'])).toBe('PDF (.pdf), CSV (.csv)');
    expect(describeAcceptedFileTypes([DOCX, 'image/jpeg'])).toBe(
      'Word document (.docx), JPEG image (.jpg, .jpeg)',
    );
  });

  it('names wildcards by family and unknown types by their MIME type', () => {
    // Act / Assess
    expect(describeFileType('image/*')).toBe('Any image (image/*)');
    expect(describeFileType('video/*')).toBe('Any video file (video/*)');
    expect(describeFileType('application/x-pcap')).toBe('application/x-pcap');
  });
});

describe('Function: extensionTypes', () => {
  it('maps each extension of the accepted types to its MIME type', () => {
    // Act / Assess
    expect(extensionTypes(['application/pdf', 'text/csv'])).toEqual({
      pdf: 'application/pdf',
      csv: 'text/csv',
    });
  });

  it('expands a wildcard over the known types of its family', () => {
    // Act
    const types = extensionTypes(['image/*']);

    // Assess
    expect(types).toMatchObject({ png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg' });
    expect(Object.values(types).every((type) => type.startsWith('image/'))).toBe(true);
  });

  it('knows no extension for a type it does not know', () => {
    // Act / Assess
    expect(extensionTypes(['application/x-pcap'])).toEqual({});
  });
});
