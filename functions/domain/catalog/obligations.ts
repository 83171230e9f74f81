import { DOCUMENTS, EXPORTS, RECORDS, SCANS } from './content-types.js';
import {
  CLEARS_DOJ_AUDIT,
  CLEW_OPERATOR_TRAINING_COPY,
  cjis,
  EFF_MISUSE_2015,
  EFF_MISUSE_2016,
  FBI_ACCOUNT_VALIDATION_TEMPLATE,
  LEGALCLARITY_CLETS_CERTIFICATION,
  MYCTRL_AC2,
  MYCTRL_AT3,
  SD_SHERIFF_LETTER,
} from './sources.js';
import { type ObligationsCatalog, ObligationsCatalogSchema } from './types.js';

/*
 * The obligations a California CLETS agency is audited on. Wording is ours; facts and their confidence
 * follow shared/domain/clets-cjis-obligations.md. "primary" means the cadence was read in the CJIS
 * Security Policy itself; "secondary" means it rests on county, vendor or advocacy pages; "unconfirmed"
 * flags a detail no source established. A deployment or an enrollment can override cadence, lead time
 * and role (resolve-obligation.ts) once it has better information.
 *
 * Bump `version` whenever an entry changes: audits record the catalog version they were planned from.
 */
const catalog: ObligationsCatalog = {
  version: '2026.1.0',
  basis:
    'FBI CJIS Security Policy v5.9.5; CLETS PPP (table of contents only) and secondary California sources',
  obligations: [
    {
      id: 'cadoj-compliance-audit',
      title: 'CA DOJ CLETS/CJIS compliance audit',
      description:
        'The state CJIS Systems Agency reviews the agency against CLETS policy and the CJIS Security Policy. ' +
        'The agency gathers its audit package ahead of the auditor’s visit; the TAC leads, with the LASO.',
      category: 'audit',
      cadence: {
        kind: 'recurring',
        rrule: 'FREQ=YEARLY;INTERVAL=3',
        summary: 'At least once every three years',
      },
      leadTimeDays: 60,
      evidence: [
        {
          id: 'pre-audit-questionnaire',
          description: 'The completed pre-audit questionnaire',
          acceptedContentTypes: [...DOCUMENTS],
        },
        {
          id: 'network-diagram',
          description: 'Current drawing of the network’s connections to CJIS systems',
          acceptedContentTypes: [...SCANS],
        },
        {
          id: 'signed-agreements',
          description: 'Signed CLETS Subscriber Agreement and any Management Control Agreements',
          acceptedContentTypes: [...SCANS],
        },
        {
          id: 'security-policies',
          description: 'The agency’s current CJIS/CLETS security policies and procedures',
          acceptedContentTypes: [...DOCUMENTS],
        },
        {
          id: 'authorized-personnel-list',
          description: 'List of people with access to CJI, with their screening dates',
          acceptedContentTypes: [...RECORDS],
        },
      ],
      responsibleRole: 'tac',
      sources: [cjis('5.11.2'), CLEARS_DOJ_AUDIT],
      confidence: 'primary',
      uncertainties: [
        'CA DOJ’s notice period, questionnaire name and contents were not found; the evidence list is derived from what the policy says must be kept.',
      ],
    },
    {
      id: 'cadoj-data-quality-audit',
      title: 'CA DOJ data-quality audit of entered records',
      description:
        'Auditors sample records the agency entered into state and NCIC databases and check them against the case file: ' +
        'completeness, timely entry, second-party checks, validation and hit confirmation.',
      category: 'audit',
      cadence: {
        kind: 'recurring',
        rrule: 'FREQ=YEARLY;INTERVAL=3',
        summary: 'Once per three-year audit cycle',
      },
      leadTimeDays: 60,
      evidence: [
        {
          id: 'sampled-case-records',
          description: 'Master case records for each sampled entry',
          acceptedContentTypes: [...SCANS],
        },
        {
          id: 'second-party-check-log',
          description: 'Log of second-party checks on entries',
          acceptedContentTypes: [...RECORDS],
        },
        {
          id: 'validation-records',
          description: 'Record validation sign-offs for the period',
          acceptedContentTypes: [...RECORDS],
        },
        {
          id: 'hit-confirmation-log',
          description: 'Hit-confirmation requests and responses',
          acceptedContentTypes: [...RECORDS],
        },
      ],
      responsibleRole: 'tac',
      sources: [CLEARS_DOJ_AUDIT],
      confidence: 'secondary',
      uncertainties: [
        'Reported by CLEARS from a CA DOJ briefing; the CLETS PPP text was not readable.',
        'Only four of the seven audited databases are named (CARPOS, MPS, WPS, ABS).',
      ],
    },
    {
      id: 'clets-misuse-annual-report',
      title: 'Annual CLETS misuse report to CA DOJ',
      description:
        'The agency reports to CA DOJ how many CLETS misuse investigations it opened in the year and how they ended.',
      category: 'reporting',
      cadence: { kind: 'recurring', rrule: 'FREQ=YEARLY', summary: 'Once a year' },
      leadTimeDays: 30,
      evidence: [
        {
          id: 'submitted-misuse-report',
          description: 'The misuse report as sent to CA DOJ',
          acceptedContentTypes: [...DOCUMENTS],
        },
        {
          id: 'investigation-summary',
          description: 'Summary of misuse investigations and their dispositions',
          acceptedContentTypes: [...RECORDS],
        },
      ],
      responsibleRole: 'agency-head',
      sources: [EFF_MISUSE_2015, EFF_MISUSE_2016, SD_SHERIFF_LETTER],
      confidence: 'secondary',
      uncertainties: [
        'The annual cycle comes from EFF and a sheriff’s letter, not from the CLETS PPP.',
        'A February 1 due date is mentioned informally but is unconfirmed; set it per deployment (e.g. FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=1) once confirmed.',
        'The responsible role (agency head or CLETS coordinator) is unconfirmed.',
      ],
    },
    {
      id: 'clets-operator-initial-training',
      title: 'CLETS/NCIC operator training for new operators',
      description:
        'Each person newly employed or assigned to use CLETS completes basic CLETS and NCIC training on policy, liability and regulations.',
      category: 'training',
      cadence: {
        kind: 'after-event',
        deadline: {
          trigger: 'operator-assigned',
          withinMonths: 6,
          withinDays: 0,
          summary: 'Within 6 months of employment or assignment',
        },
        summary: 'Within 6 months of employment or assignment',
      },
      leadTimeDays: 30,
      evidence: [
        {
          id: 'operator-training-roster',
          description: 'Roster of new operators with training completion dates',
          acceptedContentTypes: [...RECORDS],
        },
      ],
      responsibleRole: 'tac',
      sources: [LEGALCLARITY_CLETS_CERTIFICATION, cjis('3.2.7')],
      confidence: 'secondary',
      uncertainties: [
        'The 6-month window comes from a secondary guide; CJIS 3.2.7 states the same window only for contractor NCIC operators.',
      ],
    },
    {
      id: 'clets-operator-recertification',
      title: 'CLETS operator recertification',
      description:
        'Full-access and less-than-full-access operators renew their certification by passing the CA DOJ operator proficiency examination.',
      category: 'training',
      cadence: { kind: 'recurring', rrule: 'FREQ=YEARLY;INTERVAL=2', summary: 'Every two years' },
      leadTimeDays: 60,
      evidence: [
        {
          id: 'operator-certification-roster',
          description:
            'Per operator: access level, initial training date, workbook completion date, recertification exam date and score or pass mark',
          acceptedContentTypes: [...RECORDS],
        },
      ],
      responsibleRole: 'tac',
      sources: [CLEW_OPERATOR_TRAINING_COPY, cjis('3.2.7')],
      confidence: 'secondary',
      uncertainties: [
        'The biennial cycle and 70% pass mark come from a low-credibility copy of CA DOJ text.',
        'Recertification is really due per operator from their own certification date; this entry plans an agency-wide roster check.',
      ],
    },
    {
      id: 'security-literacy-training',
      title: 'Security and privacy literacy training',
      description:
        'Every user, including managers and contractors, completes security and privacy awareness training before first access to CJI and every year after.',
      category: 'training',
      cadence: {
        kind: 'recurring',
        rrule: 'FREQ=YEARLY',
        summary: 'Before access to CJI, then every year',
        initial: {
          trigger: 'access-granted',
          withinMonths: 0,
          withinDays: 0,
          summary: 'Before access to CJI',
        },
      },
      leadTimeDays: 30,
      evidence: [
        {
          id: 'literacy-completion-records',
          description: 'Completion records for all users for the year',
          acceptedContentTypes: [...RECORDS],
        },
        {
          id: 'literacy-course-outline',
          description: 'Outline or version of the training content used',
          acceptedContentTypes: [...DOCUMENTS],
        },
      ],
      responsibleRole: 'laso',
      sources: [cjis('AT-2 a')],
      confidence: 'primary',
      uncertainties: [],
    },
    {
      id: 'role-based-security-training',
      title: 'Role-based security training',
      description:
        'Staff receive security training for their tier (physical access, general user, privileged user, security personnel). ' +
        'The LASO tier covers findings from the last state and FBI audits, and content is refreshed every year.',
      category: 'training',
      cadence: {
        kind: 'recurring',
        rrule: 'FREQ=YEARLY',
        summary: 'Before access, then every year',
        initial: { trigger: 'access-granted', withinMonths: 0, withinDays: 0, summary: 'Before access' },
      },
      leadTimeDays: 30,
      evidence: [
        {
          id: 'role-training-completion',
          description: 'Completion records per training tier',
          acceptedContentTypes: [...RECORDS],
        },
        {
          id: 'role-training-content-version',
          description: 'Dated training content showing the yearly update',
          acceptedContentTypes: [...DOCUMENTS],
        },
      ],
      responsibleRole: 'laso',
      sources: [cjis('AT-3'), MYCTRL_AT3],
      confidence: 'primary',
      uncertainties: [],
    },
    {
      id: 'incident-response-training',
      title: 'Incident-response training',
      description:
        'People with an incident-response role are trained before taking it on and every year after.',
      category: 'training',
      cadence: { kind: 'recurring', rrule: 'FREQ=YEARLY', summary: 'Every year' },
      leadTimeDays: 30,
      evidence: [
        {
          id: 'ir-training-records',
          description: 'Incident-response training completion records',
          acceptedContentTypes: [...RECORDS],
        },
      ],
      responsibleRole: 'laso',
      sources: [cjis('IR-2')],
      confidence: 'primary',
      uncertainties: [],
    },
    {
      id: 'account-review',
      title: 'User account review',
      description:
        'The agency checks every account against its account-management rules and removes what is no longer needed. ' +
        'Account managers must hear within one day when a user leaves, transfers or loses need-to-know.',
      category: 'internal-control',
      cadence: { kind: 'recurring', rrule: 'FREQ=YEARLY', summary: 'At least once a year' },
      leadTimeDays: 30,
      evidence: [
        {
          id: 'account-review-signoff',
          description: 'Signed account review listing accounts kept, changed and removed',
          acceptedContentTypes: [...SCANS],
        },
        {
          id: 'account-change-notifications',
          description: 'Notifications of departures and transfers with their times',
          acceptedContentTypes: [...EXPORTS],
        },
      ],
      responsibleRole: 'tac',
      sources: [cjis('AC-2 h, j'), MYCTRL_AC2, FBI_ACCOUNT_VALIDATION_TEMPLATE],
      confidence: 'primary',
      uncertainties: [
        'The FBI sample policy template suggests a review every six months by the TAC; a deployment may set FREQ=MONTHLY;INTERVAL=6.',
      ],
      cjisPriority: { priority: 'P1', existing: true },
    },
    {
      id: 'audit-log-review',
      title: 'Audit-log review',
      description: 'Someone reviews system audit logs for unusual activity and records the review.',
      category: 'internal-control',
      cadence: { kind: 'recurring', rrule: 'FREQ=WEEKLY', summary: 'Every week' },
      leadTimeDays: 3,
      evidence: [
        {
          id: 'log-review-record',
          description: 'Record of the week’s log review: who, when, what was found',
          acceptedContentTypes: [...EXPORTS],
        },
      ],
      responsibleRole: 'laso',
      sources: [cjis('AU-6 a')],
      confidence: 'primary',
      uncertainties: [],
    },
    {
      id: 'policy-procedure-review',
      title: 'Security policy and procedure review',
      description:
        'The agency reviews and updates its security policies and procedures every year, and again after incidents or CJIS policy changes.',
      category: 'internal-control',
      cadence: { kind: 'recurring', rrule: 'FREQ=YEARLY', summary: 'Every year' },
      leadTimeDays: 30,
      evidence: [
        {
          id: 'reviewed-policies',
          description: 'Current policies and procedures with the review date and approver',
          acceptedContentTypes: [...DOCUMENTS],
        },
      ],
      responsibleRole: 'laso',
      sources: [cjis('AT-1 c'), cjis('IA-1 c')],
      confidence: 'primary',
      uncertainties: [],
    },
    {
      id: 'incident-response-plan-test',
      title: 'Incident-response plan approval and test',
      description:
        'Leadership approves the incident-response plan, and the agency exercises its response capability through a tabletop or simulation.',
      category: 'internal-control',
      cadence: { kind: 'recurring', rrule: 'FREQ=YEARLY', summary: 'Every year' },
      leadTimeDays: 30,
      evidence: [
        {
          id: 'ir-plan-approval',
          description: 'Memo or signature page approving the current plan',
          acceptedContentTypes: [...SCANS],
        },
        {
          id: 'ir-test-report',
          description: 'Report of the exercise and lessons learned',
          acceptedContentTypes: [...DOCUMENTS],
        },
      ],
      responsibleRole: 'laso',
      sources: [cjis('IR-3'), cjis('IR-8')],
      confidence: 'primary',
      uncertainties: [],
    },
    {
      id: 'vulnerability-scanning',
      title: 'Vulnerability scanning',
      description:
        'Systems are scanned for vulnerabilities, and findings are fixed within 15, 30, 60 or 90 days for critical, high, medium and low.',
      category: 'internal-control',
      cadence: { kind: 'recurring', rrule: 'FREQ=MONTHLY', summary: 'Every month' },
      leadTimeDays: 7,
      evidence: [
        {
          id: 'scan-report',
          description: 'The month’s scan report or summary',
          acceptedContentTypes: [...EXPORTS],
        },
        {
          id: 'remediation-tickets',
          description: 'Open and closed remediation tickets with their dates',
          acceptedContentTypes: [...EXPORTS],
        },
      ],
      responsibleRole: 'laso',
      sources: [cjis('RA-5 a, d'), cjis('SI-2 c')],
      confidence: 'primary',
      uncertainties: [],
    },
    {
      id: 'risk-assessment-review',
      title: 'Risk-assessment results review',
      description: 'The agency reviews the results of its risk assessment and records any changes.',
      category: 'internal-control',
      cadence: { kind: 'recurring', rrule: 'FREQ=MONTHLY;INTERVAL=3', summary: 'Every quarter' },
      leadTimeDays: 14,
      evidence: [
        {
          id: 'risk-review-record',
          description: 'Dated record of the review and its outcome',
          acceptedContentTypes: [...DOCUMENTS],
        },
      ],
      responsibleRole: 'laso',
      sources: [cjis('RA-3 d')],
      confidence: 'primary',
      uncertainties: [],
    },
    {
      id: 'physical-access-log-review',
      title: 'Physical access and visitor log review',
      description: 'Physical access logs and visitor records for areas holding CJI are reviewed.',
      category: 'internal-control',
      cadence: { kind: 'recurring', rrule: 'FREQ=MONTHLY;INTERVAL=3', summary: 'Every quarter' },
      leadTimeDays: 14,
      evidence: [
        {
          id: 'access-log-review-record',
          description: 'Signed record of the access-log and visitor-record review',
          acceptedContentTypes: [...SCANS],
        },
      ],
      responsibleRole: 'laso',
      sources: [cjis('PE-6 b'), cjis('PE-8')],
      confidence: 'primary',
      uncertainties: [],
    },
    {
      id: 'compromised-password-list-update',
      title: 'Compromised-password list update',
      description:
        'The list of common and compromised passwords that new passwords are checked against is refreshed.',
      category: 'internal-control',
      cadence: { kind: 'recurring', rrule: 'FREQ=MONTHLY;INTERVAL=3', summary: 'Every quarter' },
      leadTimeDays: 14,
      evidence: [
        {
          id: 'password-list-change-record',
          description: 'Change record showing when the list was updated',
          acceptedContentTypes: [...EXPORTS],
        },
      ],
      responsibleRole: 'laso',
      sources: [cjis('IA-5(1)(a)')],
      confidence: 'primary',
      uncertainties: [],
    },
  ],
};

/** The built-in catalog, validated when the module loads so a bad edit fails every test at once. */
export const OBLIGATIONS_CATALOG: ObligationsCatalog = ObligationsCatalogSchema.parse(catalog);
