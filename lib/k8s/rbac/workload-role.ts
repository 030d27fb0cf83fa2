import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Resource, Rule } from '../../compliance/model';
import { K8S_RBAC_ADMISSION_WEBHOOKS } from '../../compliance/rules/k8s/rbac/admission-webhooks';
import { K8S_RBAC_CREATE_PERSISTENT_VOLUMES } from '../../compliance/rules/k8s/rbac/create-persistent-volumes';
import { K8S_RBAC_CREATE_PODS } from '../../compliance/rules/k8s/rbac/create-pods';
import { K8S_RBAC_CSR_APPROVAL } from '../../compliance/rules/k8s/rbac/csr-approval';
import { K8S_RBAC_NODES_PROXY } from '../../compliance/rules/k8s/rbac/nodes-proxy';
import { K8S_RBAC_POD_EXEC } from '../../compliance/rules/k8s/rbac/pod-exec';
import { K8S_RBAC_POD_PORTFORWARD } from '../../compliance/rules/k8s/rbac/pod-portforward';
import { grants as grantsVerb, policyRules } from '../../compliance/rules/k8s/rbac/policy-rules';
import { K8S_RBAC_TOKEN_CREATE } from '../../compliance/rules/k8s/rbac/token-create';
import { PropValidator } from '../../core/errors';
import { Justification } from '../shared/justification';
import { clusterScoped } from '../shared/objects';
import { PendingOverride, applyOverrides, checkJustification } from '../shared/overrides';
import { K8S_RULE_IDS } from '../shared/rule-ids';
import { isDnsSubdomain } from '../shared/validate';
import { IHardenedWorkload } from '../workload/types';

/** One permission: verbs on one resource of one API group, optionally on named objects only. */
export interface RbacGrant {
  /** API group: "" for the core group, e.g. "apps", "batch". */
  readonly apiGroup: string;
  /** Resource (plural, lower case), optionally with a subresource: "configmaps", "pods/log". */
  readonly resource: string;
  /** Verbs, e.g. ["get", "watch"]. */
  readonly verbs: string[];
  /** Only these objects. @default - every object of the resource in scope */
  readonly resourceNames?: string[];
  /**
   * Why a risky grant is needed: wildcards, `escalate`/`bind`/`impersonate`, reading secrets
   * without resourceNames, `pods/exec`/`pods/attach`/`pods/ephemeralcontainers`, `pods/portforward`, `nodes/proxy`, creating pods or
   * workload controllers, PersistentVolumes or service account tokens, writing admission configuration.
   * Recorded and shown in the report.
   * @default - risky grants are refused
   */
  readonly justification?: Justification;
}

/** Props of WorkloadRole. */
export interface WorkloadRoleProps {
  /** The workload whose ServiceAccount gets the permissions. */
  readonly workload: IHardenedWorkload;
  /** The permissions (at least one). */
  readonly grants: RbacGrant[];
  /**
   * Grant cluster-wide (ClusterRole + ClusterRoleBinding) instead of in the workload's namespace,
   * with a reason. @default - namespaced Role + RoleBinding
   */
  readonly clusterWide?: Justification;
}

/** Verbs the API server knows. */
const RBAC_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'escalate', 'bind', 'impersonate', 'use', 'approve', 'sign'];
const ESCALATION = ['escalate', 'bind', 'impersonate'];
/** Cluster-scoped resources: a namespaced Role cannot grant them. */
const CLUSTER_SCOPED = ['nodes', 'namespaces', 'persistentvolumes', 'clusterroles', 'clusterrolebindings', 'customresourcedefinitions', 'storageclasses', 'priorityclasses', 'validatingwebhookconfigurations', 'mutatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings', 'certificatesigningrequests', 'csinodes', 'csidrivers', 'ingressclasses', 'runtimeclasses', 'apiservices'];
const RESOURCE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\/[a-z]+)?$/;

/**
 * Further risky grants, decided by the compliance rules themselves (one policy rule at a time), so that the
 * construct refuses exactly what the pack reports: creating pods or workloads, nodes/proxy, writing admission
 * configuration, minting service account tokens, creating PersistentVolumes, pods/portforward, pods/exec, pods/attach
 * and pods/ephemeralcontainers.
 */
const RULE_CHECKED_RISKS: readonly Rule[] = [
  K8S_RBAC_CREATE_PODS, K8S_RBAC_NODES_PROXY, K8S_RBAC_ADMISSION_WEBHOOKS, K8S_RBAC_TOKEN_CREATE,
  K8S_RBAC_CREATE_PERSISTENT_VOLUMES, K8S_RBAC_POD_PORTFORWARD, K8S_RBAC_POD_EXEC,
];

function ruleCheckedRisks(index: number, rule: k8s.PolicyRule): { rule: string; what: string }[] {
  const rules: unknown[] = Array.from({ length: index + 1 }, () => null);
  rules[index] = rule;
  const resource = { platform: 'k8s', type: 'Role', key: 'Role//grant', name: 'grant', objectName: 'grant', body: { rules }, suppressions: [], overrides: [] } as Resource;
  const out: { rule: string; what: string }[] = [];
  for (const r of RULE_CHECKED_RISKS) {
    const result = r.evaluate(resource, undefined as any); // role rules read only the role
    if (result.outcome !== 'non-compliant') continue;
    const message = result.findings[0]?.message ?? r.title;
    out.push({ rule: r.id, what: message.replace(/^rules\[\d+\] \([^)]*\) /, '').replace(/\.$/, '') });
  }
  return out;
}

/** Indexes of the grants that together approve CSRs (update on certificatesigningrequests/approval + approve on signers). */
function csrApprovalHalves(grants: readonly RbacGrant[]): Set<number> {
  const rules = grants.map((g) => ({
    apiGroups: [g?.apiGroup],
    resources: [g?.resource],
    verbs: Array.isArray(g?.verbs) ? [...g.verbs] : [],
    ...(g?.resourceNames ? { resourceNames: [...g.resourceNames] } : {}),
  }));
  const resource = { platform: 'k8s', type: 'Role', key: 'Role//grants', name: 'grants', objectName: 'grants', body: { rules }, suppressions: [], overrides: [] } as Resource;
  if (K8S_RBAC_CSR_APPROVAL.evaluate(resource, undefined as any).outcome !== 'non-compliant') return new Set();
  const parsed = policyRules(resource.body);
  const out = new Set<number>();
  for (const r of parsed) {
    if (grantsVerb(r, 'certificates.k8s.io', 'certificatesigningrequests/approval', ['update', 'patch']) || grantsVerb(r, 'certificates.k8s.io', 'signers', ['approve'])) out.add(r.index);
  }
  return out;
}

/**
 * Least-privilege RBAC for one workload: a Role with exactly the listed grants, bound to the
 * workload's ServiceAccount by a RoleBinding in the workload's namespace.
 *
 * Refused unless the grant carries a justification: wildcards, `escalate`, `bind`, `impersonate`,
 * reading secrets without `resourceNames`, `pods/exec` and `pods/attach`, and the grants the RBAC rules report
 * (create on pods or workloads, nodes/proxy, admission configuration, tokens, PersistentVolumes, port-forward). A ClusterRoleBinding needs
 * `clusterWide` with a reason. Justifications are recorded and suppress the matching finding only
 * (`RuleId[rule:<index>]`).
 *
 * The workload must mount a token to use the permissions (`mountServiceAccountToken` with a reason).
 */
export class WorkloadRole extends Construct {
  /** The Role (or ClusterRole). */
  public readonly role: ApiObject;
  /** The RoleBinding (or ClusterRoleBinding). */
  public readonly binding: ApiObject;

  constructor(scope: Construct, id: string, props: WorkloadRoleProps) {
    super(scope, id);
    const v = new PropValidator(this);
    const w = props?.workload;
    v.require(!!w?.serviceAccountName, 'workload', 'is not a hardened workload.', 'Pass a HardenedDeployment, HardenedStatefulSet, HardenedJob or HardenedCronJob.');
    v.throwIfInvalid();
    const namespace = w.workloadNamespace;
    v.require(namespace !== undefined, 'workload', `workload "${w.workloadName}" has no namespace; a RoleBinding must name the namespace of its ServiceAccount.`, 'Set `namespaceName` on the workload (or a namespace on the chart).');
    const cluster = checkJustification(v, 'clusterWide', props.clusterWide, [K8S_RULE_IDS.RBAC_CLUSTER_BINDING]);
    const grants = Array.isArray(props.grants) ? props.grants : [];
    v.require(grants.length > 0, 'grants', 'is empty.', 'List the permissions the workload needs, e.g. { apiGroup: "", resource: "configmaps", verbs: ["get"], resourceNames: ["app-config"] }.');

    const roleOverrides: PendingOverride[] = [];
    const csrHalves = csrApprovalHalves(grants);
    const rules: k8s.PolicyRule[] = grants.map((g, i) => {
      const p = `grants[${i}]`;
      const verbs = Array.isArray(g?.verbs) ? g.verbs : [];
      const names = g?.resourceNames ?? [];
      v.require(g?.apiGroup === '' || g?.apiGroup === '*' || isDnsSubdomain(g?.apiGroup), `${p}.apiGroup`, `${JSON.stringify(g?.apiGroup)} is not an API group.`, 'Use "" for the core group, or e.g. "apps".');
      v.require(g?.resource === '*' || (typeof g?.resource === 'string' && RESOURCE.test(g.resource)), `${p}.resource`, `${JSON.stringify(g?.resource)} is not a resource.`, 'Use the plural, lower-case name, e.g. "configmaps" or "pods/log".');
      v.require(verbs.length > 0, `${p}.verbs`, 'is empty.', 'List the verbs, e.g. ["get"].');
      for (const verb of verbs) v.require(verb === '*' || RBAC_VERBS.includes(verb), `${p}.verbs`, `"${verb}" is not an RBAC verb.`, `Use ${RBAC_VERBS.join(', ')}.`);
      v.require(Array.isArray(names) && names.every((n) => typeof n === 'string' && n !== '' && n !== '*'), `${p}.resourceNames`, 'must be a list of object names ("*" is not a wildcard here).', 'List the names, or leave resourceNames out.');
      if (!cluster && CLUSTER_SCOPED.includes(String(g?.resource).split('/')[0])) {
        v.fail(`${p}.resource`, `"${g.resource}" is cluster-scoped; a namespaced Role cannot grant it.`, 'Drop the grant, or use clusterWide with a reason.');
      }

      // risky grants: each needs the justification; it suppresses exactly this rule's finding
      const risks: { rule: string; what: string }[] = [];
      const wildcardFields = (['apiGroup', 'resource'] as const).filter((f) => g?.[f] === '*');
      if (verbs.includes('*')) wildcardFields.push('verbs' as any);
      if (wildcardFields.length > 0) risks.push({ rule: K8S_RULE_IDS.RBAC_WILDCARD, what: `uses "*" in ${wildcardFields.join(', ')}` });
      const esc = verbs.filter((x) => ESCALATION.includes(x) || x === '*');
      if (esc.length > 0) risks.push({ rule: K8S_RULE_IDS.RBAC_ESCALATION, what: `grants ${esc.includes('*') ? 'every verb, including escalate, bind and impersonate' : esc.join(', ')}` });
      const coversGroup = g?.apiGroup === '' || g?.apiGroup === '*';
      const covers = (res: string) => g?.resource === '*' || g?.resource === res;
      const readVerbs = verbs.filter((x) => ['get', 'list', 'watch', '*'].includes(x));
      if (coversGroup && covers('secrets') && readVerbs.length > 0 && names.length === 0) {
        risks.push({ rule: K8S_RULE_IDS.RBAC_SECRETS, what: `reads every Secret in scope (${readVerbs.join(', ')} without resourceNames)` });
      }
      const policyRule = {
        apiGroups: [g?.apiGroup], resources: [g?.resource], verbs: [...verbs], ...(names.length > 0 ? { resourceNames: [...names] } : {}),
      };
      risks.push(...ruleCheckedRisks(i, policyRule));
      if (csrHalves.has(i)) risks.push({ rule: `${K8S_RBAC_CSR_APPROVAL.id}[csr-approval]`, what: 'approves certificate signing requests (with the grants of the other half: certificatesigningrequests/approval and signers approve)' });
      const justified = checkJustification(v, `${p}.justification`, g?.justification, risks.map((r) => (r.rule.includes('[') ? r.rule : `${r.rule}[rule:${i}]`)));
      if (risks.length > 0 && g?.justification === undefined) {
        for (const r of risks) v.fail(p, `${r.what}.`, 'Narrow the grant (exact verbs, resources and resourceNames), or give justification.reason.');
      } else if (risks.length === 0 && g?.justification !== undefined) {
        v.fail(`${p}.justification`, 'is set but the grant is not risky.', 'Remove justification.');
      } else if (justified) {
        roleOverrides.push({ ...justified, property: `grants[${i}]` });
      }
      return {
        apiGroups: [g?.apiGroup],
        resources: [g?.resource],
        verbs: [...verbs],
        ...(names.length > 0 ? { resourceNames: [...names] } : {}),
      };
    });
    v.throwIfInvalid();

    const subject = { kind: 'ServiceAccount', name: w.serviceAccountName, namespace: namespace! };
    if (cluster) {
      this.role = new k8s.KubeClusterRole(this, 'Resource', { rules });
      this.binding = new k8s.KubeClusterRoleBinding(this, 'Binding', {
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: this.role.name },
        subjects: [subject],
      });
      clusterScoped(this.role);
      clusterScoped(this.binding);
      applyOverrides(this.binding, [cluster]);
    } else {
      this.role = new k8s.KubeRole(this, 'Resource', { metadata: { namespace }, rules });
      this.binding = new k8s.KubeRoleBinding(this, 'Binding', {
        metadata: { namespace },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: this.role.name },
        subjects: [subject],
      });
    }
    applyOverrides(this.role, roleOverrides);
  }
}
