// Least-privilege statements of the alerts path: reading one table's stream, putting events on
// one bus, EventBridge invoking one API destination.
import type { PolicyStatement } from './policy-document';

/**
 * What a DynamoDB Streams mapping needs to poll the table's stream with the function's role, on
 * that stream only. (ListStreams is not resource-scoped in IAM, so this grant is inert for it;
 * the poller is given the stream ARN and never lists streams.)
 */
export function tableStreamReadStatements(streamArn: string): PolicyStatement[] {
  return [
    {
      Sid: 'ReadTableStream',
      Effect: 'Allow',
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
      Resource: [streamArn],
    },
  ];
}

/** Putting events on one bus. */
export function putEventsStatement(busArn: string): PolicyStatement {
  return { Sid: 'PutAlertEvents', Effect: 'Allow', Action: ['events:PutEvents'], Resource: [busArn] };
}

/** EventBridge calling one API destination (the rule target's role). */
export function invokeApiDestinationStatement(destinationArn: string): PolicyStatement {
  return {
    Sid: 'InvokeWebhook',
    Effect: 'Allow',
    Action: ['events:InvokeApiDestination'],
    Resource: [destinationArn],
  };
}
