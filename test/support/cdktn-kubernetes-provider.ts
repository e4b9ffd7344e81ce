/**
 * The cdktn test project's stand-in for `@cdktf/provider-kubernetes/lib/provider` (no prebuilt cdktn
 * Kubernetes provider exists; cdktn users generate one with `cdktn get`). It declares the provider the way
 * a generated binding does and synthesizes the same JSON as the prebuilt cdktf class for the arguments
 * the tests use.
 */
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

export interface KubernetesProviderConfig {
  /** https://developer.hashicorp.com/terraform/language/providers/configuration#alias-multiple-provider-configurations @default - the default configuration */
  readonly alias?: string;
  /** https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs#host @default - none */
  readonly host?: string;
}

export class KubernetesProvider extends TerraformProvider {
  static readonly tfResourceType = 'kubernetes';
  private readonly config: KubernetesProviderConfig;

  constructor(scope: Construct, id: string, config: KubernetesProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'kubernetes',
      terraformGeneratorMetadata: {
        providerName: 'kubernetes',
        providerVersion: '2.38.0',
        providerVersionConstraint: '~> 2.0',
      },
      // As the prebuilt cdktf binding declares it (Terraform reads `kubernetes` as hashicorp/kubernetes).
      terraformProviderSource: 'kubernetes',
    });
    this.config = config;
  }

  // Generated bindings override the core's alias accessor; `fqn` (`kubernetes.<alias>`) reads it.
  get alias(): string | undefined {
    return this.config.alias;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { host: this.config.host, alias: this.alias };
  }
}
