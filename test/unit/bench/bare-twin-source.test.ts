import { describe, expect, it } from 'vitest';
import { bareTwinName, renderBareTwinSource } from '../../../bench/bundles/bare-twin-source.js';

const DYNAMODB = { packageName: '@aws-sdk/client-dynamodb', clientClass: 'DynamoDBClient' };
const DOCUMENT = { packageName: '@aws-sdk/lib-dynamodb' };
const SES = { packageName: '@aws-sdk/client-sesv2', clientClass: 'SESv2Client' };
const PRESIGNED_POST = { packageName: '@aws-sdk/s3-presigned-post' };

describe('Function: renderBareTwinSource', () => {
  it('wraps the DynamoDB client in a DocumentClient when lib-dynamodb is used, as our client module does', () => {
    // Act
    const source = renderBareTwinSource([DYNAMODB, DOCUMENT]);
    // Assess
    expect(source).toContain(`import { DynamoDBClient } from '@aws-sdk/client-dynamodb';`);
    expect(source).toContain(`import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';`);
    expect(source).toContain('DynamoDBDocumentClient.from(new DynamoDBClient({}))');
    expect(source).not.toContain('export const bareDynamoDBClient');
  });

  it('constructs one client of each service and keeps helpers alive by exporting them', () => {
    // Act
    const source = renderBareTwinSource([DYNAMODB, SES, PRESIGNED_POST]);
    // Assess
    expect(source).toContain('export const bareDynamoDBClient = new DynamoDBClient({});');
    expect(source).toContain('export const bareSESv2Client = new SESv2Client({});');
    expect(source).toContain('export { createPresignedPost };');
    expect(source).toContain('export async function handler() {}');
  });

  it('refuses a package it cannot reproduce rather than measuring a lighter twin', () => {
    expect(() => renderBareTwinSource([{ packageName: '@aws-sdk/lib-storage' }])).toThrow(RangeError);
  });

  it('refuses lib-dynamodb without the DynamoDB client it wraps', () => {
    expect(() => renderBareTwinSource([DOCUMENT])).toThrow(RangeError);
  });
});

describe('Function: bareTwinName', () => {
  it('names the twin after its SDK packages, so functions with the same clients share one', () => {
    expect(bareTwinName([DYNAMODB, DOCUMENT])).toBe('client-dynamodb+lib-dynamodb');
    expect(bareTwinName([])).toBe('no-sdk');
  });
});
