// The two local engines ship no type declarations; these cover only what the sandbox calls.

declare module 'dynalite' {
  import type { Server } from 'node:http';

  export interface DynaliteOptions {
    /** LevelDB folder; omitted, the data lives in memory and is gone when the server closes. */
    readonly path?: string;
    /** How long a new table stays CREATING (default 500 ms). */
    readonly createTableMs?: number;
    readonly deleteTableMs?: number;
    readonly updateTableMs?: number;
  }

  /** An HTTP server speaking the DynamoDB API; its `close` also closes the LevelDB store. */
  export default function dynalite(options?: DynaliteOptions): Server;
}

declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface S3rverOptions {
    /** Folder holding buckets and objects. */
    readonly directory: string;
    readonly silent?: boolean;
    /** Treat a Host header as a bucket name (virtual-host style); path-style clients want false. */
    readonly vhostBuckets?: boolean;
  }

  /** A Koa application; `callback()` is its request listener. */
  export default class S3rver {
    constructor(options: S3rverOptions);
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    readonly logger: { close(): void };
  }
}
