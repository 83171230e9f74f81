import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The function's one DynamoDB client, created at module scope so warm invocations reuse its connections.
 * Endpoint, region and FIPS come from the standard AWS_* environment (the sandbox sets AWS_ENDPOINT_URL_DYNAMODB).
 */
export const dynamoDbDocumentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
