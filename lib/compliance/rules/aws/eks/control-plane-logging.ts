import { fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { Findings, valuesOf } from '../../../values/cfn-values';
import { asList, obj } from '../../../values/json';

/** The control-plane log types EKS can send to CloudWatch Logs. */
export const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/** Every control-plane log type is sent to CloudWatch Logs (one finding per missing type, id `log:<type>`). */
export const AWS_EKS_CONTROL_PLANE_LOGGING = defineRule({
  id: 'aws-eks-control-plane-logging',
  title: 'EKS clusters send every control-plane log type to CloudWatch Logs',
  description: 'An EKS cluster does not enable all of the api, audit, authenticator, controllerManager and scheduler control-plane logs, so API calls and access decisions are not recorded.',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::EKS::Cluster'],
  controls: ['NIST-800-53-R5:AU-2', 'NIST-800-53-R5:AU-12', 'PCI-DSS-3.2.1:10.2', 'HIPAA:164.312(b)', 'CIS-K8S:5.1.1'],
  remediation: 'Enable every type in Logging.ClusterLogging.EnabledTypes (SecureCluster does, into a KMS-encrypted log group kept for a year).',
  evaluate: (resource, context) => {
    const findings = new Findings();
    for (const a of valuesOf(resource, context).alts('Logging.ClusterLogging.EnabledTypes')) {
      const enabled = new Set(asList(a.value).map((e) => obj(e)?.Type).filter((t): t is string => typeof t === 'string'));
      for (const t of EKS_LOG_TYPES) if (!enabled.has(t)) findings.fail(`log:${t}`, `log:${t}`, `The ${t} control-plane log is not enabled.`, a);
    }
    return fromFindings(findings.list());
  },
});
