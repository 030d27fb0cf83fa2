import { K8S_NETWORK_ALLOW_ALL_POLICY } from './allow-all-policy';
import { K8S_NETWORK_DEFAULT_DENY } from './default-deny';
import { K8S_NETWORK_EXPOSED_SERVICE } from './exposed-service';
import { K8S_NETWORK_EXTERNAL_IPS } from './external-ips';
import { K8S_NETWORK_GATEWAY_TLS } from './gateway-tls';
import { K8S_NETWORK_INGRESS_NGINX_SNIPPETS } from './ingress-nginx-snippets';
import { K8S_NETWORK_INGRESS_TLS } from './ingress-tls';
import { K8S_NETWORK_LOAD_BALANCER_TLS } from './load-balancer-tls';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [
  K8S_NETWORK_ALLOW_ALL_POLICY, K8S_NETWORK_DEFAULT_DENY, K8S_NETWORK_EXPOSED_SERVICE, K8S_NETWORK_EXTERNAL_IPS, K8S_NETWORK_GATEWAY_TLS,
  K8S_NETWORK_INGRESS_NGINX_SNIPPETS, K8S_NETWORK_INGRESS_TLS, K8S_NETWORK_LOAD_BALANCER_TLS,
];
