import { readFileSync } from 'node:fs';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminApiRoutes } from '../../functions/api/routes.js';
import { AdminApi } from '../../lib/constructs/admin-api.js';
import { AlarmTopic } from '../../lib/constructs/alarm-topic.js';
import { EncryptionKeys } from '../../lib/constructs/encryption-keys.js';
import { HouseFunction } from '../../lib/constructs/house-function.js';
import { projectPaths } from '../../lib/project-paths.js';

/**
 * A small stack of its own: the keys, the alarm topic, the admin-api function as the house builds it, and the
 * AdminApi construct. Synthesized without bundling, with cdk.json's feature flags, like the other infra tests.
 */
function synthesizeAdminApiStack(): { stack: Stack; adminApi: AdminApi; template: Template } {
  const cdkJson = JSON.parse(readFileSync(projectPaths.resolve('cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] },
  });
  const stack = new Stack(app, 'AdminApiTest', { env: { account: '123456789012', region: 'us-gov-west-1' } });
  const keys = new EncryptionKeys(stack, 'Keys');
  const alarms = new AlarmTopic(stack, 'Alarms', { encryptionKey: keys.operationsKey, subscriberEmails: [] });
  const handler = new HouseFunction(stack, 'AdminApiFunction', {
    entry: 'functions/handlers/admin-api.ts',
    handlerExport: 'handler',
    description: 'Admin API',
    timeout: Duration.seconds(29),
    memorySize: 1024,
    invokedAsynchronously: false,
    operationsKey: keys.operationsKey,
    stage: 'test',
    useFipsEndpoints: false,
  });
  const adminApi = new AdminApi(stack, 'AdminApi', {
    handler,
    alarmTopic: alarms.topic,
    logKey: keys.operationsKey,
    stage: 'test',
  });
  return { stack, adminApi, template: Template.fromStack(stack) };
}

let stack: Stack;
let adminApi: AdminApi;
let template: Template;

beforeAll(() => {
  ({ stack, adminApi, template } = synthesizeAdminApiStack());
});

const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as never);

describe('Construct: AdminApi', () => {
  it('has one API Gateway route per route of the table, each with the JWT authorizer, plus $default', () => {
    // Prepare
    const authorizers = template.findResources('AWS::ApiGatewayV2::Authorizer');
    expect(Object.keys(authorizers)).toHaveLength(1);
    const [authorizerId] = Object.keys(authorizers);
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) =>
        route.Properties as { RouteKey: string; AuthorizationType: string; AuthorizerId: { Ref: string } },
    );
    // Assess
    const expected = [...adminApiRoutes.map((route) => `${route.method} ${route.path}`), '$default'];
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(expected.sort());
    for (const route of routes) {
      expect(route, route.RouteKey).toMatchObject({
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: authorizerId },
      });
    }
  });

  it('authorizes with the user pool and its CLI client as the audience', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(adminApi.userPoolClient) }],
        Issuer: Match.anyValue(),
      },
    });
  });

  it('integrates every route with the one admin-api function, payload format 2.0', () => {
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    expect(Object.keys(integrations)).toHaveLength(1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
  });

  it('requires TOTP MFA, a strong password, invitation only, threat protection, and keeps the pool', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 14,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        DeletionProtection: 'ACTIVE',
      }),
    });
  });

  it('creates the clets-administrators group and a public SRP-only client', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'clets-administrators' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('logs every request to an encrypted log group kept a year, and throttles the stage', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]?.Properties as {
      StageName: string;
      AutoDeploy: boolean;
      DefaultRouteSettings: Record<string, number>;
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
    };
    expect(stage).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
    });
    const [logGroupId] = stage.AccessLogSettings.DestinationArn['Fn::GetAtt'];
    const logGroup = template.findResources('AWS::Logs::LogGroup')[logGroupId];
    expect(logGroup?.Properties).toMatchObject({ RetentionInDays: 365, KmsKeyId: expect.anything() });
    const format = JSON.parse(stage.AccessLogSettings.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      subject: '$context.authorizer.claims.sub',
    });
    expect(stage.AccessLogSettings.Format).not.toMatch(/header|body|querystring/i);
  });

  it('alarms the alarm topic on server errors', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: '5xx',
      Namespace: 'AWS/ApiGateway',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('AlarmsTopic') }],
    });
  });

  it('outputs the API URL, the user pool id and the CLI client id', () => {
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['AdminApiUrl', 'AdminUserPoolId', 'AdminCliClientId']),
    );
  });
});

describe('Security checks: cdk-nag on the admin API', () => {
  it.each([
    ['AwsSolutions', () => new AwsSolutionsChecks()],
    ['NIST.800.53.R5', () => new NIST80053R5Checks()],
  ])('finds no unacknowledged %s violation', (_pack, createPack) => {
    const report = createPack().validateScope(stack);
    const violations = report.violations.map(
      (violation) =>
        `${violation.ruleName}: ${violation.violatingResources.map((resource) => resource.resourceLogicalId).join(', ')}`,
    );
    expect(violations).toEqual([]);
  });
});
