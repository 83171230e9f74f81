import { PersistenceThrottledError } from './persistence-errors.js';

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Injected so tests run without real waiting. */
  readonly sleep?: (milliseconds: number) => Promise<void>;
  /** Injected so tests can pin the jitter. */
  readonly random?: () => number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 6, baseDelayMs: 50, maxDelayMs: 2_000 };

const THROTTLING_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);

export const isThrottling = (error: unknown): boolean =>
  error instanceof Error && (THROTTLING_ERRORS.has(error.name) || error.name === 'InternalServerError');

const realSleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * Runs a DynamoDB call, retrying throttling (and DynamoDB's transient 500s) with exponential backoff and
 * full jitter, so a burst of writes slows down instead of failing. Any other error surfaces at once.
 */
export async function withThrottleRetry<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<T> {
  const sleep = policy.sleep ?? realSleep;
  const random = policy.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isThrottling(error)) throw error;
      if (attempt >= policy.maxAttempts) throw new PersistenceThrottledError(attempt, { cause: error });
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.floor(random() * ceiling));
    }
  }
}
