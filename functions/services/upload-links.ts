import { createHash } from 'node:crypto';
import { ItemNotFoundError } from '../adapters/dynamodb/persistence-errors.js';
import { clock, repository, settings } from '../adapters/runtime/bindings.js';
import { routeNoticeRecipients } from '../domain/notices/recipient-routing.js';
import type { Agency } from '../domain/schemas/agency.js';
import type { Audit } from '../domain/schemas/audit.js';
import type { Actor, ContactRole } from '../domain/schemas/common.js';
import type { UploadLink, UploadLinkReason } from '../domain/schemas/upload-link.js';
import { auditFactsData, contactEmailsData, linkData, openRequestLines } from './notice-data.js';
import { recordAndSendNotice } from './notices.js';

/*
 * Upload links: one random token per contact role and occasion, scoped to one audit and its requests. The
 * plaintext exists only in the email it is composed into; the audit keeps an index of its links (role,
 * expiry, revocation) by a non-secret reference, and the token record keeps scope, expiry and lockout.
 */

const DAY_MS = 86_400_000;

/** A non-secret name for a link: a prefix of its token's hash. Written on uploads and in the trail. */
export const linkRefOf = (tokenHash: string) => `link-${tokenHash.slice(0, 16)}`;

/** Where a link points: the portal's upload page for this token. */
export const uploadLinkUrl = (token: string) =>
  `${settings().publicBaseUrl.replace(/\/+$/, '')}/upload/${token}`;

/** A link stays valid for the configured number of days past the due date (or past now, when later). */
export function linkExpiry(audit: Pick<Audit, 'dueAt'>, now: Date): Date {
  const from = Math.max(Date.parse(audit.dueAt), now.getTime());
  return new Date(from + settings().uploadLinkLifetimeDays * DAY_MS);
}

export interface IssuedLink {
  readonly token: string;
  readonly url: string;
  readonly link: UploadLink;
}

/**
 * Issues a link for one role of the audit's agency, covering every request of the audit: records it in the
 * audit's link index (with a trail event), then stores the token's hash. Returns the only copy of the token.
 */
export async function issueUploadLink(
  audit: Pick<Audit, 'auditId' | 'ori' | 'dueAt'>,
  role: ContactRole,
  reason: UploadLinkReason,
  actor: Actor,
): Promise<IssuedLink> {
  const now = clock().now();
  const { audits, uploadTokens } = repository();
  const bundle = await audits.getAuditBundle(audit.auditId);
  if (!bundle) throw new ItemNotFoundError('Audit', audit.auditId);
  const expiresAt = linkExpiry(audit, now);
  const { token, record } = await uploadTokens.issue(
    {
      agencyOri: audit.ori,
      auditId: audit.auditId,
      requestIds: bundle.requests.map((request) => request.requestId),
    },
    expiresAt,
    now,
  );
  const linkRef = linkRefOf(record.tokenHash);
  const { link } = await audits.recordUploadLink(
    {
      linkRef,
      tokenHash: record.tokenHash,
      auditId: audit.auditId,
      ori: audit.ori,
      role,
      reason,
      issuedAt: record.issuedAt,
      expiresAt: record.expiresAt,
    },
    {
      type: 'upload-link.issued',
      at: record.issuedAt,
      actor,
      subject: { type: 'upload-link', id: linkRef },
      streamId: audit.auditId,
      payload: { role, reason, expiresAt: record.expiresAt },
    },
  );
  return { token, url: uploadLinkUrl(token), link };
}

/**
 * The roles that owe an audit's evidence and can be reached: the responsible role, and the alternate. A
 * responsible role whose contacts bounced is left out when the alternate stands in for it: the alternate's
 * own link reaches the same person.
 */
export function rolesOwingEvidence(audit: Pick<Audit, 'responsibleRole'>, agency: Agency | undefined) {
  const roles: ContactRole[] = [audit.responsibleRole, 'alternate'];
  return roles.filter((role) => {
    const recipients = roleRecipients(agency, role);
    return (
      recipients.length > 0 &&
      !recipients.every((recipient) => recipient.reroutedFrom && recipient.role === 'alternate')
    );
  });
}

/**
 * The contacts of one role, as notice recipients. Bounced addresses are skipped; a role whose contacts all
 * bounced is reached through the alternate, or else the administrators (functions/domain/notices/recipient-routing.ts).
 */
export const roleRecipients = (agency: Agency | undefined, role: ContactRole) =>
  agency ? routeNoticeRecipients(agency, [role], settings().adminEmails) : [];

export type UploadLinkState = 'active' | 'expired' | 'revoked' | 'locked';

export interface UploadLinkSummary {
  readonly linkRef: string;
  readonly role: ContactRole;
  readonly reason: UploadLinkReason;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly state: UploadLinkState;
  readonly failedAttempts: number;
  readonly revokedAt?: string;
  readonly revokedReason?: string;
  readonly lockedAt?: string;
}

/** An audit's links with their current state (from the token records); never a token. */
export async function listUploadLinks(auditId: string): Promise<UploadLinkSummary[]> {
  const { audits, uploadTokens } = repository();
  if (!(await audits.getAudit(auditId))) throw new ItemNotFoundError('Audit', auditId);
  const now = clock().now();
  const links = await audits.listUploadLinks(auditId);
  const summaries = await Promise.all(
    links.map(async (link): Promise<UploadLinkSummary> => {
      const record = await uploadTokens.get(link.tokenHash);
      const lockedAt = record?.lockedAt;
      const revokedAt = link.revokedAt ?? record?.revokedAt;
      const state: UploadLinkState = revokedAt
        ? 'revoked'
        : lockedAt
          ? 'locked'
          : now.getTime() >= Date.parse(link.expiresAt)
            ? 'expired'
            : 'active';
      return {
        linkRef: link.linkRef,
        role: link.role,
        reason: link.reason,
        issuedAt: link.issuedAt,
        expiresAt: link.expiresAt,
        state,
        failedAttempts: record?.failureCount ?? 0,
        ...(revokedAt ? { revokedAt } : {}),
        ...(link.revokedReason ? { revokedReason: link.revokedReason } : {}),
        ...(lockedAt ? { lockedAt } : {}),
      };
    }),
  );
  return summaries.sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.linkRef.localeCompare(b.linkRef));
}

/**
 * Withdraws every link of one role that is not yet withdrawn: the token first (so it stops working at once),
 * then the audit's index entry with its trail event. Returns the links withdrawn now.
 */
export async function revokeUploadLinks(
  auditId: string,
  role: ContactRole,
  reason: string,
  actor: Actor,
): Promise<UploadLinkSummary[]> {
  const { audits, uploadTokens } = repository();
  if (!(await audits.getAudit(auditId))) throw new ItemNotFoundError('Audit', auditId);
  const now = clock().now();
  const live = (await audits.listUploadLinks(auditId)).filter(
    (link) => link.role === role && !link.revokedAt,
  );
  for (const link of live) {
    await uploadTokens.revoke(link.tokenHash, now);
    await audits.saveUploadLink(
      link,
      { ...link, revokedAt: now.toISOString(), revokedReason: reason },
      {
        type: 'upload-link.revoked',
        at: now.toISOString(),
        actor,
        subject: { type: 'upload-link', id: link.linkRef },
        streamId: auditId,
        payload: { role, reason },
      },
    );
  }
  const revoked = new Set(live.map((link) => link.linkRef));
  return (await listUploadLinks(auditId)).filter((link) => revoked.has(link.linkRef));
}

/** The audit's agency has no contact for the role asked for: no link can be sent. */
export class NoContactForRoleError extends Error {
  override readonly name = 'NoContactForRoleError';
  constructor(
    readonly ori: string,
    readonly role: ContactRole,
  ) {
    super(`Agency ${ori} has no '${role}' contact to send an upload link to; add one first.`);
  }
}

const AUDIT_ENDED = new Set(['closed', 'cancelled', 'failed']);

/** The audit no longer takes uploads, so no new link is issued for it. */
export class AuditNotCollectingError extends Error {
  override readonly name = 'AuditNotCollectingError';
  constructor(
    readonly auditId: string,
    readonly status: string,
  ) {
    super(`Audit ${auditId} is ${status}: it takes no uploads, so no new link is issued.`);
  }
}

/**
 * Withdraws the role's links and emails the role's contacts a fresh one. Asked for by an administrator, e.g.
 * when a link expired, was locked by failed attempts, or reached the wrong person.
 */
export async function reissueUploadLink(
  auditId: string,
  role: ContactRole,
  actor: Actor,
): Promise<UploadLinkSummary> {
  const { audits, agencies } = repository();
  const audit = await audits.getAudit(auditId);
  if (!audit) throw new ItemNotFoundError('Audit', auditId);
  if (AUDIT_ENDED.has(audit.status)) throw new AuditNotCollectingError(auditId, audit.status);
  const agency = await agencies.getAgency(audit.ori);
  const recipients = roleRecipients(agency, role);
  if (recipients.length === 0) throw new NoContactForRoleError(audit.ori, role);

  await revokeUploadLinks(auditId, role, 'a new link was issued', actor);
  const issued = await issueUploadLink(audit, role, 'reissued', actor);
  const bundle = await audits.getAuditBundle(auditId);
  await recordAndSendNotice({
    audit,
    kind: 'upload-link',
    // One notice per issued link: the link's reference makes the step unique and a retry idempotent.
    stepKey: issued.link.linkRef,
    recipients,
    template: 'link-reissued',
    data: {
      ...auditFactsData(audit, agency),
      ...contactEmailsData(),
      openRequests: openRequestLines(bundle?.requests ?? []),
    },
    // The link was issued above (the administrator asked for it); the notice only carries it.
    issueLink: async () => linkData(issued, audit.timeZone),
    scheduledFor: clock().now().toISOString(),
  });
  const summary = (await listUploadLinks(auditId)).find((link) => link.linkRef === issued.link.linkRef);
  if (!summary) throw new ItemNotFoundError('UploadLink', issued.link.linkRef);
  return summary;
}

/** A short, stable, id-safe digest for step keys built from longer ids (S3 keys, evidence ids). */
export const stepDigest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 24);
