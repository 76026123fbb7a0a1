// What the worker's payload codec (platform/payload-codec.ts) puts in place of a payload that is
// not encrypted with a known key, or whose authentication tag does not verify: a plain value that
// deserializes everywhere, so that the workflow's interceptors refuse it (workflows/interceptors.ts)
// instead of the codec throwing, which would fail the workflow task and retry it forever. A
// neutral module: the codec (Node) and the workflow sandbox both import it.
import { defaultPayloadConverter, type Payload } from '@temporalio/common';

const MARK = '@unauthenticPayload';

/** The payload that stands for one that could not be authenticated; `why` says what was wrong. */
export function unauthenticPayload(why: string): Payload {
  return defaultPayloadConverter.toPayload({ [MARK]: why });
}

/** Why a value was not authentic, when it stands for such a payload. */
export function unauthenticReason(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !(MARK in value)) return undefined;
  return String((value as Record<string, unknown>)[MARK]);
}
