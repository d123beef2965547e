/** A short table of the stacks, WebSocket APIs, stages and routes of a cloud assembly, read from its templates. */
import type { CloudAssembly } from '../core/cloud-assembly.js';

interface Resource { Type: string; Properties?: Record<string, unknown> }

export function summarizeAssembly(assembly: CloudAssembly): string {
  const lines: string[] = [];
  for (const stack of assembly.stacks) {
    const resources = (stack.template.Resources ?? {}) as Record<string, Resource>;
    const apis = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Api' && r.Properties?.ProtocolType === 'WEBSOCKET');
    lines.push(`${stack.stackName}: ${Object.keys(resources).length} resources, ${apis.length} WebSocket API(s)`);
    for (const [apiId, api] of apis) {
      const refersTo = (r: Resource) => JSON.stringify(r.Properties?.ApiId) === JSON.stringify({ Ref: apiId });
      const stages = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Stage' && refersTo(r)).map((r) => String(r.Properties?.StageName));
      const routes = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route' && refersTo(r));
      lines.push(`  API ${String(api.Properties?.Name ?? apiId)} (${apiId})  stages: ${stages.join(', ') || '(none)'}`);
      for (const route of routes) {
        const p = route.Properties ?? {};
        const auth = p.AuthorizationType && p.AuthorizationType !== 'NONE' ? `  auth ${String(p.AuthorizationType)}` : '';
        const reply = p.RouteResponseSelectionExpression ? '  two-way' : '';
        lines.push(`    route ${String(p.RouteKey).padEnd(16)}${auth}${reply}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}
