import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Mailer, OutgoingEmail } from '../../../functions/adapters/runtime/mailer.js';
import { bindRuntime } from '../../../functions/adapters/runtime/runtime.js';
import type { Audit } from '../../../functions/domain/schemas/audit.js';
import { renderNoticeTemplate } from '../../../functions/notices/render-notice.js';
import { registerAgency } from '../../../functions/services/agencies.js';
import { recordNoticesDue } from '../../../functions/services/audit-lifecycle.js';
import { auditFixture, eventFixture, requestFixture, systemActor } from '../../support/audit-fixtures.js';
import { bindTestRuntime, fakeWorkflows } from '../../support/test-runtime.js';
import { connectTestTable, type TestTable, uniqueOri } from '../../support/test-table.js';
import { agencyBody } from '../../unit/api/api-fixtures.js';

/*
 * The notice steps of the audit lifecycle against dynalite: each step of the schedule is sent once with its
 * template, even when the Lambda step is retried after it sent some or all of its emails.
 */

/** The audit fixture is due Monday 2027-03-01 (Los Angeles); this is Friday 2027-03-05, 10:00 there. */
const AFTER_FIRST_ESCALATION = new Date('2027-03-05T18:00:00.000Z');

let table: TestTable;
let now = AFTER_FIRST_ESCALATION;
let messages = 0;
const mailer = { send: vi.fn<Mailer['send']>(async () => ({ messageId: `ses-${++messages}` })) };
const sent = (): OutgoingEmail[] => mailer.send.mock.calls.map(([email]) => email);
const stepKeysSent = () => sent().map((email) => email.tags.stepKey);

beforeAll(async () => {
  table = await connectTestTable();
  bindTestRuntime(table, { now, workflows: fakeWorkflows() });
  bindRuntime({ clock: { now: () => now }, mailer });
});

beforeEach(() => {
  mailer.send.mockClear();
  now = AFTER_FIRST_ESCALATION;
});

/** A registered agency (TAC, LASO, agency head) with an open audit that has waited for evidence since it opened. */
async function openAudit(): Promise<Audit> {
  const ori = uniqueOri();
  await registerAgency(agencyBody(ori) as Parameters<typeof registerAgency>[0], systemActor);
  const { audits } = table.repository;
  const fixture = auditFixture(ori, { status: 'open', openedAt: '2027-01-30T08:00:00.000Z' });
  const { audit } = await audits.createAudit(fixture, eventFixture(fixture.auditId, 'audit.opened'));
  await audits.createEvidenceRequest(
    requestFixture(audit),
    eventFixture(audit.auditId, 'evidence-request.created', 'req-review-signoff'),
  );
  return audit;
}

/** The audit opened on 2027-01-30, the day of its 30-day reminder: the opening email stands for it. */
const DUE_BY_NOW = [
  'reminder-14d',
  'reminder-7d',
  'reminder-1d',
  'due',
  'overdue-1',
  'overdue-audit',
  'escalation-1',
];

describe('Function: recordNoticesDue', () => {
  it('sends each step due since the audit opened, with its template, to its audience', async () => {
    // Prepare
    const audit = await openAudit();

    // Act
    const result = await recordNoticesDue(audit.auditId);

    // Assess
    expect(result.recorded).toEqual(DUE_BY_NOW);
    expect(sent().map((email) => [email.tags.stepKey, email.template, email.to.join(', ')])).toEqual([
      ['reminder-14d', 'reminder', 'tac@fresnopd.ca.gov'],
      ['reminder-7d', 'reminder', 'tac@fresnopd.ca.gov'],
      ['reminder-1d', 'reminder', 'tac@fresnopd.ca.gov'],
      ['due', 'due-today', 'tac@fresnopd.ca.gov'],
      ['overdue-1', 'overdue', 'tac@fresnopd.ca.gov'],
      ['overdue-audit', 'overdue-audit', 'cjis-admin@example.gov'],
      ['escalation-1', 'escalation-agency-head', 'tac@fresnopd.ca.gov, chief@fresnopd.ca.gov'],
    ]);
    // Each agency email carries its own working link for the responsible role; administrators get none
    const links = await table.repository.audits.listUploadLinks(audit.auditId);
    expect(links.map((link) => `${link.role} ${link.reason}`)).toEqual(Array(6).fill('tac reminder'));
    for (const email of sent()) {
      const rendered = renderNoticeTemplate(email.template, email.data);
      expect(rendered.subject, email.tags.stepKey).toContain('2027-03-01');
      if (email.template === 'overdue-audit') expect(rendered.text).not.toContain('/upload/');
      else expect(rendered.text).toMatch(/https:\/\/audits\.example\.gov\/upload\/[A-Za-z0-9_-]{43}\n/);
    }
    const overdue = sent().find((email) => email.template === 'overdue') as Extract<
      OutgoingEmail,
      { template: 'overdue' }
    >;
    expect(overdue.data.overdueBy).toBe('4 days');
    const notices = (await table.repository.audits.getAuditBundle(audit.auditId))?.notices ?? [];
    expect(notices.map((notice) => [notice.stepKey, notice.template, notice.status]).sort()).toEqual(
      sent()
        .map((email) => [email.tags.stepKey, email.template, 'sent'])
        .sort(),
    );
  });

  it('sends each step once when the Lambda step is retried after it sent everything', async () => {
    // Prepare: the first attempt sends every email, then dies before it moves the notice cursor
    const audit = await openAudit();
    const bookkeeping = vi
      .spyOn(table.repository.audits, 'saveAuditBookkeeping')
      .mockRejectedValueOnce(new Error('Task timed out after 30.00 seconds'));

    // Act: Step Functions retries the step, for the same window
    await expect(recordNoticesDue(audit.auditId)).rejects.toThrow(/timed out/);
    const retried = await recordNoticesDue(audit.auditId);
    bookkeeping.mockRestore();

    // Assess: one email per step, one link per agency email
    expect(retried.recorded).toEqual(DUE_BY_NOW);
    expect(stepKeysSent()).toEqual(DUE_BY_NOW);
    expect(await table.repository.audits.listUploadLinks(audit.auditId)).toHaveLength(6);
    expect((await table.repository.audits.requireAudit(audit.auditId)).noticesHandledThrough).toBe(
      AFTER_FIRST_ESCALATION.toISOString(),
    );
  });

  it('sends the rest once when the retried step had failed halfway (SES refused the third email)', async () => {
    // Prepare
    const audit = await openAudit();
    mailer.send
      .mockImplementationOnce(async () => ({ messageId: 'ses-a' }))
      .mockImplementationOnce(async () => ({ messageId: 'ses-b' }))
      .mockRejectedValueOnce(
        Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' }),
      );

    // Act
    await expect(recordNoticesDue(audit.auditId)).rejects.toThrow(/sending rate/);
    await recordNoticesDue(audit.auditId);

    // Assess: the third step was tried twice and sent once; every other step once
    expect(stepKeysSent()).toEqual(['reminder-14d', 'reminder-7d', 'reminder-1d', ...DUE_BY_NOW.slice(2)]);
    const notices = (await table.repository.audits.getAuditBundle(audit.auditId))?.notices ?? [];
    expect(notices.filter((notice) => notice.status === 'sent')).toHaveLength(DUE_BY_NOW.length);
  });

  it('addresses a step that names the agency head and the administrators as two emails, one per audience', async () => {
    // Prepare: the second escalation (agency head and administrators) is due ten days after the due date
    const audit = await openAudit();
    await recordNoticesDue(audit.auditId);
    mailer.send.mockClear();
    now = new Date('2027-03-11T17:00:00.000Z');

    // Act
    const result = await recordNoticesDue(audit.auditId);

    // Assess
    expect(result.recorded).toEqual(['overdue-2', 'escalation-2']);
    expect(sent().map((email) => [email.tags.stepKey, email.template, email.to.join(', ')])).toEqual([
      ['overdue-2', 'overdue', 'tac@fresnopd.ca.gov'],
      ['escalation-2', 'escalation-agency-head', 'chief@fresnopd.ca.gov'],
      ['escalation-2-administrators', 'escalation-administrators', 'cjis-admin@example.gov'],
    ]);
    const toAdministrators = sent()[2] as Extract<OutgoingEmail, { template: 'escalation-administrators' }>;
    expect(toAdministrators.data).toMatchObject({
      auditId: audit.auditId,
      overdueBy: '10 days',
      responsibleRole: 'Terminal Agency Coordinator (TAC)',
      openRequests: [{ description: 'Signed account review' }],
      agencyContacts: expect.arrayContaining([
        { role: 'agency head', name: 'Chief Avery', email: 'chief@fresnopd.ca.gov' },
      ]),
    });
    expect('link' in toAdministrators.data).toBe(false);
  });
});
