import type { NoticeTemplateData, NoticeTemplateName } from '../../functions/notices/notice-templates.js';

/* Template data for every email template, as the services build it: what the template tests render. */

const facts = {
  agencyName: 'Fresno Police Department',
  ori: 'CA0190000',
  programId: 'account-review',
  programTitle: 'Annual account review',
  periodKey: '2026',
  dueDate: '2026-04-24',
  timeZone: 'America/Los_Angeles',
};
const contactEmails = ['cjis-admin@example.gov', 'audit-desk@example.gov'];
const link = {
  url: 'https://audits.example.gov/upload/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde',
  expiresOn: '2026-05-24',
};
const requests = [{ description: 'Signed account review' }, { description: 'List of active CLETS users' }];
const remediationFacts = {
  ...facts,
  programId: 'cadoj-compliance-audit',
  programTitle: 'CA DOJ CLETS compliance audit',
  periodKey: '2026',
  dueDate: '2026-03-31',
};
const task = {
  taskId: 'rem_CA0190000_cadoj-compliance-audit_2026_001_01',
  findingTitle: 'Unescorted vendor access to the terminal room',
};
const agencyContacts = [
  { role: 'Terminal Agency Coordinator (TAC)', name: 'Terry Coordinator', email: 'tac@fresnopd.example.gov' },
  { role: 'agency head', name: 'Avery Chief', email: 'chief@fresnopd.example.gov' },
];

export const noticeFixtures: { [N in NoticeTemplateName]: NoticeTemplateData<N> } = {
  'audit-opened': { ...facts, contactEmails, requests, link },
  'link-reissued': { ...facts, contactEmails, openRequests: requests, link },
  reminder: { ...facts, contactEmails, dueIn: '7 days', openRequests: requests, link },
  'due-today': { ...facts, contactEmails, openRequests: requests, link },
  overdue: { ...facts, contactEmails, overdueBy: '3 days', openRequests: requests, link },
  'escalation-agency-head': {
    ...facts,
    contactEmails,
    overdueBy: '3 days',
    responsibleRole: 'Terminal Agency Coordinator (TAC)',
    openRequests: requests,
    link,
  },
  'escalation-administrators': {
    ...facts,
    agencyContacts,
    auditId: 'aud_CA0190000_account-review_2026',
    overdueBy: '10 days',
    responsibleRole: 'Terminal Agency Coordinator (TAC)',
    openRequests: requests,
  },
  'overdue-audit': {
    ...facts,
    agencyContacts,
    auditId: 'aud_CA0190000_account-review_2026',
    overdueBy: '1 day',
    openRequests: requests,
  },
  'evidence-flagged': {
    ...facts,
    contactEmails,
    requestDescription: 'Signed account review',
    fileName: 'account-review.pdf',
    reason: 'The signature page is missing; upload all 4 pages.',
    link,
  },
  'evidence-receipt': {
    ...facts,
    contactEmails,
    requestDescription: 'Signed account review',
    fileName: 'account-review.pdf',
    size: '2.5 MB (2,517,164 bytes)',
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    receivedAt: '2026-04-20 10:15 (America/Los_Angeles)',
  },
  'upload-rejected': {
    ...facts,
    contactEmails,
    requestDescription: 'Signed account review',
    fileName: 'account-review.pdf',
    reasons: ['The file’s SHA-256 does not match the one the upload page computed.'],
  },
  'daily-digest': {
    date: '2026-04-27',
    timeZone: 'America/Los_Angeles',
    totals: { dueThisWeek: 1, overdue: 1, flaggedWaiting: 1, overdueRemediation: 1 },
    dueThisWeek: [
      {
        agencyName: 'Sacramento Police Department',
        ori: 'CA0340000',
        programId: 'account-review',
        dueDate: '2026-04-30',
        auditId: 'aud_CA0340000_account-review_2026',
      },
    ],
    overdueByAgency: [
      {
        agencyName: 'Fresno Police Department',
        ori: 'CA0190000',
        audits: [
          {
            programId: 'account-review',
            dueDate: '2026-04-24',
            overdueBy: '3 days',
            auditId: 'aud_CA0190000_account-review_2026',
          },
        ],
      },
    ],
    flaggedWaiting: [
      {
        agencyName: 'San Diego Sheriff’s Office',
        ori: 'CA0370000',
        programId: 'account-review',
        requestDescription: 'Signed account review',
        flaggedOn: '2026-04-22',
        auditId: 'aud_CA0370000_account-review_2026',
      },
    ],
    overdueRemediation: [
      {
        agencyName: 'Fresno Police Department',
        ori: 'CA0190000',
        title: 'Disable the accounts of departed operators',
        dueDate: '2026-04-01',
        overdueBy: '26 days',
        auditId: 'aud_CA0190000_cadoj-compliance-audit_2025',
      },
    ],
  },
  'bounce-alert': {
    ...facts,
    agencyContacts,
    auditId: 'aud_CA0190000_account-review_2026',
    role: 'Terminal Agency Coordinator (TAC)',
    address: 'tac@fresnopd.example.gov',
    noticeSubject:
      'Reminder: account-review evidence for Fresno Police Department (ORI CA0190000) is due 2026-04-24',
    bounceDetail: 'smtp; 550 5.1.1 user unknown',
    alternateAddress: 'alternate@fresnopd.example.gov',
  },
  'remediation-required': {
    ...remediationFacts,
    contactEmails,
    findingCount: 2,
    findings: [
      {
        findingId: 'fnd_CA0190000_cadoj-compliance-audit_2026_001',
        title: 'Unescorted vendor access to the terminal room',
        severity: 'high',
        description:
          'The visitor log shows two vendor visits in March without an escort.\nCLETS PPP 1.9.4 requires escorted access.',
        dueDate: '2026-06-30',
        repeat: true,
        taskId: 'rem_CA0190000_cadoj-compliance-audit_2026_001_01',
      },
      {
        findingId: 'fnd_CA0190000_cadoj-compliance-audit_2026_002',
        title: 'Security awareness training lapsed for 3 operators',
        severity: 'medium',
        description: 'Three operators’ security awareness training expired in January.',
        dueDate: '2026-07-31',
        repeat: false,
        taskId: 'rem_CA0190000_cadoj-compliance-audit_2026_002_01',
      },
    ],
    link,
  },
  'plan-revision-requested': {
    ...remediationFacts,
    contactEmails,
    ...task,
    severity: 'high',
    taskDueDate: '2026-06-30',
    reason: 'The plan does not say who escorts vendors after hours.\nName the role and how it is logged.',
    link,
  },
  'plan-accepted': {
    ...remediationFacts,
    contactEmails,
    ...task,
    taskDueDate: '2026-06-30',
    planTargetDate: '2026-06-15',
    link,
  },
  'task-notice': {
    ...remediationFacts,
    contactEmails,
    stage: 'reminder',
    timing: 'in 7 days',
    ...task,
    severity: 'high',
    taskDueDate: '2026-06-30',
    owed: 'a corrective action plan',
    link,
  },
  'task-escalation-agency-head': {
    ...remediationFacts,
    contactEmails,
    ...task,
    severity: 'high',
    ownerRole: 'Terminal Agency Coordinator (TAC)',
    taskDueDate: '2026-06-30',
    overdueBy: '12 days',
    owed: 'verification evidence',
    link,
  },
  'task-escalation-administrators': {
    ...remediationFacts,
    agencyContacts,
    ...task,
    severity: 'high',
    ownerRole: 'Terminal Agency Coordinator (TAC)',
    taskDueDate: '2026-06-30',
    overdueBy: '19 days',
    owed: 'verification evidence',
  },
  'task-closed': { ...remediationFacts, contactEmails, ...task },
};
