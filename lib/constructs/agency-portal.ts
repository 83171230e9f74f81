import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { ApiMethod } from '../../functions/api/api-route.js';
import { portalApiRoutes } from '../../functions/portal/portal-api-routes.js';
import { PORTAL_PATHS } from '../../functions/services/upload-portal.js';

export interface AgencyPortalProps {
  /** The agency-portal function (functions/handlers/agency-portal.ts), created by the stack from the catalog. */
  readonly handler: IFunction;
  /** Where the portal's alarms go. */
  readonly alarmTopic: ITopic;
  /** Encrypts the access-log group (the operations key). */
  readonly logKey: IKey;
  readonly stage: string;
  /**
   * The https origin agencies reach the portal on, when the operator puts one in front of the API (a custom
   * domain or a CDN); without it, links point at the API's own execute-api endpoint.
   */
  readonly publicOrigin?: string;
}

/** A route of the portal as API Gateway sees it: a method and a path template. */
export interface PortalRoute {
  readonly method: ApiMethod;
  readonly path: string;
}

/**
 * Every route the portal serves, from the portal's own declarations: the upload page and its static files and
 * the agencies' calendar feeds (served by functions/portal/serve-portal.ts), and the JSON route table the upload
 * page's script calls.
 */
export const agencyPortalRoutes: readonly PortalRoute[] = [
  { method: 'GET', path: PORTAL_PATHS.page },
  { method: 'GET', path: PORTAL_PATHS.asset },
  { method: 'GET', path: PORTAL_PATHS.calendar },
  ...portalApiRoutes.map(({ method, path }) => ({ method, path })),
];

/**
 * API Gateway's steady rate and burst for the whole stage. Agencies are few (hundreds, each uploading a
 * handful of files per audit), and a page load is three requests plus one per upload, so 20/s with a burst
 * of 40 is far above real use while capping what a guessed-token flood can cost (Lambda, table reads).
 */
const STAGE_THROTTLE = { rateLimit: 20, burstLimit: 40 };

/**
 * One JSON line per request. The upload link's token is part of the page's path, so the format holds no
 * request path and no query string: the route template (`GET /upload/{token}`) says what was asked for.
 * No headers, no bodies.
 */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/** Why the portal's routes have no API Gateway authorizer (cdk-nag AwsSolutions-APIG4). */
const REASON_NO_AUTHORIZER =
  "Account-less upload links, by design: agencies have no accounts, so the credential is the link itself, a random 256-bit token stored only as a hash, scoped to one agency, audit and its requests, expiring, revocable, and locked after 5 failed uses. The agency-portal function checks it on every page and JSON request; the static files (script, styles) hold no data; the stage throttles guessing. The calendar feed's secret URL works the same way, since calendar apps cannot sign in: a random 256-bit token stored only as a hash, opening one agency's read-only due dates (no upload links), revocable and rotated by administrators, checked by the function on every request.";

/**
 * The agencies' HTTP API, separate from the admin API: no authorizer (the upload link's token is the
 * credential, checked by the function), one route per portal route plus `$default` (so unknown paths reach
 * the function for its own 404), all integrated with the one agency-portal function. Throttled, access
 * logged without paths, and alarmed on server errors.
 */
export class AgencyPortal extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly routes: readonly HttpRoute[];
  /** What agencies' links start with: the public origin when given, else the API's execute-api endpoint. */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: AgencyPortalProps) {
    super(scope, id);

    const integration = new HttpLambdaIntegration('AgencyPortalIntegration', props.handler);
    this.api = new HttpApi(this, 'Api', {
      apiName: `clets-audit-${props.stage}-agency-portal`,
      description: 'CLETS audit scheduler: agency upload portal',
      createDefaultStage: false,
    });
    this.routes = [
      ...agencyPortalRoutes.flatMap((route) =>
        this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration }),
      ),
      new HttpRoute(this, 'DefaultRoute', {
        httpApi: this.api,
        routeKey: HttpRouteKey.DEFAULT,
        integration,
      }),
    ];
    for (const route of this.routes) {
      Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: REASON_NO_AUTHORIZER });
    }

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: STAGE_THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });

    this.baseUrl = props.publicOrigin ?? this.api.apiEndpoint;

    new Alarm(this, 'ServerErrors', {
      alarmDescription:
        'The agency portal answered 5xx: see the agency-portal function log by x-request-id (agencies may be unable to upload).',
      metric: this.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(props.alarmTopic));

    new CfnOutput(this, 'Url', {
      key: 'AgencyPortalUrl',
      description: 'Base URL of the agency portal: upload links in emails start with it',
      value: this.baseUrl,
    });
    new CfnOutput(this, 'ApiEndpoint', {
      key: 'AgencyPortalApiEndpoint',
      description: 'The portal API endpoint: the target of a custom domain or CDN named by uploadOrigin',
      value: this.api.apiEndpoint,
    });
  }
}
