// The id of the HTTP request behind an action travels with it as a Temporal header: from the API's
// client to the workflow's Update or start, and from the workflow to the activities and child
// workflows it schedules while handling that action, so one id ties together the log lines of
// the API, the workflow and the activities. A neutral module: the API, the worker's logging and
// the workflow sandbox all import it, and it uses only @temporalio/common (sandbox-safe).
import { defaultPayloadConverter, type Payload } from '@temporalio/common';

export const REQUEST_ID_HEADER = 'request-id';

type Headers = Record<string, Payload>;

/** The request id a call's headers carry, if any. */
export function requestIdFrom(headers: Headers | undefined): string | undefined {
  const payload = headers?.[REQUEST_ID_HEADER];
  if (!payload) return undefined;
  const value: unknown = defaultPayloadConverter.fromPayload(payload);
  return typeof value === 'string' ? value : undefined;
}

/** The headers with the request id added (unchanged when there is none). */
export function withRequestId(headers: Headers, requestId: string | undefined): Headers {
  if (requestId === undefined) return headers;
  return { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) };
}
