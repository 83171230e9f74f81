import type { Agency } from '../../../functions/domain/schemas/agency.js';
import type { Audit } from '../../../functions/domain/schemas/audit.js';
import type { Enrollment } from '../../../functions/domain/schemas/enrollment.js';

/** What an administrator sends to register an agency. */
export const agencyBody = (ori = 'CA0190000') => ({
  ori,
  name: 'Fresno Police Department',
  county: 'Fresno',
  agencyType: 'criminal-justice-agency',
  contacts: [
    { role: 'tac', name: 'Terry Coordinator', email: 'tac@fresnopd.ca.gov' },
    { role: 'laso', name: 'Lee Security', email: 'laso@fresnopd.ca.gov' },
    { role: 'agency-head', name: 'Chief Avery', email: 'chief@fresnopd.ca.gov' },
  ],
});

export const storedAgency = (ori = 'CA0190000'): Agency =>
  ({
    ...agencyBody(ori),
    agencyId: `agy_${ori}`,
    createdAt: '2026-06-01T16:00:00.000Z',
    updatedAt: '2026-06-01T16:00:00.000Z',
    version: 1,
  }) as Agency;

export const storedEnrollment = (ori = 'CA0190000', programId = 'account-review'): Enrollment => ({
  ori,
  programId,
  enrollmentId: `enr_${ori}_${programId}`,
  anchorDate: '2026-01-15',
  timeZone: 'America/Los_Angeles',
  status: 'active',
  createdAt: '2026-06-01T16:00:00.000Z',
  updatedAt: '2026-06-01T16:00:00.000Z',
  version: 1,
});

export const storedAudit = (ori = 'CA0190000'): Audit => ({
  auditId: `aud_${ori}_account-review_2026`,
  ori,
  programId: 'account-review',
  periodKey: '2026',
  catalogVersion: '2026.1.0',
  status: 'open',
  nominalDate: '2026-07-15',
  dueDate: '2026-07-15',
  dueAt: '2026-07-16T06:59:59.999Z',
  opensAt: '2026-06-15T07:00:00.000Z',
  timeZone: 'America/Los_Angeles',
  responsibleRole: 'tac',
  createdAt: '2026-06-01T16:00:00.000Z',
  updatedAt: '2026-06-01T16:00:00.000Z',
  waitingTaskToken: 'AAAA-task-token-secret',
  version: 2,
});
