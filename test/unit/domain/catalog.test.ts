import { describe, expect, it } from 'vitest';
import {
  CONTENT_TYPES,
  DomainValidationError,
  eventDeadlineDate,
  findObligation,
  isAcceptedContentType,
  OBLIGATIONS_CATALOG,
  ObligationsCatalogSchema,
  resolveObligation,
  UnknownObligationError,
} from '../../../functions/domain/index.js';

const REQUIRED_IDS = [
  'cadoj-compliance-audit',
  'cadoj-data-quality-audit',
  'clets-misuse-annual-report',
  'clets-operator-initial-training',
  'clets-operator-recertification',
  'security-literacy-training',
  'role-based-security-training',
  'account-review',
  'audit-log-review',
  'policy-procedure-review',
  'incident-response-plan-test',
  'vulnerability-scanning',
];

describe('Constant: OBLIGATIONS_CATALOG', () => {
  it('contains every obligation the issue names', () => {
    const ids = OBLIGATIONS_CATALOG.obligations.map((obligation) => obligation.id);
    expect(ids).toEqual(expect.arrayContaining(REQUIRED_IDS));
  });

  it('passes its own schema and is versioned', () => {
    expect(ObligationsCatalogSchema.safeParse(OBLIGATIONS_CATALOG).success).toBe(true);
    expect(OBLIGATIONS_CATALOG.version).toMatch(/^\d{4}\.\d+\.\d+$/);
  });

  it('has the figures reported in the issue note', () => {
    const { obligations } = OBLIGATIONS_CATALOG;
    const requirements = obligations.reduce((sum, obligation) => sum + obligation.evidence.length, 0);
    const notPrimary = obligations.filter((obligation) => obligation.confidence !== 'primary');
    expect({ entries: obligations.length, requirements, notPrimary: notPrimary.map((o) => o.id) }).toEqual({
      entries: 16,
      requirements: 29,
      notPrimary: [
        'cadoj-data-quality-audit',
        'clets-misuse-annual-report',
        'clets-operator-initial-training',
        'clets-operator-recertification',
      ],
    });
  });

  it('uses the cadences from the shared obligations document', () => {
    const rule = (id: string) => {
      const { cadence } = findObligation(OBLIGATIONS_CATALOG, id);
      return cadence.kind === 'recurring' ? cadence.rrule : `after ${cadence.deadline.withinMonths} months`;
    };
    expect(rule('cadoj-compliance-audit')).toBe('FREQ=YEARLY;INTERVAL=3');
    expect(rule('clets-operator-initial-training')).toBe('after 6 months');
    expect(rule('clets-operator-recertification')).toBe('FREQ=YEARLY;INTERVAL=2');
    expect(rule('audit-log-review')).toBe('FREQ=WEEKLY');
    expect(rule('vulnerability-scanning')).toBe('FREQ=MONTHLY');
    expect(findObligation(OBLIGATIONS_CATALOG, 'account-review').cjisPriority).toEqual({
      priority: 'P1',
      existing: true,
    });
  });

  it('rejects a catalog with duplicate ids, missing uncertainty notes or duplicate requirement ids', () => {
    const [first] = OBLIGATIONS_CATALOG.obligations;
    if (!first) throw new Error('catalog is empty');
    const broken = {
      ...OBLIGATIONS_CATALOG,
      obligations: [
        first,
        {
          ...first,
          confidence: 'unconfirmed',
          uncertainties: [],
          evidence: [...first.evidence, ...first.evidence],
        },
      ],
    };
    const messages = ObligationsCatalogSchema.safeParse(broken).error?.issues.map((issue) => issue.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('duplicate requirement id'),
        'say what is uncertain when confidence is not primary',
      ]),
    );
    const duplicated = { ...OBLIGATIONS_CATALOG, obligations: [first, first] };
    expect(ObligationsCatalogSchema.safeParse(duplicated).error?.issues[0]?.message).toMatch(
      /duplicate obligation id/,
    );
  });
});

describe('Function: resolveObligation', () => {
  it('returns the catalog entry untouched without overrides', () => {
    const resolved = resolveObligation(OBLIGATIONS_CATALOG, 'clets-misuse-annual-report');
    expect(resolved).toMatchObject({
      leadTimeDays: 30,
      confidence: 'secondary',
      disabled: false,
      appliedOverrides: [],
    });
    expect(resolved.catalogVersion).toBe(OBLIGATIONS_CATALOG.version);
  });

  it('applies deployment then enrollment overrides and records who changed what', () => {
    const resolved = resolveObligation(OBLIGATIONS_CATALOG, 'clets-misuse-annual-report', {
      deploymentOverrides: {
        'clets-misuse-annual-report': {
          rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=1',
          confidence: 'primary',
          note: 'Due date confirmed with CA DOJ',
          sources: [{ document: 'CA DOJ bulletin', url: 'https://oag.ca.gov/example' }],
        },
        'account-review': { leadTimeDays: 1 },
      },
      enrollmentOverrides: { leadTimeDays: 45, responsibleRole: 'tac', disabled: false },
    });
    expect(resolved.cadence).toEqual({
      kind: 'recurring',
      rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=1',
      summary: 'Overridden: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=1',
    });
    expect(resolved.leadTimeDays).toBe(45);
    expect(resolved.responsibleRole).toBe('tac');
    expect(resolved.confidence).toBe('primary');
    expect(resolved.sources.at(-1)?.document).toBe('CA DOJ bulletin');
    expect(resolved.overrideNotes).toEqual(['deployment: Due date confirmed with CA DOJ']);
    expect(resolved.appliedOverrides).toEqual([
      { field: 'rrule', level: 'deployment' },
      { field: 'confidence', level: 'deployment' },
      { field: 'leadTimeDays', level: 'enrollment' },
      { field: 'responsibleRole', level: 'enrollment' },
      { field: 'disabled', level: 'enrollment' },
    ]);
  });

  it('keeps the initial "before access" deadline when the cadence is overridden', () => {
    const resolved = resolveObligation(OBLIGATIONS_CATALOG, 'security-literacy-training', {
      enrollmentOverrides: { rrule: 'FREQ=MONTHLY;INTERVAL=6' },
    });
    expect(resolved.cadence.kind === 'recurring' && resolved.cadence.initial?.trigger).toBe('access-granted');
  });

  it('does not change the shared catalog', () => {
    resolveObligation(OBLIGATIONS_CATALOG, 'account-review', { enrollmentOverrides: { leadTimeDays: 2 } });
    expect(findObligation(OBLIGATIONS_CATALOG, 'account-review').leadTimeDays).toBe(30);
  });

  it('names unknown obligations and invalid overrides', () => {
    expect(() => resolveObligation(OBLIGATIONS_CATALOG, 'no-such-thing')).toThrow(UnknownObligationError);
    expect(() =>
      resolveObligation(OBLIGATIONS_CATALOG, 'account-review', {
        enrollmentOverrides: { rrule: 'FREQ=HOURLY' } as never,
      }),
    ).toThrow(/rrule: Invalid recurrence rule 'FREQ=HOURLY'/);
    try {
      resolveObligation(OBLIGATIONS_CATALOG, 'account-review', {
        deploymentOverrides: { 'account-review': { leadTimeDays: -1, colour: 'red' } as never },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainValidationError);
      expect((error as DomainValidationError).issues).toEqual([
        'account-review.leadTimeDays: must be 0 or more',
        'account-review: Unrecognized key: "colour"',
      ]);
    }
  });
});

describe('Function: eventDeadlineDate', () => {
  it('gives six months after assignment, moved off a weekend', () => {
    // 2026-03-01 + 6 months = Tuesday 2026-09-01; 2026-02-28 + 6 months = Friday 2026-08-28.
    expect(eventDeadlineDate({ withinMonths: 6, withinDays: 0 }, '2026-03-01')).toBe('2026-09-01');
    expect(eventDeadlineDate({ withinMonths: 6, withinDays: 0 }, '2026-03-07')).toBe('2026-09-08');
  });

  it('treats a zero offset as "on the event day", unmoved', () => {
    expect(eventDeadlineDate({ withinMonths: 0, withinDays: 0 }, '2026-07-04')).toBe('2026-07-04');
  });
});

describe('Function: isAcceptedContentType', () => {
  it('ignores case and parameters', () => {
    expect(isAcceptedContentType([CONTENT_TYPES.csv], 'Text/CSV; charset=utf-8')).toBe(true);
    expect(isAcceptedContentType([CONTENT_TYPES.pdf], 'application/zip')).toBe(false);
  });
});
