/** CDKTF TypeScript for a plan (filled in below). */
import type { GenerationPlan } from '../plan';

export function typescriptSource(plan: GenerationPlan): string {
  return `// ${plan.cluster}\n`;
}
