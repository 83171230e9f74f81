import { S3Client } from '@aws-sdk/client-s3';

/**
 * The function's one S3 client. Checksums are computed only where S3 requires them, which keeps uploads
 * compatible with presigned POST policies and with the local S3 engine.
 */
export const s3Client = new S3Client({
  requestChecksumCalculation: 'WHEN_REQUIRED',
  forcePathStyle: process.env.AWS_S3_FORCE_PATH_STYLE === 'true',
});
