/**
 * The audit table's key schema and indexes, declared once.
 *
 * The CDK table construct builds the table from this declaration, the repository builds its keys from it,
 * and the sandbox creates its local table from the synthesized template (which came from here), so the
 * cloud, the emulator and the code that queries them cannot drift apart.
 *
 * Single-table design: every item has a generic partition key `pk` and sort key `sk`. Two sparse global
 * secondary indexes carry the cross-cutting access patterns; an item appears in an index only while it
 * carries that index's key attributes.
 */

export type KeyAttribute = { readonly name: string; readonly type: 'S' | 'N' };

export interface IndexDesign {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
}

export const tableDesign = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: {
    /**
     * Open work with a due date (audits, evidence requests, remediation tasks). Sparse: an item carries
     * `dueShard`/`dueAt` only while its work is open, so "what is due before T" reads only open work.
     * Sharded: `dueShard` is one of `dueShardCount` values, so no single partition takes every write;
     * readers query every shard in parallel and merge by `dueAt`.
     */
    due: {
      indexName: 'due-index',
      partitionKey: { name: 'dueShard', type: 'S' },
      sortKey: { name: 'dueAt', type: 'S' },
    },
    /**
     * Named collections of items, each read in order: an agency's audits (`AGENCY#<ori>`, by due date), the
     * registered agencies (`AGENCIES`, by ORI) and the active enrollments (`ENROLLMENTS#<shard>`, sharded
     * like the due index because the daily planner reads all of them).
     */
    collection: {
      indexName: 'collection-index',
      partitionKey: { name: 'collectionKey', type: 'S' },
      sortKey: { name: 'collectionSortKey', type: 'S' },
    },
    /**
     * Audits by lifecycle status (`AUDITS#<status>`), in due-date order: the administrators' status filter; and
     * the flagged evidence requests (`REQUESTS#flagged`, sparse), which the daily digest lists whatever their due date.
     */
    status: {
      indexName: 'status-index',
      partitionKey: { name: 'statusKey', type: 'S' },
      sortKey: { name: 'statusSortKey', type: 'S' },
    },
  },
  /** How many partitions the due index is spread over. Changing it needs a backfill of `dueShard`. */
  dueShardCount: 8,
  /** How many collections the active enrollments are spread over. */
  enrollmentShardCount: 8,
  /** Attribute that carries the optimistic-locking version of mutable items. */
  versionAttribute: 'version',
} as const satisfies {
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  indexes: Record<string, IndexDesign>;
  dueShardCount: number;
  enrollmentShardCount: number;
  versionAttribute: string;
};

export type IndexName = (typeof tableDesign.indexes)[keyof typeof tableDesign.indexes]['indexName'];
