/**
 * Core-neutral bindings for the four hashicorp/kubernetes resources the constructs create
 * (`kubernetes_service_account_v1`, `kubernetes_namespace_v1`, `kubernetes_annotations`, `kubernetes_labels`), with the
 * arguments the constructs and the generated modules use.
 *
 * The cdktf flavour uses the prebuilt `@cdktf/provider-kubernetes` classes. CDK Terrain has no prebuilt
 * Kubernetes provider package (its users run `cdktn get`), so the cdktn build points the
 * `@cdktf/provider-kubernetes/lib/{service-account-v1,namespace-v1,annotations,labels}` imports here (see
 * tools/cdktn-flavour.json). These classes extend the core's own `TerraformResource` and synthesize the
 * same JSON (same keys, same order) as the prebuilt classes; test/cdktn/flavour.test.ts compares the two,
 * and test/modules/kubernetes-schema.test.ts checks the argument names against the provider schema.
 */
import {
  IResolvable,
  TerraformMetaArguments,
  TerraformResource,
  booleanToHclTerraform,
  booleanToTerraform,
  hashMapper,
  hashMapperHcl,
  stringToHclTerraform,
  stringToTerraform,
} from 'cdktf';
import { Construct } from 'constructs';

/** The provider these resources belong to, as the prebuilt bindings declare it. */
const GENERATOR = { providerName: 'kubernetes', providerVersionConstraint: '~> 2.0' };

/** `metadata` of a namespaced object: https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/service_account_v1#metadata */
export interface ObjectMetadata {
  /** The object's name. @default - none (required by the provider) */
  readonly name?: string;
  /** The object's namespace. @default "default" (the provider's default) */
  readonly namespace?: string;
}

/** `metadata` of a `kubernetes_service_account_v1`: https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/service_account_v1#metadata */
export interface ServiceAccountV1Metadata extends ObjectMetadata {
  /** Annotations on the ServiceAccount. @default - none */
  readonly annotations?: Record<string, string>;
  /** Labels on the ServiceAccount. @default - none */
  readonly labels?: Record<string, string>;
}

/** https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/service_account_v1 */
export interface ServiceAccountV1Config extends TerraformMetaArguments {
  /** The ServiceAccount's metadata. @default - none (required) */
  readonly metadata: ServiceAccountV1Metadata;
  /** Whether pods mount the ServiceAccount's token by default. @default - the provider's default (true) */
  readonly automountServiceAccountToken?: boolean | IResolvable;
}

/** `metadata` of a `kubernetes_namespace_v1`: https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/namespace_v1#metadata */
export interface NamespaceV1Metadata {
  /** The namespace's name. @default - none (required here) */
  readonly name?: string;
  /** Labels on the namespace. @default - none */
  readonly labels?: Record<string, string>;
}

/** https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/namespace_v1 */
export interface NamespaceV1Config extends TerraformMetaArguments {
  /** The namespace's metadata. @default - none (required) */
  readonly metadata: NamespaceV1Metadata;
}

/** https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/annotations */
export interface AnnotationsConfig extends TerraformMetaArguments {
  /** The annotated object's apiVersion. @default - none (required) */
  readonly apiVersion: string;
  /** The annotated object's kind. @default - none (required) */
  readonly kind: string;
  /** The annotated object. @default - none (required) */
  readonly metadata: ObjectMetadata;
  /** The annotations to own. @default - none */
  readonly annotations?: Record<string, string>;
  /** Take ownership of annotations another field manager set. @default false */
  readonly force?: boolean | IResolvable;
  /** The server-side-apply field manager: https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/annotations#field_manager @default "Terraform" (the provider's default) */
  readonly fieldManager?: string;
}

/** https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/labels */
export interface LabelsConfig extends TerraformMetaArguments {
  /** The labelled object's apiVersion. @default - none (required) */
  readonly apiVersion: string;
  /** The labelled object's kind. @default - none (required) */
  readonly kind: string;
  /** The labelled object. @default - none (required) */
  readonly metadata: ObjectMetadata;
  /** The labels to own. @default - none (required) */
  readonly labels: Record<string, string>;
  /** Take ownership of labels another field manager set. @default false */
  readonly force?: boolean | IResolvable;
  /** The server-side-apply field manager: https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/labels#field_manager @default "Terraform" (the provider's default) */
  readonly fieldManager?: string;
}

function metaArguments(config: TerraformMetaArguments): TerraformMetaArguments {
  return {
    provider: config.provider,
    dependsOn: config.dependsOn,
    count: config.count,
    lifecycle: config.lifecycle,
    provisioners: config.provisioners,
    connection: config.connection,
    forEach: config.forEach,
  };
}

type HclAttribute = { value: unknown; isBlock: boolean; type: string; storageClassType: string };

function hclString(value: string | undefined): HclAttribute {
  return { value: stringToHclTerraform(value), isBlock: false, type: 'simple', storageClassType: 'string' };
}
function hclBoolean(value: boolean | IResolvable | undefined): HclAttribute {
  return { value: booleanToHclTerraform(value), isBlock: false, type: 'simple', storageClassType: 'boolean' };
}
function hclMap(value: Record<string, string> | undefined): HclAttribute {
  return {
    value: hashMapperHcl(stringToHclTerraform)(value),
    isBlock: false,
    type: 'map',
    storageClassType: 'stringMap',
  };
}
/** Drops undefined attributes, as the generated bindings do. */
function defined(attrs: Record<string, HclAttribute>): Record<string, HclAttribute> {
  return Object.fromEntries(Object.entries(attrs).filter(([, attr]) => attr.value !== undefined));
}
function hclMetadata(storageClassType: string, attrs: Record<string, HclAttribute>): HclAttribute {
  return { value: defined(attrs), isBlock: true, type: 'list', storageClassType };
}

/** `kubernetes_service_account_v1`: https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/service_account_v1 */
export class ServiceAccountV1 extends TerraformResource {
  static readonly tfResourceType = 'kubernetes_service_account_v1';
  private readonly config: ServiceAccountV1Config;

  constructor(scope: Construct, id: string, config: ServiceAccountV1Config) {
    super(scope, id, {
      terraformResourceType: ServiceAccountV1.tfResourceType,
      terraformGeneratorMetadata: GENERATOR,
      ...metaArguments(config),
    });
    this.config = config;
  }

  /** The resource's `id` (`namespace/name`). */
  get id(): string {
    return this.getStringAttribute('id');
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const metadata = this.config.metadata;
    return {
      automount_service_account_token: booleanToTerraform(this.config.automountServiceAccountToken),
      metadata: {
        annotations: hashMapper(stringToTerraform)(metadata.annotations),
        labels: hashMapper(stringToTerraform)(metadata.labels),
        name: stringToTerraform(metadata.name),
        namespace: stringToTerraform(metadata.namespace),
      },
    };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    const metadata = this.config.metadata;
    return defined({
      automount_service_account_token: hclBoolean(this.config.automountServiceAccountToken),
      metadata: hclMetadata('ServiceAccountV1MetadataList', {
        annotations: hclMap(metadata.annotations),
        labels: hclMap(metadata.labels),
        name: hclString(metadata.name),
        namespace: hclString(metadata.namespace),
      }),
    });
  }
}

/** `kubernetes_namespace_v1`: https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/namespace_v1 */
export class NamespaceV1 extends TerraformResource {
  static readonly tfResourceType = 'kubernetes_namespace_v1';
  private readonly config: NamespaceV1Config;

  constructor(scope: Construct, id: string, config: NamespaceV1Config) {
    super(scope, id, {
      terraformResourceType: NamespaceV1.tfResourceType,
      terraformGeneratorMetadata: GENERATOR,
      ...metaArguments(config),
    });
    this.config = config;
  }

  /** The resource's `id` (the namespace's name). */
  get id(): string {
    return this.getStringAttribute('id');
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const metadata = this.config.metadata;
    return {
      metadata: {
        labels: hashMapper(stringToTerraform)(metadata.labels),
        name: stringToTerraform(metadata.name),
      },
    };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    const metadata = this.config.metadata;
    return defined({
      metadata: hclMetadata('NamespaceV1MetadataList', {
        labels: hclMap(metadata.labels),
        name: hclString(metadata.name),
      }),
    });
  }
}

/** `kubernetes_annotations`: https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/annotations */
export class Annotations extends TerraformResource {
  static readonly tfResourceType = 'kubernetes_annotations';
  private readonly config: AnnotationsConfig;

  constructor(scope: Construct, id: string, config: AnnotationsConfig) {
    super(scope, id, {
      terraformResourceType: Annotations.tfResourceType,
      terraformGeneratorMetadata: GENERATOR,
      ...metaArguments(config),
    });
    this.config = config;
  }

  /** The resource's `id`. */
  get id(): string {
    return this.getStringAttribute('id');
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const config = this.config;
    return {
      annotations: hashMapper(stringToTerraform)(config.annotations),
      api_version: stringToTerraform(config.apiVersion),
      field_manager: stringToTerraform(config.fieldManager),
      force: booleanToTerraform(config.force),
      kind: stringToTerraform(config.kind),
      metadata: {
        name: stringToTerraform(config.metadata.name),
        namespace: stringToTerraform(config.metadata.namespace),
      },
    };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    const config = this.config;
    return defined({
      annotations: hclMap(config.annotations),
      api_version: hclString(config.apiVersion),
      field_manager: hclString(config.fieldManager),
      force: hclBoolean(config.force),
      kind: hclString(config.kind),
      metadata: hclMetadata('AnnotationsMetadataList', {
        name: hclString(config.metadata.name),
        namespace: hclString(config.metadata.namespace),
      }),
    });
  }
}

/** `kubernetes_labels`: https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/labels */
export class Labels extends TerraformResource {
  static readonly tfResourceType = 'kubernetes_labels';
  private readonly config: LabelsConfig;

  constructor(scope: Construct, id: string, config: LabelsConfig) {
    super(scope, id, {
      terraformResourceType: Labels.tfResourceType,
      terraformGeneratorMetadata: GENERATOR,
      ...metaArguments(config),
    });
    this.config = config;
  }

  /** The resource's `id`. */
  get id(): string {
    return this.getStringAttribute('id');
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const config = this.config;
    return {
      api_version: stringToTerraform(config.apiVersion),
      field_manager: stringToTerraform(config.fieldManager),
      force: booleanToTerraform(config.force),
      kind: stringToTerraform(config.kind),
      labels: hashMapper(stringToTerraform)(config.labels),
      metadata: {
        name: stringToTerraform(config.metadata.name),
        namespace: stringToTerraform(config.metadata.namespace),
      },
    };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    const config = this.config;
    return defined({
      api_version: hclString(config.apiVersion),
      field_manager: hclString(config.fieldManager),
      force: hclBoolean(config.force),
      kind: hclString(config.kind),
      labels: hclMap(config.labels),
      metadata: hclMetadata('LabelsMetadataList', {
        name: hclString(config.metadata.name),
        namespace: hclString(config.metadata.namespace),
      }),
    });
  }
}
