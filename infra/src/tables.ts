// Storage concern: the DynamoDB tables of the pipeline, one per non-local table spec.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { TableSpec } from '@streamlens/tables';
import type { TableSettings } from './table-settings';
import { tableInputs } from './table-settings';
import { fail } from './validate';

/** Args of {@link Tables}. */
export interface TablesArgs extends TableSettings {
  /** Specs to create; physical names are auto-generated from `<name>-<logicalName>`. */
  readonly specs: readonly TableSpec[];
}

/** Name and ARN of one created table. */
export interface CreatedTable {
  readonly name: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  /** The table's stream (latest label), when its spec has one. */
  readonly streamArn: pulumi.Output<string>;
  readonly spec: TableSpec;
}

/**
 * The tables, keyed by logical name.
 *
 * @example
 * ```ts
 * const tables = new Tables('tables', { specs: listTableSpecs(),
 *   billing: { mode: 'PAY_PER_REQUEST' }, pointInTimeRecovery: true, deletionProtection: true });
 * tables.table('posts').name;
 * ```
 */
export class Tables extends pulumi.ComponentResource {
  readonly tables: Readonly<Record<string, CreatedTable>>;
  private readonly componentName: string;

  constructor(name: string, args: TablesArgs, opts?: pulumi.ComponentResourceOptions) {
    super('streamlens:infra:Tables', name, {}, opts);
    this.componentName = name;
    const ctx = { component: 'Tables', name };
    if (args.specs.length === 0) fail(ctx, 'specs', 'must list at least one table');
    const tables: Record<string, CreatedTable> = {};
    for (const spec of args.specs) {
      const inputs = { ...tableInputs(ctx, spec, args), tags: { ...args.tags } };
      const table = new aws.dynamodb.Table(`${name}-${spec.logicalName}`, inputs, {
        parent: this,
      });
      tables[spec.logicalName] = { name: table.name, arn: table.arn, streamArn: table.streamArn, spec };
    }
    this.tables = tables;
    this.registerOutputs({
      names: Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, t.name])),
    });
  }

  /** The table of a logical name; throws when the specs did not include it. */
  table(logicalName: string): CreatedTable {
    const table = this.tables[logicalName];
    if (!table) fail({ component: 'Tables', name: this.componentName }, logicalName, 'no such table in specs');
    return table;
  }
}
