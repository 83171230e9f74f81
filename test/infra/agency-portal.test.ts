import { Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminApiRoutes } from '../../functions/api/routes.js';
import { portalApiRoutes } from '../../functions/portal/portal-api-routes.js';
import { PORTAL_PATHS } from '../../functions/services/upload-portal.js';
import type { CletsAuditStack } from '../../lib/clets-audit-stack.js';
import { functionCatalog } from '../../lib/function-catalog.js';
import { synthesizeStack } from '../support/synthesize.js';

const CUSTOM_ORIGIN = 'https://audits.agency.ca.gov';

/** The default deployment (links on the portal API's own endpoint), and one with an uploadOrigin. */
let stack: CletsAuditStack;
let template: Template;
let custom: { stack: CletsAuditStack; template: Template };
beforeAll(() => {
  ({ stack, template } = synthesizeStack());
  custom = synthesizeStack({ uploadOrigin: CUSTOM_ORIGIN });
});

const logicalIdOf = (target: CletsAuditStack, construct: { node: { defaultChild?: unknown } }) =>
  target.getLogicalId(construct.node.defaultChild as never);

/** `Fn::GetAtt` of the portal API's endpoint, as the template refers to it. */
const portalEndpoint = (target: CletsAuditStack) => ({
  'Fn::GetAtt': [logicalIdOf(target, target.agencyPortal.api), 'ApiEndpoint'],
});

interface RouteProperties {
  ApiId: { Ref: string };
  RouteKey: string;
  AuthorizationType?: string;
  AuthorizerId?: unknown;
  Target: unknown;
}

const routesOf = (apiLogicalId: string): RouteProperties[] =>
  Object.values(template.findResources('AWS::ApiGatewayV2::Route'))
    .map((route) => route.Properties as RouteProperties)
    .filter((route) => route.ApiId.Ref === apiLogicalId);

const portalStage = () => {
  const stageId = logicalIdOf(stack, stack.agencyPortal.stage);
  return template.findResources('AWS::ApiGatewayV2::Stage')[stageId]?.Properties as {
    StageName: string;
    AutoDeploy: boolean;
    DefaultRouteSettings: Record<string, number>;
    AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
  };
};

describe('Construct: AgencyPortal', () => {
  it('is an HTTP API of its own, apart from the admin API', () => {
    const portalId = logicalIdOf(stack, stack.agencyPortal.api);
    expect(portalId).not.toBe(logicalIdOf(stack, stack.adminApi.api));
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: 'clets-audit-dev-agency-portal',
      ProtocolType: 'HTTP',
    });
  });

  it('has the page, asset, calendar feed and JSON routes plus $default, none with an authorizer', () => {
    // Prepare: the routes as the portal declares them
    const expected = [
      `GET ${PORTAL_PATHS.page}`,
      `GET ${PORTAL_PATHS.asset}`,
      `GET ${PORTAL_PATHS.calendar}`,
      ...portalApiRoutes.map((route) => `${route.method} ${route.path}`),
      '$default',
    ];
    // Act
    const routes = routesOf(logicalIdOf(stack, stack.agencyPortal.api));
    // Assess
    expect(expected).toHaveLength(7);
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(expected.sort());
    for (const route of routes) {
      expect(route.AuthorizationType ?? 'NONE', route.RouteKey).toBe('NONE');
      expect(route.AuthorizerId, route.RouteKey).toBeUndefined();
    }
    const portalId = logicalIdOf(stack, stack.agencyPortal.api);
    const authorizers = Object.values(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    expect(authorizers.filter((authorizer) => authorizer.Properties.ApiId.Ref === portalId)).toEqual([]);
  });

  it('serves each agency calendar feed at GET /calendar/{feed}, a whole-segment parameter, with no authorizer', () => {
    // Prepare: API Gateway cannot mix a parameter and a suffix in a segment, so `<token>.ics` is all of {feed}
    const portalId = logicalIdOf(stack, stack.agencyPortal.api);
    // Act
    const calendar = routesOf(portalId).find((route) => route.RouteKey === 'GET /calendar/{feed}');
    // Assess
    expect(PORTAL_PATHS.calendar).toBe('/calendar/{feed}');
    expect(calendar).toBeDefined();
    expect(calendar?.AuthorizationType ?? 'NONE').toBe('NONE');
    expect(calendar?.AuthorizerId).toBeUndefined();
  });

  it('integrates every portal route with the agency-portal function, payload format 2.0', () => {
    const portalId = logicalIdOf(stack, stack.agencyPortal.api);
    const integrations = Object.entries(template.findResources('AWS::ApiGatewayV2::Integration')).filter(
      ([, integration]) => integration.Properties.ApiId.Ref === portalId,
    );
    expect(integrations).toHaveLength(1);
    const [integrationId, integration] = integrations[0] as [string, { Properties: Record<string, unknown> }];
    expect(integration.Properties).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [logicalIdOf(stack, stack.functions.AgencyPortal), 'Arn'] },
    });
    for (const route of routesOf(portalId)) {
      expect(JSON.stringify(route.Target), route.RouteKey).toContain(integrationId);
    }
  });

  it('leaves every admin API route behind the JWT authorizer', () => {
    // Prepare
    const adminId = logicalIdOf(stack, stack.adminApi.api);
    const authorizerIds = Object.entries(template.findResources('AWS::ApiGatewayV2::Authorizer'))
      .filter(([, authorizer]) => authorizer.Properties.ApiId.Ref === adminId)
      .map(([logicalId]) => logicalId);
    expect(authorizerIds).toHaveLength(1);
    // Act
    const adminRoutes = routesOf(adminId);
    // Assess
    expect(adminRoutes.map((route) => route.RouteKey).sort()).toEqual(
      [...adminApiRoutes.map((route) => `${route.method} ${route.path}`), '$default'].sort(),
    );
    for (const route of adminRoutes) {
      expect(route, route.RouteKey).toMatchObject({
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: authorizerIds[0] },
      });
    }
  });

  it('throttles the stage to a rate agencies never reach', () => {
    expect(portalStage()).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
    });
  });

  it('logs each request to an encrypted log group kept a year, without path or query (the token is in the path)', () => {
    // Prepare
    const { AccessLogSettings } = portalStage();
    const [logGroupId] = AccessLogSettings.DestinationArn['Fn::GetAtt'];
    // Assess: the log group
    const logGroup = template.findResources('AWS::Logs::LogGroup')[logGroupId];
    expect(logGroup?.DeletionPolicy).toBe('Retain');
    expect(logGroup?.Properties.RetentionInDays).toBeGreaterThanOrEqual(365);
    expect(logGroup?.Properties.KmsKeyId).toEqual({
      'Fn::GetAtt': [logicalIdOf(stack, stack.keys.operationsKey), 'Arn'],
    });
    // Assess: the format
    expect(JSON.parse(AccessLogSettings.Format)).toEqual({
      requestId: '$context.requestId',
      requestTime: '$context.requestTime',
      sourceIp: '$context.identity.sourceIp',
      userAgent: '$context.identity.userAgent',
      routeKey: '$context.routeKey',
      status: '$context.status',
      responseLength: '$context.responseLength',
      latencyMs: '$context.responseLatency',
      integrationError: '$context.integrationErrorMessage',
    });
    for (const forbidden of [/\$context\.path\b/, /\$context\.rawPath/, /querystring|rawQueryString/i]) {
      expect(AccessLogSettings.Format).not.toMatch(forbidden);
    }
    expect(AccessLogSettings.Format).not.toMatch(/header|body/i);
  });

  it('alarms the alarm topic on server errors of the portal API', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: '5xx',
      Namespace: 'AWS/ApiGateway',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: logicalIdOf(stack, stack.agencyPortal.api) } }],
      AlarmActions: [{ Ref: logicalIdOf(stack, stack.alarms.topic) }],
    });
  });

  it('outputs the portal URL: the API endpoint by default, the uploadOrigin when set', () => {
    expect(template.findOutputs('AgencyPortalUrl').AgencyPortalUrl?.Value).toEqual(portalEndpoint(stack));
    expect(custom.template.findOutputs('AgencyPortalUrl').AgencyPortalUrl?.Value).toBe(CUSTOM_ORIGIN);
    expect(custom.template.findOutputs('AgencyPortalApiEndpoint').AgencyPortalApiEndpoint?.Value).toEqual(
      portalEndpoint(custom.stack),
    );
  });

  it('acknowledges only AwsSolutions-APIG4 on its routes, with the reason', () => {
    for (const route of stack.agencyPortal.routes) {
      const acknowledged = route.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .map((entry) => entry.data as Record<string, string>);
      const ids = acknowledged.flatMap((entry) => Object.keys(entry));
      expect(ids).toEqual(['Annotation::AwsSolutions-APIG4']);
      const reason = acknowledged[0]?.['Annotation::AwsSolutions-APIG4'];
      expect(reason).toMatch(/256-bit token.*hash.*revocable/);
      expect(reason).toMatch(/calendar feed's secret URL.*256-bit token.*hash.*revocable and rotated/);
    }
  });
});

describe('Wiring: the portal base URL', () => {
  const publicBaseUrls = (target: { template: Template }) =>
    Object.values(target.template.findResources('AWS::Lambda::Function')).map(
      (fn) => fn.Properties.Environment.Variables.PUBLIC_BASE_URL,
    );
  const corsRules = (target: { stack: CletsAuditStack; template: Template }) =>
    target.template.findResources('AWS::S3::Bucket')[logicalIdOf(target.stack, target.stack.evidence.bucket)]
      ?.Properties.CorsConfiguration.CorsRules;

  it('tells every function the portal API endpoint as PUBLIC_BASE_URL when uploadOrigin is unset', () => {
    const urls = publicBaseUrls({ template });
    expect(urls).toHaveLength(Object.keys(functionCatalog).length);
    for (const url of urls) expect(url).toEqual(portalEndpoint(stack));
  });

  it('tells every function the uploadOrigin as PUBLIC_BASE_URL when set', () => {
    const urls = publicBaseUrls(custom);
    expect(urls).toHaveLength(Object.keys(functionCatalog).length);
    for (const url of urls) expect(url).toBe(CUSTOM_ORIGIN);
  });

  it('lets browsers POST to the evidence bucket from exactly the portal endpoint when uploadOrigin is unset', () => {
    expect(corsRules({ stack, template })).toEqual([
      {
        AllowedMethods: ['POST'],
        AllowedOrigins: [portalEndpoint(stack)],
        ExposedHeaders: ['ETag', 'x-amz-version-id'],
        MaxAge: 3000,
      },
    ]);
  });

  it('lets browsers POST to the evidence bucket from exactly the uploadOrigin when set', () => {
    expect(corsRules(custom)).toEqual([
      {
        AllowedMethods: ['POST'],
        AllowedOrigins: [CUSTOM_ORIGIN],
        ExposedHeaders: ['ETag', 'x-amz-version-id'],
        MaxAge: 3000,
      },
    ]);
  });
});
