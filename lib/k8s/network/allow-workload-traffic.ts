import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { checkNamespaces, policyMeta, policyPorts, resolvePorts, workloadPeer } from './peers';
import { PropValidator } from '../../core/errors';
import { IHardenedWorkload } from '../workload/types';

/** Props of AllowWorkloadTraffic. */
export interface AllowWorkloadTrafficProps {
  /** The client workload (traffic goes from it). */
  readonly client: IHardenedWorkload;
  /** The server workload (traffic goes to it). */
  readonly server: IHardenedWorkload;
  /** Names of the server's container ports to open (at least one). */
  readonly ports: string[];
}

/**
 * Allows traffic from one workload's pods to another's, on named ports: an ingress policy on the
 * server (from the client's pods only) and an egress policy on the client (to the server's pods
 * only). Works across namespaces. Nothing else is opened.
 */
export class AllowWorkloadTraffic extends Construct {
  /** The ingress NetworkPolicy on the server. */
  public readonly ingressPolicy: ApiObject;
  /** The egress NetworkPolicy on the client. */
  public readonly egressPolicy: ApiObject;

  constructor(scope: Construct, id: string, props: AllowWorkloadTrafficProps) {
    super(scope, id);
    const v = new PropValidator(this);
    v.require(!!props?.client?.podSelectorLabels, 'client', 'is not a hardened workload.', 'Pass a HardenedDeployment, HardenedStatefulSet, HardenedJob or HardenedCronJob.');
    v.require(!!props?.server?.podSelectorLabels, 'server', 'is not a hardened workload.', 'Pass a HardenedDeployment, HardenedStatefulSet, HardenedJob or HardenedCronJob.');
    v.throwIfInvalid();
    const { client: from, server: to } = props;
    v.require(from !== to, 'server', 'is the same workload as client.', 'Pods of one workload talking to each other need a policy naming both directions; use two distinct workloads.');
    checkNamespaces(v, from, to);
    const ports = resolvePorts(v, 'ports', to, props.ports);
    v.throwIfInvalid();

    this.ingressPolicy = new k8s.KubeNetworkPolicy(this, 'Ingress', {
      metadata: policyMeta(to),
      spec: {
        podSelector: { matchLabels: { ...to.podSelectorLabels } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [workloadPeer(from, to.workloadNamespace)], ports: policyPorts(ports) }],
      },
    });
    this.egressPolicy = new k8s.KubeNetworkPolicy(this, 'Egress', {
      metadata: policyMeta(from),
      spec: {
        podSelector: { matchLabels: { ...from.podSelectorLabels } },
        policyTypes: ['Egress'],
        egress: [{ to: [workloadPeer(to, from.workloadNamespace)], ports: policyPorts(ports) }],
      },
    });
  }
}
