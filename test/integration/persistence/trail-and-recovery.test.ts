import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from '../../../functions/adapters/dynamodb/audit-repository.js';
import { ChangeRecorder } from '../../../functions/adapters/dynamodb/change-recorder.js';
import { TrailStore } from '../../../functions/adapters/dynamodb/trail-store.js';
import type { TrailEvent, TrailEventDraft } from '../../../functions/domain/schemas/trail-event.js';
import { auditFixture, eventFixture, requestFixture } from '../../support/audit-fixtures.js';
import { connectTestTable, type TestTable, uniqueOri } from '../../support/test-table.js';

let table: TestTable;
beforeAll(async () => {
  table = await connectTestTable();
});

async function createScheduledAudit() {
  const audit = auditFixture(uniqueOri());
  return table.repository.audits.createAudit(audit, eventFixture(audit.auditId, 'audit.scheduled'));
}

/** A trail store whose next append fails, as if the process died between the state write and the event. */
class CrashingTrailStore extends TrailStore {
  crashes = 1;
  override async appendOnce(
    draft: TrailEventDraft,
    changeId: string,
    afterSequence: number,
  ): Promise<TrailEvent> {
    if (this.crashes > 0) {
      this.crashes -= 1;
      throw new Error('process died');
    }
    return super.appendOnce(draft, changeId, afterSequence);
  }
}

function crashingRepository() {
  const trail = new CrashingTrailStore(table.store);
  return new AuditRepository(table.store, new ChangeRecorder(table.store, trail));
}

const eventSk = (sequence: number) => `EVENT#${String(sequence).padStart(10, '0')}`;

async function auditWithEvents(count: number) {
  const { audits } = table.repository;
  let { audit } = await createScheduledAudit();
  for (let index = 0; index < count; index++) {
    audit = await audits.saveAudit(
      audit,
      { ...audit, updatedAt: `2026-12-0${index + 1}T00:00:00.000Z` },
      eventFixture(audit.auditId, 'audit.note-added', audit.auditId, { note: index }),
    );
  }
  return audit;
}

describe('Class: TrailStore', () => {
  it('chains every event to the one before and verifies the chain', async () => {
    const audit = await auditWithEvents(4);
    const events = await table.repository.trail.readAll(audit.auditId);
    expect(events.map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(await table.repository.trail.verify(audit.auditId)).toEqual({
      valid: true,
      streamId: audit.auditId,
      count: 5,
      headHash: events[4]?.hash,
    });
  });

  it('never forks the chain when writers append at the same time', async () => {
    // Prepare: ten requests of one audit, each changed concurrently, all appending to the audit's stream
    const { audits, trail } = table.repository;
    const { audit } = await createScheduledAudit();
    const requests = await Promise.all(
      Array.from({ length: 10 }, (_unused, index) =>
        audits.createEvidenceRequest(
          requestFixture(audit, `requirement-${index}`),
          eventFixture(audit.auditId, 'evidence-request.created', `r${index}`),
        ),
      ),
    );
    // Assess
    const report = await trail.verify(audit.auditId);
    expect(report).toMatchObject({ valid: true, count: 11 });
    expect(requests.every((result) => result.created)).toBe(true);
  });

  it.each([
    ['modified', 2],
    ['deleted', 3],
    ['inserted', 2],
  ] as const)('names the first %s event', async (problem, sequence) => {
    // Prepare
    const audit = await auditWithEvents(4);
    const pk = `TRAIL#${audit.auditId}`;
    const events = await table.repository.trail.readAll(audit.auditId);
    // Act: tamper with the stored chain directly, as someone with table access could
    if (problem === 'modified') {
      await table.client.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: { pk, sk: eventSk(2) },
          UpdateExpression: 'SET payload = :payload',
          ExpressionAttributeValues: { ':payload': { note: 'rewritten' } },
        }),
      );
    } else if (problem === 'deleted') {
      const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
      await table.client.send(new DeleteCommand({ TableName: table.tableName, Key: { pk, sk: eventSk(3) } }));
    } else {
      // A forged event 2 with a correct hash of its own, replacing the original: event 2 no longer links to 1.
      const { appendTrailEvent } = await import('../../../functions/domain/trail/hash-chain.js');
      const forged = appendTrailEvent(
        { ...(events[0] as TrailEvent), hash: 'f'.repeat(64) },
        eventFixture(audit.auditId, 'audit.note-added', audit.auditId, { note: 'forged' }),
      );
      await table.client.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { pk, sk: eventSk(2), entity: 'TrailEvent', changeId: 'x', ...forged },
        }),
      );
    }
    // Assess
    expect(await table.repository.trail.verify(audit.auditId)).toMatchObject({
      valid: false,
      sequence,
      problem,
    });
  });

  it('reports events deleted from the end against a recorded head', async () => {
    const audit = await auditWithEvents(3);
    const events = await table.repository.trail.readAll(audit.auditId);
    const head = { sequence: 4, hash: events[3]?.hash as string };
    const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    await table.client.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: { pk: `TRAIL#${audit.auditId}`, sk: eventSk(4) },
      }),
    );
    expect(await table.repository.trail.verify(audit.auditId, head)).toMatchObject({
      valid: false,
      sequence: 4,
      problem: 'deleted',
    });
  });
});

describe('Class: ChangeRecorder', () => {
  it('completes an update interrupted between the state write and its event, once, on retry', async () => {
    // Prepare
    const { audits, trail } = table.repository;
    const { audit } = await createScheduledAudit();
    const opened = { ...audit, status: 'open' as const, openedAt: '2027-01-30T08:00:00.000Z' };
    const event = eventFixture(audit.auditId, 'audit.opened');
    // Act: the first attempt dies after writing the new state
    await expect(crashingRepository().saveAudit(audit, opened, event)).rejects.toThrow('process died');
    expect(await trail.readAll(audit.auditId)).toHaveLength(1);
    // ...and the step is retried (at a later instant) with the same input
    const retried = await audits.saveAudit(audit, opened, { ...event, at: '2026-12-01T16:05:00.000Z' });
    // Assess
    expect(retried).toMatchObject({ status: 'open', version: 2 });
    const events = await trail.readAll(audit.auditId);
    expect(events.map((recorded) => recorded.type)).toEqual(['audit.scheduled', 'audit.opened']);
    expect(await trail.verify(audit.auditId)).toMatchObject({ valid: true, count: 2 });
  });

  it('completes an interrupted create when the item is next read', async () => {
    // Prepare
    const audit = auditFixture(uniqueOri());
    await expect(
      crashingRepository().createAudit(audit, eventFixture(audit.auditId, 'audit.scheduled')),
    ).rejects.toThrow();
    expect(await table.repository.trail.readAll(audit.auditId)).toHaveLength(0);
    // Act
    const read = await table.repository.audits.getAudit(audit.auditId);
    const retried = await table.repository.audits.createAudit(
      audit,
      eventFixture(audit.auditId, 'audit.scheduled'),
    );
    // Assess
    expect(read).toMatchObject({ auditId: audit.auditId, version: 1 });
    expect(read).not.toHaveProperty('pendingTrail');
    expect(retried.created).toBe(false);
    expect(await table.repository.trail.readAll(audit.auditId)).toHaveLength(1);
  });

  it("finishes someone else's interrupted change before applying the next one", async () => {
    const { audits, trail } = table.repository;
    const { audit } = await createScheduledAudit();
    const opened = { ...audit, status: 'open' as const };
    await expect(
      crashingRepository().saveAudit(audit, opened, eventFixture(audit.auditId, 'audit.opened')),
    ).rejects.toThrow();
    // A second writer read the new state (version 2, pending note) and moves on from it
    const current = { ...opened, version: 2 };
    const collecting = await audits.saveAudit(
      current,
      { ...current, status: 'collecting' },
      eventFixture(audit.auditId, 'audit.collection-started'),
    );
    expect(collecting.version).toBe(3);
    expect((await trail.readAll(audit.auditId)).map((event) => event.type)).toEqual([
      'audit.scheduled',
      'audit.opened',
      'audit.collection-started',
    ]);
  });
});
