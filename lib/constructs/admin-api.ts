import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ADMINISTRATORS_GROUP } from '../../functions/api/administrators.js';
import type { ApiRoute } from '../../functions/api/api-route.js';
import { adminApiRoutes } from '../../functions/api/routes.js';

export interface AdminApiProps {
  /** The admin-api function (functions/handlers/admin-api.ts), created by the stack from the catalog. */
  readonly handler: IFunction;
  /** Where the API's alarms go. */
  readonly alarmTopic: ITopic;
  /** Encrypts the access-log group (the operations key). */
  readonly logKey: IKey;
  readonly stage: string;
  /** The route table to expose; the admin API's by default (tests pass their own). */
  readonly routes?: readonly ApiRoute[];
}

/** API Gateway's steady rate and burst for the whole stage: a few administrators, never a crowd. */
const STAGE_THROTTLE = { rateLimit: 10, burstLimit: 20 };

/** One JSON line per request: who (token subject), what (route, path), outcome. No headers, no bodies. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    subject: '$context.authorizer.claims.sub',
    routeKey: '$context.routeKey',
    method: '$context.httpMethod',
    path: '$context.path',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    authorizerError: '$context.authorizer.error',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/**
 * The administrators' HTTP API: one API Gateway route per entry of the admin API's route table (plus
 * `$default`, so unknown paths and methods get the API's own 404/405), every one behind a JWT authorizer of
 * a Cognito user pool whose users must use TOTP MFA, all integrated with the one admin-api function.
 * The function itself requires the clets-administrators group, which the JWT authorizer cannot check.
 */
export class AdminApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: AdminApiProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'Administrators', {
      userPoolName: `clets-audit-${props.stage}-administrators`,
      // Administrators are invited (AdminCreateUser); nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      // CJIS advanced authentication (IA-2): a second factor on every sign-in, TOTP only (SMS is phishable).
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 24,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Threat protection (compromised credentials, risky sign-ins blocked) needs the Plus plan; for a
      // handful of administrators its per-user price is negligible next to what it guards.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      // The pool holds the administrators' identities and MFA enrolments; losing it locks everyone out.
      removalPolicy: RemovalPolicy.RETAIN,
      userInvitation: {
        emailSubject: 'Your CLETS audit administrator account',
        emailBody:
          'An account was created for you on the CLETS audit scheduler. User name: {username}. Temporary password: {####}. You will set a new password and enrol an authenticator app at first sign-in.',
      },
    });

    new UserPoolGroup(this, 'AdministratorsGroup', {
      userPool: this.userPool,
      groupName: ADMINISTRATORS_GROUP,
      description: 'May use the CLETS audit admin API.',
    });

    // The admin CLI signs in with SRP (the password never leaves the machine) and answers the TOTP challenge;
    // a public client, so no secret, and no hosted-UI OAuth flows to misconfigure.
    this.userPoolClient = this.userPool.addClient('AdminCli', {
      userPoolClientName: 'clets-admin-cli',
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // Short tokens bound an unattended session (CJIS session lock is 30 minutes); refresh covers a work day.
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.hours(8),
    });

    this.authorizer = new HttpUserPoolAuthorizer('AdministratorsAuthorizer', this.userPool, {
      userPoolClients: [this.userPoolClient],
    });
    const integration = new HttpLambdaIntegration('AdminApiIntegration', props.handler);

    this.api = new HttpApi(this, 'Api', {
      apiName: `clets-audit-${props.stage}-admin`,
      description: 'CLETS audit scheduler: admin API',
      createDefaultStage: false,
      // Unknown paths and methods still reach the function (after the authorizer) for a JSON 404/405.
      defaultIntegration: integration,
      defaultAuthorizer: this.authorizer,
    });
    for (const route of props.routes ?? adminApiRoutes) {
      this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration });
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

    new Alarm(this, 'ServerErrors', {
      alarmDescription: 'The admin API answered 5xx: see the admin-api function log by x-request-id.',
      metric: this.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(props.alarmTopic));

    new CfnOutput(this, 'Url', {
      key: 'AdminApiUrl',
      description: 'Base URL of the admin API',
      value: this.stage.url,
    });
    new CfnOutput(this, 'UserPoolId', {
      key: 'AdminUserPoolId',
      description: 'Cognito user pool of the administrators',
      value: this.userPool.userPoolId,
    });
    new CfnOutput(this, 'UserPoolClientId', {
      key: 'AdminCliClientId',
      description: 'App client the admin CLI signs in with (SRP, TOTP MFA)',
      value: this.userPoolClient.userPoolClientId,
    });
  }
}
