import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { DomainValidationError } from '../../../functions/domain/errors.js';
import { sesTemplateName } from '../../../functions/notices/notice-template.js';
import {
  NOTICE_TEMPLATE_NAMES,
  type NoticeTemplateName,
  noticeTemplates,
} from '../../../functions/notices/notice-templates.js';
import {
  parseNoticeTemplateData,
  renderNoticeSubject,
  renderNoticeTemplate,
} from '../../../functions/notices/render-notice.js';
import { noticeFixtures } from '../../support/notice-fixtures.js';
import { checkPlaceholders, type Part, schemaLeaves } from './template-placeholders.js';

const HOSTILE = `<script>alert("x")</script> & 'quoted' "double"`;

/** Every string value of the data, hostile where the schema still accepts it (free text, names, URLs). */
function hostileData(schema: z.ZodType, value: unknown, hostile: string[]): unknown {
  if (typeof value === 'string') {
    const candidate = `${value}${HOSTILE}`;
    if (schema.safeParse(candidate).success) {
      hostile.push(candidate);
      return candidate;
    }
    return value;
  }
  if (Array.isArray(value)) {
    const element = (schema as z.ZodArray).element as z.ZodType;
    return value.map((item) => hostileData(element, item, hostile));
  }
  if (value && typeof value === 'object') {
    const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [
        key,
        hostileData(shape[key] as z.ZodType, field, hostile),
      ]),
    );
  }
  return value;
}

const PARTS: Part[] = ['subject', 'html', 'text'];

/** The lines a DomainValidationError names the bad fields with. */
function validationIssues(act: () => unknown): readonly string[] {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected the data to be refused');
}

/** Remediation notices with no single date to meet: several findings' dates, or a closed task. */
const SUBJECT_WITHOUT_DUE_DATE: NoticeTemplateName[] = ['remediation-required', 'task-closed'];

describe('Email templates', () => {
  it('defines the templates the notices need, each deployable under an SES name', () => {
    expect([...NOTICE_TEMPLATE_NAMES].sort()).toEqual([
      'audit-opened',
      'bounce-alert',
      'daily-digest',
      'due-today',
      'escalation-administrators',
      'escalation-agency-head',
      'evidence-flagged',
      'evidence-receipt',
      'link-reissued',
      'overdue',
      'overdue-audit',
      'plan-accepted',
      'plan-revision-requested',
      'remediation-required',
      'reminder',
      'task-closed',
      'task-escalation-administrators',
      'task-escalation-agency-head',
      'task-notice',
      'upload-rejected',
    ]);
    for (const name of NOTICE_TEMPLATE_NAMES) {
      expect(noticeTemplates[name].name).toBe(name);
      // SES template names: letters, digits, hyphens and underscores, at most 64 characters (16-character stage).
      expect(sesTemplateName('abcdefghijklmnop', name)).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    }
    expect(sesTemplateName('prod', 'reminder')).toBe('clets-audit-prod-reminder');
  });

  describe.each(NOTICE_TEMPLATE_NAMES)('Template: %s', (name: NoticeTemplateName) => {
    const template = noticeTemplates[name];
    const fixture = noticeFixtures[name] as Record<string, unknown>;

    it('renders the fixture: a subject line, an HTML document and a text part', () => {
      // Act
      const rendered = renderNoticeTemplate(name, fixture);

      // Assess
      expect(rendered.subject).toMatch(/^[^\r\n]{10,300}$/);
      expect(rendered.html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
      expect(rendered.html).not.toMatch(/<img|<script|https?:\/\/(?!audits\.example\.gov)/i);
      expect(rendered.text.length).toBeGreaterThan(50);
      expect(rendered.text).not.toMatch(
        /<\/?(p|br|a|ul|li|table|tr|td|th|h\d|span|div|code)\b|&(amp|lt|gt|quot|#x27);/i,
      );
    });

    it('names the agency and its ORI, the due date, and the link or whom to contact', () => {
      const rendered = renderNoticeTemplate(name, fixture);
      for (const body of [rendered.html, rendered.text]) {
        if ('agencyName' in fixture)
          expect(body).toContain(
            Handlebars.escapeExpression(fixture.agencyName as string).replace(/&#x27;/g, "'"),
          );
        if ('ori' in fixture) expect(body).toContain(`ORI ${fixture.ori}`);
        if ('dueDate' in fixture) expect(body).toContain(fixture.dueDate);
        if ('periodKey' in fixture) expect(body).toContain(fixture.periodKey);
        if ('link' in fixture) expect(body).toContain((fixture.link as { url: string }).url);
        if ('contactEmails' in fixture) {
          for (const email of fixture.contactEmails as string[]) expect(body).toContain(email);
        }
        if ('agencyContacts' in fixture) expect(body).toContain('tac@fresnopd.example.gov');
      }
      if (template.audience === 'agency') expect('contactEmails' in fixture).toBe(true);
      if (template.audience === 'administrators') expect('link' in fixture).toBe(false);
    });

    it('says in the subject what is due and by when', () => {
      const { subject } = renderNoticeTemplate(name, fixture);
      // A remediation task's own due date, not the audit's; the findings' dates are in the body.
      if ('taskDueDate' in fixture) expect(subject).toContain(fixture.taskDueDate as string);
      else if ('dueDate' in fixture && !SUBJECT_WITHOUT_DUE_DATE.includes(name))
        expect(subject).toContain(fixture.dueDate as string);
      if ('agencyName' in fixture) expect(subject).toContain(`${fixture.agencyName} (ORI ${fixture.ori})`);
      if (name === 'daily-digest') expect(subject).toContain(fixture.date as string);
    });

    it('escapes every value in the HTML part and none in the text part or the subject', () => {
      // Prepare: every string the schema accepts it in carries markup, quotes and an ampersand
      const hostile: string[] = [];
      const data = hostileData(template.schema, fixture, hostile);
      expect(hostile.length).toBeGreaterThan(3);

      // Act
      const rendered = renderNoticeTemplate(name, data);

      // Assess
      expect(rendered.html).not.toContain('<script>');
      expect(rendered.html).not.toContain(`"double"`);
      for (const value of hostile) {
        expect(rendered.html).not.toContain(value);
        expect(rendered.html).toContain(Handlebars.escapeExpression(value));
        expect(rendered.text).toContain(value);
      }
      if (rendered.subject !== renderNoticeTemplate(name, fixture).subject) {
        expect(rendered.subject).toContain(HOSTILE);
      }
      expect(rendered.subject).not.toMatch(/&(amp|lt|gt|quot|#x27);/);
    });

    it('refuses data that lacks any of its fields, naming the field', () => {
      for (const field of Object.keys(fixture)) {
        const { [field]: _missing, ...rest } = fixture;
        expect(
          validationIssues(() => renderNoticeTemplate(name, rest)),
          field,
        ).toEqual([expect.stringMatching(new RegExp(`^${field}: `))]);
      }
    });

    it('uses only fields of its schema, all required, escaped in HTML and raw in text, and shows each in both parts', () => {
      const reports = Object.fromEntries(
        PARTS.map((part) => [part, checkPlaceholders(template[part], template.schema, part)]),
      ) as Record<Part, ReturnType<typeof checkPlaceholders>>;
      for (const part of PARTS) expect(reports[part].problems, `${name} ${part}`).toEqual([]);
      const leaves = schemaLeaves(template.schema).sort();
      expect([...reports.html.printed].sort(), `${name}: fields the HTML part leaves out`).toEqual(leaves);
      expect([...reports.text.printed].sort(), `${name}: fields the text part leaves out`).toEqual(leaves);
    });
  });

  it('catches a placeholder that is not a field of the schema (a typo fails)', () => {
    const schema = z.object({
      agencyName: z.string(),
      requests: z.array(z.object({ description: z.string() })),
    });
    const report = checkPlaceholders(
      '{{agencyNmae}} {{#each requests}}{{descripton}}{{/each}} {{{agencyName}}} {{#unless agencyName}}x{{/unless}}',
      schema,
      'html',
    );
    expect(report.problems).toEqual([
      "agencyNmae: agencyNmae is not a field of the template's data",
      "descripton: requests[].descripton is not a field of the template's data",
      '{{{agencyName}}}: the HTML part must escape (use {{x}})',
      '{{#unless}}: only {{#if field}} and {{#each list}} are used',
    ]);
  });

  it('reads what a piped field derives, and counts a yes/no field its {{#if}} tests as shown', () => {
    const schema = z.object({
      stage: z
        .enum(['due', 'overdue'])
        .transform((stage) => ({ isOverdue: stage === 'overdue' }))
        .pipe(z.object({ isOverdue: z.boolean() })),
    });
    const report = checkPlaceholders('{{#if stage.isOverdue}}late{{/if}} {{stage.isLate}}', schema, 'html');
    expect(report.problems).toEqual(["stage.isLate: stage.isLate is not a field of the template's data"]);
    expect([...report.printed]).toEqual(['stage.isOverdue']);
    expect(schemaLeaves(schema)).toEqual(['stage.isOverdue']);
  });
});

describe('Function: renderNoticeTemplate', () => {
  it('refuses data that does not fit the template, naming the field, before rendering anything', () => {
    const { link: _link, ...withoutLink } = noticeFixtures.reminder;
    expect(() => renderNoticeTemplate('reminder', withoutLink)).toThrow(DomainValidationError);
    expect(() => renderNoticeTemplate('reminder', withoutLink)).toThrow(/link: is required/);
    expect(() =>
      renderNoticeTemplate('reminder', {
        ...noticeFixtures.reminder,
        link: { url: 'javascript:alert(1)', expiresOn: '2026-05-24' },
      }),
    ).toThrow(/link\.url: must be an http\(s\) URL/);
    expect(() =>
      renderNoticeTemplate('audit-opened', {
        ...noticeFixtures['audit-opened'],
        agencyName: 'Fresno\nBcc: x@evil.example',
      }),
    ).toThrow(/agencyName: must be a single line/);
  });

  it('renders the subject before the upload link exists (the notice is recorded before its link is issued)', () => {
    const { link: _link, ...withoutLink } = noticeFixtures['audit-opened'];
    expect(renderNoticeSubject('audit-opened', withoutLink)).toBe(
      renderNoticeTemplate('audit-opened', noticeFixtures['audit-opened']).subject,
    );
    expect(renderNoticeSubject('audit-opened', withoutLink)).toBe(
      'Evidence requested: account-review for Fresno Police Department (ORI CA0190000), due 2026-04-24',
    );
  });

  it('shows an empty list and absent contacts as sentences, not as blanks', () => {
    const rendered = renderNoticeTemplate('reminder', {
      ...noticeFixtures.reminder,
      openRequests: [],
      contactEmails: [],
    });
    expect(rendered.text).toContain('Still to upload:\n- nothing right now');
    expect(rendered.text).toContain('Whom to contact:\n- Reply to the CLETS audit administrator');
    expect(rendered.html).toContain('Nothing is waiting for an upload right now.');
  });
});

/** The remediation-required fixture's two findings: a repeat finding, then another. */
function fixtureFindings() {
  const [first, second] = noticeFixtures['remediation-required'].findings;
  if (!first || !second) throw new Error('the remediation-required fixture lists two findings');
  return [first, second] as const;
}

describe('Remediation templates', () => {
  it('remediation-required: lists each finding with its severity, plan due date and task, marking repeat findings', () => {
    // Act
    const { subject, html, text } = renderNoticeTemplate(
      'remediation-required',
      noticeFixtures['remediation-required'],
    );

    // Assess
    expect(subject).toBe(
      'Corrective action required: cadoj-compliance-audit findings for Fresno Police Department (ORI CA0190000), 2 to correct',
    );
    expect(text).toContain('corrective action: 2 in all');
    expect(text).toContain(
      'submit a corrective action plan through the link below by the finding’s due date',
    );
    expect(text).toContain('upload the evidence that it works (verification evidence) through the same link');
    expect(text).toContain(
      '- Unescorted vendor access to the terminal room (REPEAT FINDING: also a finding in the previous audit)\n  Severity: high\n  Plan due: 2026-06-30\n',
    );
    expect(text).toContain(
      '- Security awareness training lapsed for 3 operators\n  Severity: medium\n  Plan due: 2026-07-31\n',
    );
    expect(text).toContain('Task: rem_CA0190000_cadoj-compliance-audit_2026_002_01');
    expect(html.match(/Repeat finding:/g)).toHaveLength(1);
    expect(html).toContain('Three operators’ security awareness training expired in January.');
  });

  it('escapes the findings’ titles and descriptions in HTML and keeps them as written in text', () => {
    const [first, second] = fixtureFindings();
    const data = {
      ...noticeFixtures['remediation-required'],
      findings: [
        { ...first, title: '<b>Doors</b> & "locks"', description: '<img src=x onerror=alert(1)> open' },
        second,
      ],
    };
    const { html, text } = renderNoticeTemplate('remediation-required', data);
    expect(html).toContain('&lt;b&gt;Doors&lt;/b&gt; &amp; &quot;locks&quot;');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; open');
    expect(html).not.toContain('<b>Doors');
    expect(text).toContain('- <b>Doors</b> & "locks" (REPEAT FINDING');
    expect(text).toContain('<img src=x onerror=alert(1)> open');
  });

  it('remediation-required: refuses findings that do not fit, naming the finding and field', () => {
    const fixture = noticeFixtures['remediation-required'];
    const [first, second] = fixtureFindings();
    const { title: _title, ...untitled } = first;
    expect(
      validationIssues(() => renderNoticeTemplate('remediation-required', { ...fixture, findings: [] })),
    ).toEqual([expect.stringMatching(/^findings: /)]);
    expect(
      validationIssues(() => renderNoticeTemplate('remediation-required', { ...fixture, findingCount: 0 })),
    ).toEqual([expect.stringMatching(/^findingCount: /)]);
    expect(
      validationIssues(() =>
        renderNoticeTemplate('remediation-required', {
          ...fixture,
          findings: [
            { ...untitled, severity: 'severe', repeat: 'yes' },
            { ...second, dueDate: 'end of July' },
          ],
        }),
      ),
    ).toEqual([
      'findings[0].title: is required (expected string)',
      'findings[0].severity: must be one of: critical, high, medium, low',
      expect.stringMatching(/^findings\[0\]\.repeat: /),
      'findings[1].dueDate: must be a date YYYY-MM-DD',
    ]);
  });

  it('plan-revision-requested: gives the reviewer’s reason and asks for a revised plan by the due date', () => {
    const { subject, text } = renderNoticeTemplate(
      'plan-revision-requested',
      noticeFixtures['plan-revision-requested'],
    );
    expect(subject).toBe(
      'Corrective action plan returned, please revise: Unescorted vendor access to the terminal room, Fresno Police Department (ORI CA0190000), due 2026-06-30',
    );
    expect(text).toContain(
      'asks for a revised plan.\nPlease submit it through the link below by 2026-06-30.',
    );
    expect(text).toContain(
      'What to change:\nThe plan does not say who escorts vendors after hours.\nName the role and how it is logged.',
    );
  });

  it('plan-accepted: asks for verification evidence through the link once the fix is in place, by the due date', () => {
    const { text } = renderNoticeTemplate('plan-accepted', noticeFixtures['plan-accepted']);
    expect(text).toContain('The plan puts the fix in place by 2026-06-15.');
    expect(text).toContain(
      'Once the fix is in place, upload the evidence that it works (verification evidence) through the link below, by 2026-06-30.',
    );
  });

  describe('task-notice', () => {
    const fixture = noticeFixtures['task-notice'];

    it.each([
      {
        stage: 'reminder',
        timing: 'in 7 days',
        subject: 'Reminder: a corrective action plan is due 2026-06-30 for',
        heading: 'Reminder: a corrective action plan is due in 7 days',
        sentence: 'a corrective action plan is due in 7 days, on 2026-06-30.',
      },
      {
        stage: 'due',
        timing: 'today',
        subject: 'Due today, 2026-06-30: a corrective action plan for',
        heading: 'Due today: a corrective action plan',
        sentence:
          'a corrective action plan is due today, 2026-06-30.\nPlease submit it before the end of the day.',
      },
      {
        stage: 'overdue',
        timing: '3 days ago',
        subject: 'Overdue since 2026-06-30: a corrective action plan for',
        heading: 'Overdue: a corrective action plan was due 3 days ago',
        sentence: 'a corrective action plan was due 3 days ago, on 2026-06-30, and has not arrived.',
      },
    ] as const)('words the $stage notice for its stage', ({ stage, timing, subject, heading, sentence }) => {
      // Act
      const rendered = renderNoticeTemplate('task-notice', { ...fixture, stage, timing });

      // Assess
      expect(rendered.subject).toBe(
        `${subject} Unescorted vendor access to the terminal room, Fresno Police Department (ORI CA0190000)`,
      );
      expect(rendered.html).toContain(`<title>${heading}</title>`);
      expect(rendered.text).toContain(sentence);
      for (const other of ['Reminder:', 'Due today', 'Overdue'].filter((word) => !subject.startsWith(word))) {
        expect(rendered.subject).not.toContain(other);
        expect(rendered.html).not.toContain(other);
      }
    });

    it('takes the stage by name and hands the templates one flag per stage (what SES receives)', () => {
      expect(parseNoticeTemplateData('task-notice', { ...fixture, stage: 'overdue' }).stage).toEqual({
        isReminder: false,
        isDue: false,
        isOverdue: true,
      });
      expect(
        validationIssues(() => renderNoticeTemplate('task-notice', { ...fixture, stage: 'late' })),
      ).toEqual(['stage: must be one of: reminder, due, overdue']);
      const { stage: _stage, ...withoutStage } = fixture;
      expect(validationIssues(() => renderNoticeSubject('task-notice', withoutStage))).toEqual([
        'stage: is required',
      ]);
    });
  });

  it('task-escalation-agency-head: tells the agency head what is owed, how late, and who owns it', () => {
    const { text } = renderNoticeTemplate(
      'task-escalation-agency-head',
      noticeFixtures['task-escalation-agency-head'],
    );
    expect(text).toContain(
      'verification evidence was due on 2026-06-30 and is 12 days overdue.\nThe Terminal Agency Coordinator (TAC) owns this task',
    );
  });

  it('task-escalation-administrators: names the agency, what it owes and whom to call, with no link', () => {
    const { html, text } = renderNoticeTemplate(
      'task-escalation-administrators',
      noticeFixtures['task-escalation-administrators'],
    );
    expect(text).toContain(
      'Fresno Police Department (ORI CA0190000) has not provided verification evidence for the finding below',
    );
    expect(text).toContain('Terminal Agency Coordinator (TAC): Terry Coordinator <tac@fresnopd.example.gov>');
    expect(html).not.toContain('/upload/');
  });

  it('task-closed: says the corrective action was verified and nothing more is owed, with no link', () => {
    const { subject, text } = renderNoticeTemplate('task-closed', noticeFixtures['task-closed']);
    expect(subject).toBe(
      'Corrective action verified, task closed: Unescorted vendor access to the terminal room, Fresno Police Department (ORI CA0190000)',
    );
    expect(text).toContain('and closed the task.\nNothing more is needed for this finding');
    expect(text).not.toContain('/upload/');
  });
});
