import { K8S_MESH_ISTIO_DESTINATION_RULE_TLS } from './destination-rule-tls';
import { K8S_MESH_NAMESPACE_ENROLMENT } from './namespace-enrolment';
import { K8S_MESH_ISTIO_PEER_AUTHENTICATION_STRICT } from './peer-authentication-strict';
import { K8S_MESH_PROXY_SKIP_PORTS } from './proxy-skip-ports';
import { K8S_MESH_SIDECAR_OPT_OUT } from './sidecar-opt-out';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [
  K8S_MESH_ISTIO_PEER_AUTHENTICATION_STRICT,
  K8S_MESH_ISTIO_DESTINATION_RULE_TLS,
  K8S_MESH_SIDECAR_OPT_OUT,
  K8S_MESH_PROXY_SKIP_PORTS,
  K8S_MESH_NAMESPACE_ENROLMENT,
];
