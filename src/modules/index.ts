/**
 * Renders every file under modules/ from the model, deterministically: same source, same bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { roleExamples, serviceAccountExamples } from './examples';
import { formatHcl } from './hcl';
import { modulesReadme, moduleReadme } from './readme';
import { ROLE_MODULE, ROLE_OUTPUTS, roleModuleFiles } from './role-module';
import {
  SERVICE_ACCOUNT_MODULE,
  SERVICE_ACCOUNT_OUTPUTS,
  serviceAccountModuleFiles,
} from './service-account-module';
import { roleModuleTests, serviceAccountModuleTests } from './tests';
import { clusterOidcExamples, oidcProviderExamples } from './oidc-module-examples';
import { clusterOidcModuleTests, oidcProviderModuleTests } from './oidc-module-tests';
import {
  CLUSTER_OIDC_OUTPUTS,
  EKS_CLUSTER_OIDC_MODULE,
  EKS_OIDC_PROVIDER_MODULE,
  OIDC_PROVIDER_OUTPUTS,
  clusterOidcModuleFiles,
  clusterOidcModuleVariables,
  oidcProviderModuleFiles,
  oidcProviderModuleVariables,
} from './oidc-modules';
import { POD_IDENTITY_MODULE, podIdentityModuleFiles } from './pod-identity-module';
import { roleModuleVariables, serviceAccountModuleVariables } from './variables';

export { ROLE_MODULE } from './role-module';
export { SERVICE_ACCOUNT_MODULE } from './service-account-module';
export { EKS_CLUSTER_OIDC_MODULE, EKS_OIDC_PROVIDER_MODULE } from './oidc-modules';
export { POD_IDENTITY_MODULE } from './pod-identity-module';
export { GENERATED_HEADER } from './files';

/** Every generated file, by its path under modules/, formatted. Keys are sorted. */
export async function renderModules(): Promise<Record<string, string>> {
  const files: Record<string, string> = {
    'README.md': modulesReadme(),
  };
  const add = (dir: string, contents: Record<string, string>) => {
    for (const [name, text] of Object.entries(contents)) files[`${dir}/${name}`] = text;
  };
  add(ROLE_MODULE, roleModuleFiles());
  add(ROLE_MODULE, roleModuleTests());
  add(ROLE_MODULE, roleExamples());
  add(ROLE_MODULE, {
    'README.md': moduleReadme(ROLE_MODULE, roleModuleVariables(), ROLE_OUTPUTS, undefined, [
      'basic',
      'multi-cluster',
      'role-only-helm',
      'for-each',
      'managed-policy',
      'terraform-aws-modules',
    ]),
  });
  add(SERVICE_ACCOUNT_MODULE, serviceAccountModuleFiles());
  add(SERVICE_ACCOUNT_MODULE, serviceAccountModuleTests());
  add(SERVICE_ACCOUNT_MODULE, serviceAccountExamples());
  add(SERVICE_ACCOUNT_MODULE, {
    'README.md': moduleReadme(SERVICE_ACCOUNT_MODULE, serviceAccountModuleVariables(), SERVICE_ACCOUNT_OUTPUTS),
  });
  for (const [module, moduleFiles, tests, examples, variables, outputs] of [
    [EKS_OIDC_PROVIDER_MODULE, oidcProviderModuleFiles, oidcProviderModuleTests, oidcProviderExamples, oidcProviderModuleVariables, OIDC_PROVIDER_OUTPUTS],
    [EKS_CLUSTER_OIDC_MODULE, clusterOidcModuleFiles, clusterOidcModuleTests, clusterOidcExamples, clusterOidcModuleVariables, CLUSTER_OIDC_OUTPUTS],
  ] as const) {
    add(module, moduleFiles());
    add(module, tests());
    add(module, examples());
    add(module, { 'README.md': moduleReadme(module, variables(), outputs) });
  }

  add(POD_IDENTITY_MODULE, podIdentityModuleFiles());

  const out: Record<string, string> = {};
  for (const name of Object.keys(files).sort()) {
    out[name] = /\.(tf|hcl)$/.test(name) ? await formatHcl(files[name]) : files[name];
  }
  return out;
}

/** Replaces `dir` (modules/) with freshly rendered files, so removed files do not linger. */
export async function writeModules(dir: string): Promise<string[]> {
  const files = await renderModules();
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return Object.keys(files);
}
