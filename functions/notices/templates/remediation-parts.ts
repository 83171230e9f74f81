import * as z from 'zod';
import { SEVERITIES } from '../../domain/schemas/finding.js';
import { htmlFacts, textFacts } from '../layout.js';

/*
 * What the remediation templates (findings, corrective action plans, their tasks) share. By the time they are
 * sent the audit's evidence due date is past, so their facts table labels it as the audit's, apart from the
 * task's own due date.
 */

/** An enum whose errors say a missing value is required (zod calls it an invalid option) or list the values. */
export const enumFieldSchema = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (issue) => (issue.input === undefined ? 'is required' : `must be one of: ${values.join(', ')}`),
  });

/** A finding's severity, as the reviewer recorded it. */
export const SeverityFieldSchema = enumFieldSchema(SEVERITIES);

type Rows = readonly (readonly [label: string, value: string])[];

/** Agency, program, period and the audit's due date, then the task's rows. */
export const htmlRemediationFacts = (extra: Rows = []) =>
  htmlFacts([
    ['Agency', '{{agencyName}} (ORI {{ori}})'],
    ['Program', '{{programTitle}} ({{programId}})'],
    ['Period', '{{periodKey}}'],
    ['Audit due date', '{{dueDate}} ({{timeZone}})'],
    ...extra,
  ]);

export const textRemediationFacts = (extra: Rows = []) =>
  textFacts([
    ['Agency', '{{{agencyName}}} (ORI {{{ori}}})'],
    ['Program', '{{{programTitle}}} ({{{programId}}})'],
    ['Period', '{{{periodKey}}}'],
    ['Audit due date', '{{{dueDate}}} ({{{timeZone}}})'],
    ...extra,
  ]);

/** The title of one item in a list of findings. */
export const htmlSubheading = (content: string) =>
  `<h3 style="margin:20px 0 8px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:22px;color:#1f2937;">${content}</h3>`;
