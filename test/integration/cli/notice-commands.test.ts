import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCliForTest } from '../../unit/cli/cli-test-io.js';
import { apiError, type FakeAdminApi, startFakeAdminApi } from './fake-admin-api.js';

const delivered = {
  notificationId: 'ntf_aud_1_opened-tac',
  kind: 'upload-link',
  template: 'audit-opened',
  stepKey: 'opened-tac',
  recipients: [{ role: 'tac', email: 'tac@fresnopd.ca.gov' }],
  subject: 'Evidence requested',
  scheduledFor: '2026-03-02T18:00:00.000Z',
  status: 'delivered',
  sesMessageId: 'msg-1',
  sentAt: '2026-03-02T18:00:01.000Z',
  deliveredAt: '2026-03-02T18:00:03.000Z',
  deliveryEvents: [
    {
      status: 'delivered',
      at: '2026-03-02T18:00:03.000Z',
      sesEvent: 'delivery',
      detail: 'Delivered to the receiving mail server (250 OK)',
    },
  ],
};

const rerouted = {
  notificationId: 'ntf_aud_1_reminder-7d',
  kind: 'reminder',
  template: 'reminder',
  stepKey: 'reminder-7d',
  recipients: [{ role: 'alternate', email: 'alt@fresnopd.ca.gov', reroutedFrom: 'tac' }],
  subject: 'Reminder',
  scheduledFor: '2026-03-25T16:00:00.000Z',
  status: 'queued',
  deliveryEvents: [],
};

describe('CLI: audits notices against a fake admin API', () => {
  let api: FakeAdminApi;
  const cli = (...argv: string[]) =>
    runCliForTest(argv, { env: { CLETS_API_URL: api.url, CLETS_API_TOKEN: 'audit-token' } });
  const sent = () => api.requests.map((request) => `${request.method} ${request.url}`);

  beforeAll(async () => {
    api = await startFakeAdminApi();
  });

  afterAll(async () => {
    await api.stop();
  });

  beforeEach(() => {
    api.requests.length = 0;
  });

  it('shows each notice with its delivery state and recipients, then the delivery events', async () => {
    // Prepare
    api.answer(() => ({ status: 200, body: { auditId: 'aud_1', notices: [delivered, rerouted] } }));

    // Act
    const run = await cli('audits', 'notices', 'aud_1');

    // Assess
    expect(sent()).toEqual(['GET /audits/aud_1/notices']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'SCHEDULED                 STEP         NOTICE                      STATUS     SENT                      DELIVERED                 SES MESSAGE  TO',
      '2026-03-02T18:00:00.000Z  opened-tac   upload-link (audit-opened)  delivered  2026-03-02T18:00:01.000Z  2026-03-02T18:00:03.000Z  msg-1        tac@fresnopd.ca.gov',
      '2026-03-25T16:00:00.000Z  reminder-7d  reminder                    queued     -                         -                         -            alt@fresnopd.ca.gov (alternate for tac)',
      '2 notices',
      '',
      'Delivery events:',
      'STEP        AT                        EVENT     STATUS     DETAIL',
      'opened-tac  2026-03-02T18:00:03.000Z  delivery  delivered  Delivered to the receiving mail server (250 OK)',
      '',
    ]);
  });

  it('prints the answer as JSON with --json', async () => {
    api.answer(() => ({ status: 200, body: { auditId: 'aud_1', notices: [delivered] } }));
    const run = await cli('--json', 'audits', 'notices', 'aud_1');
    expect(JSON.parse(run.stdout)).toEqual({ auditId: 'aud_1', notices: [delivered] });
  });

  it('says so when no notice is recorded yet', async () => {
    api.answer(() => ({ status: 200, body: { auditId: 'aud_1', notices: [] } }));
    const run = await cli('audits', 'notices', 'aud_1');
    expect(run.stdout).toBe('No notice has been recorded for this audit yet.\n');
  });

  it('agency show marks a contact whose address bounced', async () => {
    // Prepare
    api.answer(() => ({
      status: 200,
      body: {
        ori: 'CA0190000',
        name: 'Fresno Police Department',
        county: 'Fresno',
        agencyType: 'criminal-justice-agency',
        contacts: [
          {
            role: 'tac',
            name: 'Terry Coordinator',
            email: 'tac@fresnopd.ca.gov',
            bouncedAt: '2026-03-02T18:00:03.000Z',
            bounceDetail: 'Permanent bounce (General)',
          },
          { role: 'alternate', name: 'Alex Alternate', email: 'alt@fresnopd.ca.gov' },
        ],
      },
    }));

    // Act
    const run = await cli('agency', 'show', 'CA0190000');

    // Assess
    expect(run.stdout).toContain(
      '  tac          Terry Coordinator <tac@fresnopd.ca.gov>  BOUNCED 2026-03-02T18:00:03.000Z: notices go to a stand-in\n',
    );
    expect(run.stdout).toContain('  alternate    Alex Alternate <alt@fresnopd.ca.gov>\n');
  });

  it("shows the API's 404 with exit code 1, and refuses a malformed audit id before sending anything", async () => {
    // Prepare
    api.answer(() => apiError(404, 'NotFound', 'No audit has the id aud_9.'));

    // Act
    const missing = await cli('audits', 'notices', 'aud_9');
    const malformed = await cli('audits', 'notices', 'aud 9/x');

    // Assess
    expect(missing).toEqual({ exitCode: 1, stdout: '', stderr: 'error: No audit has the id aud_9.\n' });
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toContain('<auditId>');
    expect(sent()).toEqual(['GET /audits/aud_9/notices']);
  });
});
