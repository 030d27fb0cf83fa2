import { isBuiltinRole } from './builtin-roles';
import { ROLE_KINDS, grants, policyRules } from './policy-rules';
import { COMPLIANT, NOT_APPLICABLE, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';

const GROUP = 'certificates.k8s.io';

/**
 * CIS 5.1.11: approving a CertificateSigningRequest takes update on certificatesigningrequests/approval and approve
 * on a signer (`signers`, possibly narrowed by resourceNames to signer names). With both, the subject can issue
 * itself a client certificate for any user or group, such as system:masters through kube-apiserver-client.
 */
export const K8S_RBAC_CSR_APPROVAL = defineRule({
  id: 'k8s-rbac-csr-approval',
  title: 'Roles do not grant approval of certificate signing requests',
  description: 'A Role or ClusterRole grants update (or patch) on certificatesigningrequests/approval together with approve on signers, so the subject can approve certificates it requested itself, e.g. a client certificate for system:masters.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ROLE_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.11', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:IA-5'],
  remediation: 'Leave CSR approval to the controller manager and to administrators; never give a workload both certificatesigningrequests/approval and approve on signers.',
  evaluate: (resource) => {
    if (isBuiltinRole(resource)) return NOT_APPLICABLE;
    const rules = policyRules(resource.body);
    const approval = rules.filter((r) => grants(r, GROUP, 'certificatesigningrequests/approval', ['update', 'patch']));
    const signers = rules.filter((r) => grants(r, GROUP, 'signers', ['approve']));
    if (approval.length === 0 || signers.length === 0) return COMPLIANT;
    const idx = (rs: typeof rules) => rs.map((r) => `rules[${r.index}]`).join(', ');
    const names = [...new Set(signers.flatMap((r) => r.resourceNames))];
    return nonCompliant({
      id: 'csr-approval',
      message: `${idx(approval)} grant update on certificatesigningrequests/approval and ${idx(signers)} grant approve on signers${names.length > 0 ? ` (${names.join(', ')})` : ' (any signer)'}.`,
    });
  },
});
