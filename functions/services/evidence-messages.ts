import type { Agency } from '../domain/schemas/agency.js';
import type { Audit } from '../domain/schemas/audit.js';
import type { EvidenceRequest } from '../domain/schemas/evidence.js';

/*
 * The words of the evidence emails: what is asked, by when, where to upload, whom to ask. Plain text, composed
 * from the records; the subject lines say what and by when so an inbox listing is enough to act on.
 */

type AuditFacts = Pick<Audit, 'auditId' | 'ori' | 'programId' | 'periodKey' | 'dueDate' | 'timeZone'>;
type AgencyFacts = Pick<Agency, 'name' | 'ori'> | undefined;

const agencyLabel = (audit: AuditFacts, agency: AgencyFacts) =>
  `${agency?.name ?? audit.ori} (ORI ${audit.ori})`;

const contactLine = (adminEmails: readonly string[]) =>
  `Questions: ${adminEmails.length > 0 ? adminEmails.join(', ') : 'your CLETS audit administrator'}.`;

const linkLines = (link: { url: string; expiresAt: string }) => [
  'Upload here (this link is for your agency only; do not forward it):',
  link.url,
  `The link works until ${link.expiresAt.slice(0, 10)}.`,
];

export interface LinkMessageInput {
  readonly audit: AuditFacts;
  readonly agency: AgencyFacts;
  readonly requests: readonly Pick<EvidenceRequest, 'description' | 'status'>[];
  readonly link: { readonly url: string; readonly expiresAt: string };
  readonly adminEmails: readonly string[];
}

export function auditOpenedSubject(audit: AuditFacts, agency: AgencyFacts): string {
  return `Evidence requested: ${audit.programId} for ${agencyLabel(audit, agency)}, due ${audit.dueDate}`;
}

export function auditOpenedText(input: LinkMessageInput): string {
  const { audit, agency } = input;
  return [
    `Your agency, ${agencyLabel(audit, agency)}, has an audit open: ${audit.programId}, period ${audit.periodKey}.`,
    `Evidence is due by ${audit.dueDate} (${audit.timeZone}).`,
    '',
    'Requested:',
    ...(input.requests.length > 0
      ? input.requests.map((request) => `- ${request.description}`)
      : ['- (see the upload page)']),
    '',
    ...linkLines(input.link),
    '',
    contactLine(input.adminEmails),
  ].join('\n');
}

export function linkReissuedSubject(audit: AuditFacts, agency: AgencyFacts): string {
  return `New upload link: ${audit.programId} for ${agencyLabel(audit, agency)}, due ${audit.dueDate}`;
}

export function linkReissuedText(input: LinkMessageInput): string {
  const { audit, agency } = input;
  const open = input.requests.filter(
    (request) => request.status === 'requested' || request.status === 'flagged',
  );
  return [
    `A new upload link was issued for ${agencyLabel(audit, agency)}: ${audit.programId}, period ${audit.periodKey}.`,
    'Earlier links for your role no longer work.',
    '',
    open.length > 0 ? 'Still to upload:' : 'Nothing is waiting for an upload right now.',
    ...open.map((request) => `- ${request.description}`),
    '',
    ...linkLines(input.link),
    '',
    contactLine(input.adminEmails),
  ].join('\n');
}

export function evidenceFlaggedSubject(audit: AuditFacts, agency: AgencyFacts): string {
  return `Evidence returned, please upload again: ${audit.programId} for ${agencyLabel(audit, agency)}`;
}

export function evidenceFlaggedText(
  input: LinkMessageInput & {
    readonly request: Pick<EvidenceRequest, 'description'>;
    readonly fileName: string;
    readonly reason: string;
  },
): string {
  const { audit, agency } = input;
  return [
    `The reviewer returned a file uploaded by ${agencyLabel(audit, agency)} for ${audit.programId}, period ${audit.periodKey}.`,
    '',
    `Item: ${input.request.description}`,
    `File: ${input.fileName}`,
    `Reason: ${input.reason}`,
    '',
    'Please upload a corrected file for this item.',
    ...linkLines(input.link),
    '',
    contactLine(input.adminEmails),
  ].join('\n');
}

export interface ReceiptInput {
  readonly audit: AuditFacts;
  readonly agency: AgencyFacts;
  readonly request: Pick<EvidenceRequest, 'description'>;
  readonly evidence: { fileName: string; sha256: string; sizeBytes: number; receivedAt: string };
  readonly adminEmails: readonly string[];
}

export function evidenceReceiptSubject(audit: AuditFacts, agency: AgencyFacts): string {
  return `Receipt: evidence received for ${audit.programId}, ${agencyLabel(audit, agency)}`;
}

export function evidenceReceiptText(input: ReceiptInput): string {
  const { audit, agency, evidence } = input;
  return [
    `Received and verified for ${agencyLabel(audit, agency)}, ${audit.programId} (period ${audit.periodKey}):`,
    '',
    `Item: ${input.request.description}`,
    `File: ${evidence.fileName}`,
    `Size: ${evidence.sizeBytes} bytes`,
    `SHA-256: ${evidence.sha256}`,
    `Received: ${evidence.receivedAt}`,
    '',
    'The SHA-256 fingerprint identifies exactly the file we hold; keep this email as your receipt.',
    'A reviewer will look at it; you will hear from us if anything is missing.',
    '',
    contactLine(input.adminEmails),
  ].join('\n');
}

export function uploadRejectedSubject(audit: AuditFacts, agency: AgencyFacts): string {
  return `Upload not accepted, please try again: ${audit.programId} for ${agencyLabel(audit, agency)}`;
}

export function uploadRejectedText(input: {
  readonly audit: AuditFacts;
  readonly agency: AgencyFacts;
  readonly request: Pick<EvidenceRequest, 'description'>;
  readonly fileName: string | undefined;
  readonly reasons: readonly string[];
  readonly adminEmails: readonly string[];
}): string {
  const { audit, agency } = input;
  return [
    `An upload for ${agencyLabel(audit, agency)}, ${audit.programId} (period ${audit.periodKey}) did not match what the upload page declared, so it was not recorded as evidence.`,
    '',
    `Item: ${input.request.description}`,
    ...(input.fileName ? [`File: ${input.fileName}`] : []),
    'Why:',
    ...input.reasons.map((reason) => `- ${reason}`),
    '',
    'Please upload the file again from the link in your audit email. If this keeps happening, the file may be',
    'changing while it uploads (for example a document still open in an editor).',
    '',
    contactLine(input.adminEmails),
  ].join('\n');
}
