import { describe, expect, it } from 'vitest';
import {
  AgencyInputSchema,
  AgencySchema,
  AuditSchema,
  contactsForRoles,
  DomainValidationError,
  EnrollmentInputSchema,
  EvidenceSchema,
  formatZodIssues,
  OriSchema,
  parseOrThrow,
  ReviewDecisionSchema,
  TrailEventDraftSchema,
  toJsonSchemas,
} from '../../../functions/domain/index.js';
import { AT, REVIEWER, sampleAudit } from './fixtures.js';

const contacts = [
  { role: 'tac', name: 'Terry Coordinator', email: 'tac@pd.example.gov' },
  { role: 'laso', name: 'Lee Security', email: 'laso@pd.example.gov' },
  { role: 'agency-head', name: 'Chief Example', email: 'chief@pd.example.gov' },
  { role: 'alternate', name: 'Alex Backup', email: 'alt@pd.example.gov' },
] as const;

const agency = {
  ori: 'CA0190000',
  name: 'Example Police Department',
  county: 'Alameda',
  agencyType: 'criminal-justice-agency',
  contacts: [...contacts],
};

describe('Schema: OriSchema', () => {
  it('accepts nine characters: a state code and seven letters or digits, upper-casing the input', () => {
    expect(OriSchema.parse('CA0194200')).toBe('CA0194200');
    expect(OriSchema.parse(' ca01942zz ')).toBe('CA01942ZZ');
  });

  it.each(['CA019420', 'CA01942000', '1A0194200', 'CA-194200', ''])(
    'rejects %j with a message that shows the format',
    (value) => {
      const result = OriSchema.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        'ORI must be 9 characters: a two-letter state code then seven letters or digits, e.g. CA0190000',
      );
    },
  );
});

describe('Schema: AgencyInputSchema', () => {
  it('accepts an agency with one TAC, LASO and agency head', () => {
    expect(AgencyInputSchema.parse(agency).contacts).toHaveLength(4);
  });

  it('names every missing or duplicated contact role', () => {
    const result = AgencyInputSchema.safeParse({ ...agency, contacts: [contacts[0], contacts[0]] });
    expect(formatZodIssues(result.error as never)).toEqual([
      "contacts: needs exactly one 'tac' contact (found 2); tac, laso and agency-head are required, alternate is optional",
      "contacts: needs exactly one 'laso' contact (found 0); tac, laso and agency-head are required, alternate is optional",
      "contacts: needs exactly one 'agency-head' contact (found 0); tac, laso and agency-head are required, alternate is optional",
    ]);
  });

  it('reports each bad field on its own line, naming what is allowed', () => {
    const result = AgencyInputSchema.safeParse({
      ori: 'X',
      county: 'Atlantis',
      agencyType: 'club',
      contacts: [{ role: 'boss' }],
    });
    const lines = formatZodIssues(result.error as never);
    expect(lines[0]).toMatch(/^ori: ORI must be 9 characters/);
    expect(lines).toContain('name: is required (expected string)');
    expect(lines.find((line) => line.startsWith('county:'))).toMatch(
      /county must be one of: Alameda, Alpine/,
    );
    expect(lines.find((line) => line.startsWith('agencyType:'))).toMatch(/criminal-justice-agency/);
    expect(lines).toContain('contacts[0].role: role must be one of: tac, laso, agency-head, alternate');
    expect(lines).toContain('contacts[0].email: is required (expected string)');
  });

  it('stored agencies add id, timestamps and version', () => {
    const stored = { ...agency, agencyId: 'agy_CA0190000', createdAt: AT, updatedAt: AT, version: 3 };
    expect(AgencySchema.parse(stored).version).toBe(3);
    expect(AgencySchema.safeParse({ ...stored, contacts: [] }).success).toBe(false);
  });

  it('routes by role: contactsForRoles returns contacts in role order', () => {
    expect(contactsForRoles(agency, ['agency-head', 'tac']).map((contact) => contact.email)).toEqual([
      'chief@pd.example.gov',
      'tac@pd.example.gov',
    ]);
  });
});

describe('Schema: EnrollmentInputSchema', () => {
  it('defaults the zone to America/Los_Angeles and the status to active', () => {
    const parsed = EnrollmentInputSchema.parse({
      ori: 'CA0190000',
      programId: 'account-review',
      anchorDate: '2026-06-01',
    });
    expect(parsed).toMatchObject({ timeZone: 'America/Los_Angeles', status: 'active' });
  });

  it('rejects unknown zones, bad dates and an end before the anchor', () => {
    const result = EnrollmentInputSchema.safeParse({
      ori: 'CA0190000',
      programId: 'account-review',
      anchorDate: '2026-02-30',
      timeZone: 'Pacific/Nowhere',
    });
    expect(formatZodIssues(result.error as never)).toEqual([
      'anchorDate: must be a calendar date written YYYY-MM-DD, e.g. 2026-07-06',
      'timeZone: must be an IANA time zone name such as America/Los_Angeles',
    ]);
    const ended = EnrollmentInputSchema.safeParse({
      ori: 'CA0190000',
      programId: 'account-review',
      anchorDate: '2026-06-01',
      endDate: '2026-01-01',
    });
    expect(formatZodIssues(ended.error as never)).toEqual(['endDate: must be on or after anchorDate']);
  });
});

describe('Schema: AuditSchema', () => {
  it('requires UTC timestamps', () => {
    expect(AuditSchema.parse(sampleAudit()).auditId).toBe('aud_CA0190000_account-review_2026');
    const result = AuditSchema.safeParse(sampleAudit({ dueAt: '2026-06-01T23:59:59-07:00' }));
    expect(formatZodIssues(result.error as never)).toEqual([
      'dueAt: must be an ISO-8601 UTC timestamp ending in Z, e.g. 2026-03-01T17:00:00Z',
    ]);
  });
});

describe('Schema: EvidenceSchema', () => {
  const evidence = {
    evidenceId: 'evd_x',
    requestId: 'req_x',
    auditId: 'aud_x',
    ori: 'CA0190000',
    requirementId: 'account-review-signoff',
    fileName: 'review.pdf',
    contentType: 'Application/PDF',
    sizeBytes: 1024,
    sha256: 'a'.repeat(64),
    objectKey: 'agencies/CA0190000/aud_x/req_x/review.pdf',
    objectVersion: 'v1',
    receivedAt: '2026-07-08T17:00:00Z',
    effectiveDate: '2026-06-30',
    uploadedBy: { type: 'agency-contact', id: 'link-1' },
  };

  it('keeps an effective date separate from the time of receipt', () => {
    const parsed = EvidenceSchema.parse(evidence);
    expect(parsed.contentType).toBe('application/pdf');
    expect(parsed.effectiveDate).toBe('2026-06-30');
  });

  it('rejects empty files, bad digests and effective dates after receipt', () => {
    const result = EvidenceSchema.safeParse({ ...evidence, sizeBytes: 0, sha256: 'ABC' });
    expect(formatZodIssues(result.error as never)).toEqual([
      'sizeBytes: must be at least 1 byte: empty files are not evidence',
      'sha256: must be a SHA-256 digest: 64 lowercase hexadecimal characters',
    ]);
    const future = EvidenceSchema.safeParse({ ...evidence, effectiveDate: '2026-07-10' });
    expect(formatZodIssues(future.error as never)).toEqual([
      'effectiveDate: must not be after the day the file was received',
    ]);
  });
});

describe('Schema: ReviewDecisionSchema', () => {
  it('requires a reason to flag', () => {
    const base = { evidenceId: 'evd_x', reviewer: REVIEWER, decidedAt: AT };
    expect(ReviewDecisionSchema.safeParse({ ...base, decision: 'accept' }).success).toBe(true);
    expect(
      formatZodIssues(
        ReviewDecisionSchema.safeParse({ ...base, decision: 'flag', reason: '  ' }).error as never,
      ),
    ).toEqual(['reason: a reason is required']);
    expect(
      formatZodIssues(ReviewDecisionSchema.safeParse({ ...base, decision: 'maybe' }).error as never),
    ).toEqual(['decision: decision must be one of: accept, flag']);
  });
});

describe('Schema: TrailEventDraftSchema', () => {
  it('accepts JSON payloads and dotted event types', () => {
    const draft = {
      type: 'audit.opened',
      at: AT,
      actor: REVIEWER,
      subject: { type: 'audit', id: 'aud_x' },
      streamId: 'aud_x',
      payload: { nested: { list: [1, 'two', null] } },
    };
    expect(TrailEventDraftSchema.safeParse(draft).success).toBe(true);
    expect(
      formatZodIssues(TrailEventDraftSchema.safeParse({ ...draft, type: 'Opened' }).error as never),
    ).toEqual(['type: must look like audit.opened']);
  });
});

describe('Function: parseOrThrow / formatZodIssues', () => {
  it('throws a DomainValidationError listing the lines', () => {
    expect(() => parseOrThrow(OriSchema, 42, 'agency')).toThrow(DomainValidationError);
    expect(() => parseOrThrow(OriSchema, 42, 'agency')).toThrow(/Invalid agency: \(root\): ORI is required/);
  });
});

describe('Function: toJsonSchemas', () => {
  it('produces a JSON Schema for every entity', () => {
    const schemas = toJsonSchemas();
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining([
        'Agency',
        'Enrollment',
        'Audit',
        'EvidenceRequest',
        'Evidence',
        'ReviewDecision',
        'Finding',
        'RemediationTask',
        'NotificationRecord',
        'TrailEvent',
      ]),
    );
    expect(schemas.Audit).toMatchObject({
      type: 'object',
      properties: { ori: { pattern: '^[A-Z]{2}[A-Z0-9]{7}$' } },
    });
    expect((schemas.Audit.required as string[]).includes('dueAt')).toBe(true);
  });

  it("treats defaults as optional in 'input' mode", () => {
    const input = toJsonSchemas('input').EnrollmentInput;
    expect(input.required).toEqual(['ori', 'programId', 'anchorDate']);
  });
});
