// Minimal API Gateway v2 events, as the local stack's HTTP adapter builds them.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** A v2 event for `method path?query`. */
export function httpEvent(target: string, method = 'GET', requestId = 'req-test-1'): APIGatewayProxyEventV2 {
  const [rawPath = '/', rawQueryString = ''] = target.split('?', 2);
  return {
    rawPath,
    rawQueryString,
    headers: {},
    requestContext: { requestId, http: { method, path: rawPath } },
  } as unknown as APIGatewayProxyEventV2;
}
