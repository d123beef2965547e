/**
 * Which API and stage a request is for. Every stage of every API is reachable at
 * `/{apiId}/{stage}`; `/{stage}` also works when exactly one API has that stage (the usual case of
 * one API); and a Host of `{apiId}.execute-api.…` selects the API, as on AWS.
 */
import type { StageModel, WebSocketApiModel } from '../../model/gateway-model.js';

export interface Endpoint {
  readonly api: WebSocketApiModel;
  readonly stage: StageModel;
  /** The URL path of the endpoint, e.g. `/dev` or `/abcdefghij/dev`. */
  readonly path: string;
}

export class EndpointMap {
  private readonly byApiAndStage = new Map<string, Endpoint>();
  private readonly byStage = new Map<string, Endpoint[]>();

  constructor(apis: readonly WebSocketApiModel[]) {
    for (const api of apis) {
      for (const stage of api.stages.values()) {
        const endpoint = { api, stage, path: `/${api.apiId}/${stage.name}` };
        this.byApiAndStage.set(`${api.apiId}/${stage.name}`, endpoint);
        this.byStage.set(stage.name, [...(this.byStage.get(stage.name) ?? []), endpoint]);
      }
    }
  }

  /** The endpoint of a request, or undefined for an unknown API or stage. */
  public resolve(pathname: string, host: string | undefined): Endpoint | undefined {
    const segments = pathname.split('/').filter((s) => s.length > 0).map(safeDecode);
    const hostApi = host ? /^([a-z0-9]{10})\.execute-api\./.exec(host)?.[1] : undefined;
    if (segments.length === 1) {
      if (hostApi) return this.byApiAndStage.get(`${hostApi}/${segments[0]}`);
      const candidates = this.byStage.get(segments[0]) ?? [];
      return candidates.length === 1 ? candidates[0] : undefined;
    }
    if (segments.length === 2) return this.byApiAndStage.get(`${segments[0]}/${segments[1]}`);
    return undefined;
  }

  /** Every endpoint, with the shortest path that reaches it. */
  public list(): Endpoint[] {
    return [...this.byApiAndStage.values()].map((e) =>
      ((this.byStage.get(e.stage.name) ?? []).length === 1 ? { ...e, path: `/${e.stage.name}` } : e));
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
