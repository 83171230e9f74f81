import type { UploadAuthorization } from '../../functions/services/evidence-intake.js';

/**
 * What a browser does with an upload authorization: a multipart POST to its URL, the presigned fields first and
 * the file last (storage reads the policy before the file).
 */
export async function postUploadForm(
  post: UploadAuthorization,
  bytes: Buffer,
  contentType = 'application/pdf',
): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), 'upload.pdf');
  return fetch(post.url, { method: 'POST', body: form });
}
