// A raw JSON 1.0 call, to check the exact wire shape a client receives (the SDK converts
// timestamps to Date and binary to Uint8Array).

/** Status and parsed body of one call. */
export interface RawAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** POSTs `body` to `endpoint` with `X-Amz-Target: target`. */
export async function rawCall(endpoint: string, target: string, body: unknown): Promise<RawAnswer> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': target,
      'x-amz-date': '20260101T000000Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
