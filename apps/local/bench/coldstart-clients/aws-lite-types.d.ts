// @aws-lite/dynamodb ships no types (they are in @aws-lite/dynamodb-types, not needed here).
declare module '@aws-lite/dynamodb' {
  const plugin: unknown;
  export default plugin;
}
