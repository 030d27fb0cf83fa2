import { RuleFinding, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { arr, obj, str } from '../pod';
import { BINDING_KINDS } from './policy-rules';

/** Identities every request (or every authenticated one) has, and the group that bypasses authorization. */
export const SYSTEM_SUBJECTS: Readonly<Record<string, string>> = {
  'system:anonymous': 'every unauthenticated request',
  'system:unauthenticated': 'every unauthenticated request',
  'system:authenticated': 'every authenticated user and service account',
  'system:masters': 'a group that bypasses RBAC entirely',
  'system:serviceaccounts': 'every service account of every namespace, i.e. every workload of the cluster',
};

/**
 * A binding to system:anonymous / system:unauthenticated opens the API to anyone who can reach it; to
 * system:authenticated, to every identity of the cluster (and, on some managed clusters, of the cloud); to
 * system:masters, a group no RBAC rule can restrict (CIS 5.1.7); to system:serviceaccounts, to every workload of every
 * namespace (one namespace's `system:serviceaccounts:<ns>` is not reported). Matched by name whatever the subject kind.
 */
export const K8S_RBAC_SYSTEM_GROUP_BINDING = defineRule({
  id: 'k8s-rbac-system-group-binding',
  title: 'Nothing is bound to anonymous, all-authenticated or system:masters subjects',
  description: 'A RoleBinding or ClusterRoleBinding grants a role to system:anonymous, system:unauthenticated, system:authenticated, system:masters or system:serviceaccounts, i.e. to anyone who reaches the API, to every identity, to a group RBAC cannot restrict, or to every workload of the cluster.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: BINDING_KINDS,
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.7', 'NIST-800-53-R5:AC-3', 'NIST-800-53-R5:AC-6', 'NIST-800-53-R5:AC-14'],
  remediation: 'Bind roles to named users, groups of your identity provider or service accounts; never to system:anonymous, system:unauthenticated, system:authenticated, system:masters or system:serviceaccounts.',
  evaluate: (resource) => {
    const findings: RuleFinding[] = [];
    for (const s of arr(obj(resource.body)?.subjects)) {
      const name = str(obj(s)?.name);
      if (name === undefined || !Object.prototype.hasOwnProperty.call(SYSTEM_SUBJECTS, name)) continue;
      const kind = str(obj(s)?.kind) ?? 'subject';
      findings.push({ id: `${kind}:${name}`, message: `${resource.type} grants its role to ${kind} ${name} (${SYSTEM_SUBJECTS[name]}).` });
    }
    return fromFindings(findings);
  },
});
