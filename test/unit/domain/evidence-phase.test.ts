import { describe, expect, it } from 'vitest';
import {
  auditIsCollecting,
  auditTakesUploads,
  evidencePhaseComplete,
  requestTakesUploads,
  reviewComplete,
} from '../../../functions/domain/lifecycle/evidence-phase.js';

const requests = (...statuses: ('requested' | 'submitted' | 'accepted' | 'flagged' | 'resubmitted')[]) =>
  statuses.map((status) => ({ status }));

describe('Domain: evidence phase rules', () => {
  it('takes uploads for requested and flagged requests only', () => {
    expect(['requested', 'flagged'].every((status) => requestTakesUploads(status as 'requested'))).toBe(true);
    expect(
      ['submitted', 'resubmitted', 'accepted'].some((status) => requestTakesUploads(status as 'accepted')),
    ).toBe(false);
  });

  it('takes uploads until review ends, and completes the evidence phase only while collecting', () => {
    expect(
      ['scheduled', 'open', 'collecting', 'in-review'].every((s) => auditTakesUploads(s as 'open')),
    ).toBe(true);
    expect(
      ['remediation', 'closed', 'cancelled', 'failed'].some((s) => auditTakesUploads(s as 'closed')),
    ).toBe(false);
    expect(auditIsCollecting('open') && auditIsCollecting('collecting')).toBe(true);
    expect(auditIsCollecting('in-review')).toBe(false);
  });

  it('is complete when a file stands for every request, and reviewed when every request is accepted', () => {
    expect(evidencePhaseComplete(requests('submitted', 'resubmitted', 'accepted'))).toBe(true);
    expect(evidencePhaseComplete(requests('submitted', 'flagged'))).toBe(false);
    expect(evidencePhaseComplete([])).toBe(false);
    expect(reviewComplete(requests('accepted', 'accepted'))).toBe(true);
    expect(reviewComplete(requests('accepted', 'resubmitted'))).toBe(false);
    expect(reviewComplete([])).toBe(false);
  });
});
