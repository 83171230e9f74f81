import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OpenWorkItem } from '../../../functions/adapters/dynamodb/audit-repository.js';
import { hashUploadToken } from '../../../functions/adapters/dynamodb/upload-token-store.js';
import { auditId } from '../../../functions/domain/ids.js';
import { auditFixture, eventFixture, requestFixture } from '../../support/audit-fixtures.js';
import { connectTestTable, type TestTable, uniqueOri } from '../../support/test-table.js';

let table: TestTable;
beforeAll(async () => {
  table = await connectTestTable();
});

describe('Function: listOpenWorkDueBefore (sharded due index)', () => {
  it('returns all open work due before a time, in due order, across pages, and drops closed work', async () => {
    // Prepare: 23 audits in 1971 (no other test uses that year) over several agencies and shards
    const { audits } = table.repository;
    const ori = uniqueOri();
    const created = [];
    for (let index = 0; index < 23; index++) {
      const day = String((index % 28) + 1).padStart(2, '0');
      const month = String((index % 12) + 1).padStart(2, '0');
      const dueAt = `1971-${month}-${day}T07:59:59.999Z`;
      const fixture = auditFixture(ori, { periodKey: `1971-w${index}`, dueDate: dueAt.slice(0, 10), dueAt });
      created.push(
        (await audits.createAudit(fixture, eventFixture(fixture.auditId, 'audit.scheduled'))).audit,
      );
    }
    // One of them closes: its work leaves the index
    const closing = created[5];
    if (!closing) throw new Error('fixture missing');
    await audits.saveAudit(
      closing,
      { ...closing, status: 'cancelled', cancelReason: 'withdrawn' },
      eventFixture(closing.auditId, 'audit.cancelled'),
    );
    // One is due after the cut-off
    const cutOff = '1971-12-01T00:00:00.000Z';
    // Act: page through with a small page size
    const seen: OpenWorkItem[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await audits.listOpenWorkDueBefore(cutOff, { limit: 5, cursor });
      seen.push(...page.items.filter((item) => item.dueAt.startsWith('1971')));
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 50);
    // Assess
    const expected = created
      .filter((audit) => audit.auditId !== closing.auditId && audit.dueAt < cutOff)
      .map((audit) => audit.dueAt)
      .sort();
    expect(seen.map((item) => item.dueAt)).toEqual(expected);
    expect(new Set(seen.map((item) => (item.entity as { auditId: string }).auditId)).size).toBe(seen.length);
    expect(seen.every((item) => item.kind === 'Audit')).toBe(true);
    expect(pages).toBeGreaterThan(4);
  });

  it('holds evidence requests while the agency owes them', async () => {
    const { audits } = table.repository;
    const fixture = auditFixture(uniqueOri(), { dueDate: '1972-02-01', dueAt: '1972-02-01T07:59:59.999Z' });
    await audits.createAudit(fixture, eventFixture(fixture.auditId, 'audit.scheduled'));
    const { request } = await audits.createEvidenceRequest(
      requestFixture(fixture),
      eventFixture(fixture.auditId, 'evidence-request.created'),
    );
    const dueBefore = async () =>
      (await audits.listOpenWorkDueBefore('1972-03-01T00:00:00.000Z', { limit: 100 })).items.filter((item) =>
        item.dueAt.startsWith('1972-02-01'),
      );
    expect((await dueBefore()).map((item) => item.kind).sort()).toEqual(['Audit', 'EvidenceRequest']);
    await audits.saveEvidenceRequest(
      request,
      { ...request, status: 'submitted', currentEvidenceId: 'evd_x', submissionCount: 1 },
      eventFixture(fixture.auditId, 'evidence-request.submitted'),
    );
    expect((await dueBefore()).map((item) => item.kind)).toEqual(['Audit']);
  });
});

describe('Class: UploadTokenStore', () => {
  const scope = () => {
    const ori = uniqueOri();
    const id = auditId(ori, 'account-review', '2027');
    return { agencyOri: ori, auditId: id, requestIds: [`req_${id.slice(4)}_review-signoff`] };
  };
  const now = new Date('2027-01-30T08:00:00.000Z');

  it('hands the token out once and stores only its sha256', async () => {
    // Act
    const { token, record } = await table.repository.uploadTokens.issue(
      scope(),
      new Date('2027-04-01T00:00:00Z'),
      now,
    );
    // Assess
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(record.tokenHash).toBe(hashUploadToken(token));
    const stored = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: `TOKEN#${record.tokenHash}`, sk: 'TOKEN' } }),
    );
    expect(JSON.stringify(stored.Item)).not.toContain(token);
    expect(await table.repository.uploadTokens.check(token, now)).toMatchObject({ outcome: 'valid' });
  });

  it('says which: unknown, expired, revoked or locked', async () => {
    const tokens = table.repository.uploadTokens;
    expect(await tokens.check(randomBytes(32).toString('base64url'), now)).toEqual({ outcome: 'unknown' });
    expect(await tokens.check('not a token', now)).toEqual({ outcome: 'unknown' });

    const expiring = await tokens.issue(scope(), new Date('2027-02-01T00:00:00Z'), now);
    expect(await tokens.check(expiring.token, new Date('2027-02-01T00:00:00Z'))).toMatchObject({
      outcome: 'expired',
    });

    const revoked = await tokens.issue(scope(), new Date('2027-04-01T00:00:00Z'), now);
    await tokens.revoke(revoked.record.tokenHash, now);
    expect(await tokens.check(revoked.token, now)).toMatchObject({ outcome: 'revoked' });

    const locked = await tokens.issue(scope(), new Date('2027-04-01T00:00:00Z'), now);
    for (let failure = 0; failure < 5; failure++) {
      await tokens.recordFailure(locked.record.tokenHash, new Date(now.getTime() + failure * 60_000));
    }
    expect(await tokens.check(locked.token, new Date(now.getTime() + 10 * 60_000))).toMatchObject({
      outcome: 'locked',
    });
  });

  it('counts concurrent failures without losing any', async () => {
    const tokens = table.repository.uploadTokens;
    const { record, token } = await tokens.issue(scope(), new Date('2027-04-01T00:00:00Z'), now);
    await Promise.all([1, 2, 3].map(() => tokens.recordFailure(record.tokenHash, now)));
    expect(await tokens.check(token, now)).toMatchObject({ outcome: 'valid', record: { failureCount: 3 } });
  });
});
