// Dashboard concern: one CloudWatch dashboard of the pipeline's health signals.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { dashboardBody } from './dashboard-body';
import { dashboardUrl } from './naming';
import { requireText } from './validate';

/** Args of {@link Dashboard}: names as Inputs, resolved into the body. */
export interface DashboardArgs {
  /** Physical name (dashboards cannot be auto-named): see naming.dashboardName. */
  readonly dashboardName: string;
  readonly region: string;
  readonly streamName: pulumi.Input<string>;
  readonly mappedFunctions: pulumi.Input<string>[];
  readonly functions: pulumi.Input<string>[];
  readonly queues: pulumi.Input<string>[];
  /** UUIDs of the mappings with an S3 on-failure target. */
  readonly failureDeliveries?: pulumi.Input<string>[];
  readonly tables: pulumi.Input<string>[];
}

/**
 * The stack's dashboard and its console URL.
 *
 * @example
 * ```ts
 * new Dashboard('dashboard', { dashboardName: 'streamlens-dev', region: 'eu-west-1', ... }).url;
 * ```
 */
export class Dashboard extends pulumi.ComponentResource {
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: DashboardArgs, opts?: pulumi.ComponentResourceOptions) {
    super('streamlens:infra:Dashboard', name, {}, opts);
    const ctx = { component: 'Dashboard', name };
    requireText(ctx, 'dashboardName', args.dashboardName);
    requireText(ctx, 'region', args.region);
    const body = pulumi
      .all([
        args.streamName,
        pulumi.all(args.mappedFunctions),
        pulumi.all(args.functions),
        pulumi.all(args.queues),
        pulumi.all(args.tables),
        pulumi.all(args.failureDeliveries ?? []),
      ])
      .apply(([streamName, mappedFunctions, functions, queues, tables, failureDeliveries]) =>
        JSON.stringify(
          dashboardBody({
            region: args.region,
            streamName,
            mappedFunctions,
            functions,
            queues,
            tables,
            failureDeliveries,
          }),
        ),
      );
    const dashboard = new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      { dashboardName: args.dashboardName, dashboardBody: body },
      { parent: this },
    );
    this.url = dashboard.dashboardName.apply((n) => dashboardUrl(args.region, n));
    this.registerOutputs({ url: this.url });
  }
}
