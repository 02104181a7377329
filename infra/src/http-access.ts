// Access concern: how callers reach the report and ingest functions over HTTP — an IAM
// function URL (default), an HTTP API with a JWT authorizer, or (explicitly) a public URL.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { AccessMode, JwtArgs } from './access-settings';
import { ACCESS_LOG_FORMAT, accessPlan, publicAccessWarning } from './access-settings';

/** Args of {@link HttpAccess}. */
export interface HttpAccessArgs {
  readonly mode: AccessMode;
  readonly jwt?: JwtArgs;
  readonly functionName: pulumi.Input<string>;
  readonly functionArn: pulumi.Input<string>;
  /** Stage throttling of the JWT API (requests per second, burst). */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /** Retention of the JWT API's access logs (a CloudWatch Logs retention value). Default 30. */
  readonly accessLogRetentionDays?: number;
  /** Tags for every taggable resource of the component. */
  readonly tags?: Readonly<Record<string, string>>;
}

const DEFAULT_THROTTLE = { rateLimit: 50, burstLimit: 100 };

/**
 * The HTTP entry point of a function.
 *
 * @example
 * ```ts
 * const access = new HttpAccess('report-access', { mode: 'iam', functionName, functionArn });
 * access.url;
 * ```
 */
/** Routes of the report that stay reachable without a token in jwt mode (page shell only, no data). */
export const PUBLIC_PAGE_ROUTES: readonly (readonly [string, string])[] = [
  ['page', 'GET /'],
  ['assets', 'GET /assets/{proxy+}'],
  ['config', 'GET /api/v1/config'],
];

export class HttpAccess extends pulumi.ComponentResource {
  readonly url: pulumi.Output<string>;
  readonly mode: AccessMode;

  constructor(name: string, args: HttpAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super('streamlens:infra:HttpAccess', name, {}, opts);
    const plan = accessPlan({ component: 'HttpAccess', name }, args.mode, args.jwt);
    this.mode = plan.mode;
    if (plan.mode === 'jwt') {
      this.url = this.jwtApi(name, args, plan.jwt);
    } else {
      const functionUrl = new aws.lambda.FunctionUrl(
        `${name}-url`,
        { functionName: args.functionName, authorizationType: plan.functionUrlAuth },
        { parent: this },
      );
      if (plan.mode === 'public') this.allowPublic(name, args);
      this.url = functionUrl.functionUrl;
    }
    this.registerOutputs({ url: this.url });
  }

  // Since October 2025 a public URL needs both permissions: InvokeFunctionUrl and
  // InvokeFunction restricted to calls made through the function URL.
  private allowPublic(name: string, args: HttpAccessArgs): void {
    pulumi.log.warn(publicAccessWarning(name), this);
    new aws.lambda.Permission(
      `${name}-public-url`,
      { function: args.functionName, action: 'lambda:InvokeFunctionUrl', principal: '*', functionUrlAuthType: 'NONE' },
      { parent: this },
    );
    new aws.lambda.Permission(
      `${name}-public-invoke`,
      { function: args.functionName, action: 'lambda:InvokeFunction', principal: '*', invokedViaFunctionUrl: true },
      { parent: this },
    );
  }

  private jwtApi(name: string, args: HttpAccessArgs, jwt: JwtArgs): pulumi.Output<string> {
    const throttle = args.throttle ?? DEFAULT_THROTTLE;
    const api = new aws.apigatewayv2.Api(
      `${name}-api`,
      { protocolType: 'HTTP', tags: { ...args.tags } },
      { parent: this },
    );
    const authorizer = new aws.apigatewayv2.Authorizer(
      `${name}-authorizer`,
      {
        apiId: api.id,
        authorizerType: 'JWT',
        identitySources: ['$request.header.Authorization'],
        jwtConfiguration: { issuer: jwt.issuer, audiences: [...jwt.audience] },
      },
      { parent: this },
    );
    const integration = new aws.apigatewayv2.Integration(
      `${name}-integration`,
      { apiId: api.id, integrationType: 'AWS_PROXY', integrationUri: args.functionArn, payloadFormatVersion: '2.0' },
      { parent: this },
    );
    new aws.apigatewayv2.Route(
      `${name}-route`,
      {
        apiId: api.id,
        routeKey: '$default',
        authorizationType: 'JWT',
        authorizerId: authorizer.id,
        // A token of the issuer for the audience is not enough: it must carry one of these scopes.
        authorizationScopes: [...jwt.scopes],
        target: pulumi.interpolate`integrations/${integration.id}`,
      },
      { parent: this },
    );
    // The sign-in page itself must load without a token: it fetches its OIDC settings from
    // /api/v1/config and only then redirects to the issuer. Everything else needs the JWT.
    for (const [role, routeKey] of PUBLIC_PAGE_ROUTES) {
      new aws.apigatewayv2.Route(
        `${name}-route-${role}`,
        {
          apiId: api.id,
          routeKey,
          authorizationType: 'NONE',
          target: pulumi.interpolate`integrations/${integration.id}`,
        },
        { parent: this },
      );
    }
    const accessLogs = new aws.cloudwatch.LogGroup(
      `${name}-access-logs`,
      { retentionInDays: args.accessLogRetentionDays ?? 30, tags: { ...args.tags } },
      { parent: this },
    );
    const stage = new aws.apigatewayv2.Stage(
      `${name}-stage`,
      {
        apiId: api.id,
        name: '$default',
        autoDeploy: true,
        accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
        tags: { ...args.tags },
        defaultRouteSettings: { throttlingRateLimit: throttle.rateLimit, throttlingBurstLimit: throttle.burstLimit },
      },
      { parent: this },
    );
    new aws.lambda.Permission(
      `${name}-api-invoke`,
      {
        function: args.functionName,
        action: 'lambda:InvokeFunction',
        principal: 'apigateway.amazonaws.com',
        sourceArn: pulumi.interpolate`${api.executionArn}/*`,
      },
      { parent: this },
    );
    return stage.invokeUrl;
  }
}
