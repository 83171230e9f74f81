import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Repository } from '../../functions/adapters/dynamodb/repository.js';
import type { EvidenceObjectStore } from '../../functions/adapters/s3/evidence-store.js';
import { authorizeUpload } from '../../functions/services/evidence-intake.js';
import { projectPaths } from '../../lib/project-paths.js';
import {
  createOpenAudit,
  declarationFor,
  type OpenAudit,
  pdfLikeBytes,
  postUpload,
} from './ingest-fixtures.js';
import type { MemoryProbeInput, MemoryProbeMode, MemoryProbeResult } from './memory-probe.js';

const execFileAsync = promisify(execFile);

const PROBE_SCRIPT = projectPaths.resolve('bench/ingest/memory-probe.ts');
const WARM_UP_BYTES = 4 * 1024;

/** A warm-up file and a large file, uploaded to the two requests of one open audit. */
export interface MemoryObjects {
  readonly warmUpKey: string;
  readonly warmUpBytes: number;
  readonly largeKey: string;
  readonly largeBytes: number;
}

/** Authorizes and POSTs one file to its request, as the upload page would; returns the stored key. */
async function upload(
  open: OpenAudit,
  requestIndex: number,
  bytes: Buffer,
  fileName: string,
  store: EvidenceObjectStore,
): Promise<string> {
  const request = open.requests[requestIndex];
  if (!request) throw new Error(`the memory audit has no request ${requestIndex}`);
  const post = await authorizeUpload(declarationFor(open, request, bytes, fileName), store);
  await postUpload(post, bytes, fileName);
  return post.key;
}

/**
 * Seeds an open audit (its own ORI: each handler run must record new evidence) with a warm-up and a large-file
 * request, and uploads a 4 KiB warm-up file and `largeBytes` of random bytes behind a PDF header, each declared
 * with its true size and sha256, through real presigned POSTs.
 */
export async function uploadMemoryObjects(
  largeBytes: number,
  ori: string,
  dependencies: { readonly repository: Repository; readonly store: EvidenceObjectStore },
): Promise<MemoryObjects> {
  const { repository, store } = dependencies;
  const open = await createOpenAudit(repository, ori, ['warm-up', 'large-file']);
  const warmUpKey = await upload(open, 0, pdfLikeBytes(WARM_UP_BYTES), 'warm-up.pdf', store);
  const largeKey = await upload(open, 1, pdfLikeBytes(largeBytes), 'large-file.pdf', store);
  return { warmUpKey, warmUpBytes: WARM_UP_BYTES, largeKey, largeBytes };
}

export interface MemoryProbeSettings {
  readonly nodeBinary: string;
  /** The engines' environment for a function (localEngineEnvironment): the child's own clients reach them. */
  readonly engineEnvironment: Record<string, string>;
  readonly sampleIntervalMs: number;
}

/**
 * One fresh child process (memory-probe.ts) measuring `mode` on the objects. Awaited asynchronously: the
 * engines the child talks to run on this process's event loop.
 */
export async function runMemoryProbe(
  mode: MemoryProbeMode,
  objects: MemoryObjects,
  settings: MemoryProbeSettings,
): Promise<MemoryProbeResult> {
  const input: MemoryProbeInput = { mode, ...objects, sampleIntervalMs: settings.sampleIntervalMs };
  // tsx compiles the sources in the child; NODE_OPTIONS is dropped so the parent's loader flags cannot load
  // it twice. The engines' variables come last, so no AWS endpoint or key of the shell applies.
  const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
  const args = ['--expose-gc', '--import', 'tsx', PROBE_SCRIPT, JSON.stringify(input)];
  try {
    const { stdout } = await execFileAsync(settings.nodeBinary, args, {
      cwd: projectPaths.root,
      env: { ...inherited, ...settings.engineEnvironment },
      timeout: 300_000,
      maxBuffer: 1024 * 1024,
    });
    return JSON.parse(stdout) as MemoryProbeResult;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(
      `The ${mode} memory probe on ${objects.largeBytes} bytes failed${stderr ? `:\n${stderr}` : ''}`,
      { cause: error },
    );
  }
}
