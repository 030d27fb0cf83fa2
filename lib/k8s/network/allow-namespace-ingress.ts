import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { policyMeta, policyPorts, resolvePorts } from './peers';
import { PropValidator } from '../../core/errors';
import { checkLabels, isDnsLabel } from '../shared/validate';
import { IHardenedWorkload } from '../workload/types';

/** Props of AllowNamespaceIngress. */
export interface AllowNamespaceIngressProps {
  /** The server workload. */
  readonly server: IHardenedWorkload;
  /** Name of the namespace the clients run in (matched on the `kubernetes.io/metadata.name` label). */
  readonly clientNamespace: string;
  /** Only pods of that namespace with these labels. @default - every pod of the namespace */
  readonly clientPodLabels?: { [key: string]: string };
  /** Names of the server's container ports to open (at least one). */
  readonly ports: string[];
}

/**
 * Allows ingress to a workload from the pods of another namespace (e.g. the ingress controller's),
 * on named ports. The other namespace's egress is that namespace's business.
 */
export class AllowNamespaceIngress extends Construct {
  /** The ingress NetworkPolicy on the server. */
  public readonly ingressPolicy: ApiObject;

  constructor(scope: Construct, id: string, props: AllowNamespaceIngressProps) {
    super(scope, id);
    const v = new PropValidator(this);
    v.require(!!props?.server?.podSelectorLabels, 'server', 'is not a hardened workload.', 'Pass a HardenedDeployment, HardenedStatefulSet, HardenedJob or HardenedCronJob.');
    v.throwIfInvalid();
    v.require(isDnsLabel(props.clientNamespace), 'clientNamespace', `${JSON.stringify(props.clientNamespace)} is not a namespace name.`, 'Give the name of the client namespace, e.g. "ingress-nginx".');
    checkLabels(v, 'clientPodLabels', props.clientPodLabels);
    const ports = resolvePorts(v, 'ports', props.server, props.ports);
    v.throwIfInvalid();
    const labels = props.clientPodLabels ?? {};
    this.ingressPolicy = new k8s.KubeNetworkPolicy(this, 'Ingress', {
      metadata: policyMeta(props.server),
      spec: {
        podSelector: { matchLabels: { ...props.server.podSelectorLabels } },
        policyTypes: ['Ingress'],
        ingress: [{
          from: [{
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': props.clientNamespace } },
            ...(Object.keys(labels).length > 0 ? { podSelector: { matchLabels: { ...labels } } } : {}),
          }],
          ports: policyPorts(ports),
        }],
      },
    });
  }
}
