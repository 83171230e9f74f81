import { createHash, randomBytes } from 'node:crypto';
import {
  countFailure,
  type TokenDenial,
  tokenDenial,
  type UploadTokenScope,
  type UploadTokenState,
} from '../../domain/access/upload-token-policy.js';
import type { ItemStore } from './item-store.js';
import { VersionConflictError } from './persistence-errors.js';

/** 256 bits from the operating system's cryptographic random source. */
const TOKEN_BYTES = 32;

export const hashUploadToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

const tokenKey = (tokenHash: string) => ({ pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' });

export interface UploadTokenRecord extends UploadTokenState {
  readonly tokenHash: string;
  readonly issuedAt: string;
  readonly version: number;
}

type UploadTokenItem = UploadTokenRecord & { pk: string; sk: string; entity: 'UploadToken' };

const toRecord = ({ pk: _pk, sk: _sk, entity: _entity, ...record }: UploadTokenItem): UploadTokenRecord =>
  record;

export type TokenCheck =
  | { readonly outcome: 'valid'; readonly record: UploadTokenRecord }
  | { readonly outcome: 'unknown' }
  | { readonly outcome: TokenDenial; readonly record: UploadTokenRecord };

/**
 * Upload-link tokens. The plaintext token is returned once, by `issue`, and never stored: the table keeps
 * only its sha256, so a leaked table or backup cannot be turned into working links.
 */
export class UploadTokenStore {
  constructor(
    private readonly store: ItemStore,
    private readonly random: (bytes: number) => Buffer = randomBytes,
  ) {}

  async issue(
    scope: UploadTokenScope,
    expiresAt: Date,
    now: Date,
  ): Promise<{ token: string; record: UploadTokenRecord }> {
    const token = this.random(TOKEN_BYTES).toString('base64url');
    const record: UploadTokenRecord = {
      tokenHash: hashUploadToken(token),
      scope,
      issuedAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      failureCount: 0,
      version: 1,
    };
    const { created } = await this.store.putIfAbsent<UploadTokenItem>({
      ...tokenKey(record.tokenHash),
      entity: 'UploadToken',
      ...record,
    });
    // 256 random bits do not collide; a false here means the random source is broken.
    if (!created) throw new Error('Upload token collision: the random source is not random');
    return { token, record };
  }

  /** Looks a presented token up by its hash and says whether it may be used now. */
  async check(token: string, now: Date): Promise<TokenCheck> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { outcome: 'unknown' };
    const item = await this.store.get<UploadTokenItem>(tokenKey(hashUploadToken(token)));
    if (!item) return { outcome: 'unknown' };
    const record = toRecord(item);
    const denial = tokenDenial(record, now);
    return denial ? { outcome: denial, record } : { outcome: 'valid', record };
  }

  /** The record behind a hash (for listings; never used to authorize anything). */
  async get(tokenHash: string): Promise<UploadTokenRecord | undefined> {
    const item = await this.store.get<UploadTokenItem>(tokenKey(tokenHash));
    return item ? toRecord(item) : undefined;
  }

  async revoke(tokenHash: string, now: Date): Promise<UploadTokenRecord> {
    return this.mutate(tokenHash, () => ({ revokedAt: now.toISOString() }));
  }

  /** Counts a failed use (wrong scope, closed request, bad declaration); five in 15 minutes lock the link. */
  async recordFailure(tokenHash: string, now: Date): Promise<UploadTokenRecord> {
    return this.mutate(tokenHash, (current) => countFailure(current, now));
  }

  /** Read, change, conditional write; on a concurrent change, read again, so no failure is lost. */
  private async mutate(
    tokenHash: string,
    change: (current: UploadTokenRecord) => Partial<UploadTokenRecord>,
  ): Promise<UploadTokenRecord> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const item = await this.store.get<UploadTokenItem>(tokenKey(tokenHash));
      if (!item) throw new Error(`Upload token ${tokenHash.slice(0, 8)}… does not exist`);
      try {
        const updated = await this.store.updateVersioned<UploadTokenItem>(
          'UploadToken',
          tokenKey(tokenHash),
          item.version,
          {
            set: change(toRecord(item)),
          },
        );
        return toRecord(updated);
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
    throw new VersionConflictError('UploadToken', tokenHash.slice(0, 8), -1);
  }
}
