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
import { renderNoticeSubject, renderNoticeTemplate } from '../../../functions/notices/render-notice.js';
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
      'reminder',
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
      if ('dueDate' in fixture) expect(subject).toContain(fixture.dueDate as string);
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
