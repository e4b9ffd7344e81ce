/**
 * Where the hashicorp/kubernetes provider cannot be installed, `terraform validate` cannot check the
 * service-account module's Kubernetes resources. This checks their arguments against the provider schema
 * as @cdktf/provider-kubernetes captures it: the same resources, configured through the typed bindings
 * with the same arguments, must synthesize exactly the argument names the module uses.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { Annotations } from '@cdktf/provider-kubernetes/lib/annotations';
import { Labels } from '@cdktf/provider-kubernetes/lib/labels';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { SERVICE_ACCOUNT_MODULE } from '../../src/modules';
import { synthJson, testStack } from '../support/stacks';
import { MODULES_DIR } from './support';

type Block = Record<string, unknown>;

/** Argument names of a resource, with nested blocks' argument names as `block.name`. */
function argumentNames(config: Block): string[] {
  const names: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (['count', 'for_each', 'provider', 'depends_on', 'lifecycle', '//'].includes(key)) continue;
    const nested = Array.isArray(value) ? value[0] : value;
    if (key === 'metadata' && nested && typeof nested === 'object') {
      for (const inner of Object.keys(nested as Block)) names.push(`${key}.${inner}`);
    } else {
      names.push(key);
    }
  }
  return names.sort();
}

test('the module’s Kubernetes resources use only arguments the provider schema has', async () => {
  const file = path.join(MODULES_DIR, SERVICE_ACCOUNT_MODULE, 'main.tf');
  const hcl = await parse('main.tf', fs.readFileSync(file, 'utf8'));
  const fromModule: Record<string, string[]> = {};
  for (const [type, byName] of Object.entries(hcl.resource as Record<string, Record<string, Block[]>>)) {
    fromModule[type] = argumentNames(byName.this[0]);
  }

  const { stack } = testStack();
  const metadata = { name: 'n', namespace: 'ns' };
  new ServiceAccountV1(stack, 'sa', {
    metadata: { ...metadata, labels: { a: 'b' }, annotations: { a: 'b' } },
    automountServiceAccountToken: true,
  });
  new NamespaceV1(stack, 'namespace', { metadata: { name: 'ns', labels: { a: 'b' } } });
  new Annotations(stack, 'annotations', {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata,
    annotations: { a: 'b' },
    force: true,
    fieldManager: 'm',
  });
  new Labels(stack, 'labels', {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata,
    labels: { a: 'b' },
    force: true,
    fieldManager: 'm',
  });
  const synthesized = synthJson(stack).resource as Record<string, Record<string, Block>>;
  const fromBindings: Record<string, string[]> = {};
  for (const [type, byId] of Object.entries(synthesized)) {
    fromBindings[type] = argumentNames(Object.values(byId)[0]);
  }

  expect(Object.keys(fromModule).sort()).toEqual([
    'kubernetes_annotations',
    'kubernetes_labels',
    'kubernetes_namespace_v1',
    'kubernetes_service_account_v1',
  ]);
  expect(fromModule.kubernetes_annotations).toContain('metadata.namespace');
  expect(fromModule).toEqual(fromBindings);
});
