// Physical names the program must choose itself (CloudWatch dashboards cannot be auto-named).
// Everything else is auto-named by Pulumi from the logical name plus a random suffix.

/**
 * A dashboard name unique per project and stack: `<project>-<stack>` with characters outside
 * CloudWatch's allowed set (A–Z a–z 0–9 - _) replaced by `-`.
 *
 * @example
 * ```ts
 * dashboardName('streamlens', 'org/dev'); // 'streamlens-org-dev'
 * ```
 */
export function dashboardName(project: string, stack: string): string {
  const name = `${project}-${stack}`.replace(/[^A-Za-z0-9_-]/g, '-');
  if (name.length > 255) throw new Error(`dashboard name "${name}" is longer than 255 characters`);
  return name;
}

/** Console URL of a CloudWatch dashboard. */
export function dashboardUrl(region: string, name: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${encodeURIComponent(name)}`;
}
