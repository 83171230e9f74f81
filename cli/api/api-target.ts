import * as z from 'zod';
import { CliUsageError } from '../cli-errors.js';

export const DEFAULT_API_URL = 'http://127.0.0.1:4280';
export const API_URL_VARIABLE = 'CLETS_API_URL';
export const API_TOKEN_VARIABLE = 'CLETS_API_TOKEN';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The API's base URL. Plain http is allowed only on the loopback interface (the sandbox): anywhere else the
 * bearer token would cross the network in clear text.
 */
const ApiUrlSchema = z
  .url({
    error:
      'must be an http(s) URL such as http://127.0.0.1:4280 or https://abc123.execute-api.us-gov-west-1.amazonaws.com',
  })
  .transform((text) => new URL(text))
  .refine(
    (url) => url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)),
    {
      error: 'must use https, except for the local sandbox on 127.0.0.1 or localhost',
    },
  )
  .refine((url) => url.username === '' && url.password === '', {
    error: 'must not carry credentials; pass the token with --token or CLETS_API_TOKEN',
  })
  .refine((url) => url.search === '' && url.hash === '', { error: 'must not have a query or a fragment' })
  .transform((url) => url.href.replace(/\/+$/, ''));

const TokenSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  // Tokens go into an HTTP header: whitespace or control characters would break it or smuggle another header.
  .regex(/^[\x21-\x7e]+$/, 'must be a single word of printable characters (a bearer token or a JWT)');

export interface ApiTarget {
  readonly baseUrl: string;
  readonly token: string | undefined;
}

/** Where to send requests and with which token: the options win over the environment, then the default. */
export function resolveApiTarget(
  options: { readonly api?: string | undefined; readonly token?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): ApiTarget {
  const issues: string[] = [];
  const apiSource =
    options.api !== undefined ? '--api' : env[API_URL_VARIABLE] ? API_URL_VARIABLE : undefined;
  const url = ApiUrlSchema.safeParse(options.api ?? (env[API_URL_VARIABLE] || DEFAULT_API_URL));
  if (!url.success)
    issues.push(...url.error.issues.map((issue) => `${apiSource ?? '--api'}: ${issue.message}`));

  const tokenSource = options.token !== undefined ? '--token' : API_TOKEN_VARIABLE;
  const rawToken = options.token ?? (env[API_TOKEN_VARIABLE] || undefined);
  const token = rawToken === undefined ? undefined : TokenSchema.safeParse(rawToken);
  // The token's value is never echoed, only which option or variable held it.
  if (token && !token.success)
    issues.push(...token.error.issues.map((issue) => `${tokenSource}: ${issue.message}`));

  if (!url.success || (token && !token.success)) {
    throw new CliUsageError('the API settings are not valid; nothing was sent', issues);
  }
  return { baseUrl: url.data, token: token?.data };
}
