/**
 * Node-side calls through the harness's HTTP door, for spec setup and benchmarks: the same
 * route, token header and byte encoding the shim uses, so setup exercises the door too.
 */
import type { Input, Method, Output, Result } from '../../../shared/ipc/contract';
import { decodeJson, encodeJson } from '../../../shared/ipc/wire';

export interface HarnessAddress {
  origin: string;
  token: string;
}

export async function postHarness(h: HarnessAddress, endpoint: string, body: unknown, token = h.token): Promise<Response> {
  return fetch(`${h.origin}${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-casefile-token': token },
    body: encodeJson(body),
  });
}

/** The raw Result, as the page would receive it. */
export async function invokeResult<M extends Method>(h: HarnessAddress, method: M, input: Input<M>): Promise<Result<Output<M>>> {
  const res = await postHarness(h, '/__harness/invoke', { method, input });
  if (!res.ok) throw new Error(`harness answered ${res.status}: ${await res.text()}`);
  return decodeJson(await res.text()) as Result<Output<M>>;
}

/** The value, or an Error carrying the Core's message. */
export async function invoke<M extends Method>(h: HarnessAddress, method: M, input: Input<M>): Promise<Output<M>> {
  const result = await invokeResult(h, method, input);
  if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.code}: ${result.error.message}`), { body: result.error });
  return result.value;
}
