import { isStageWide, restStages, settingLabel, unknownValue } from './apigw-stages';
import { NOT_APPLICABLE, fromFindings } from '../../../model';
import { defineRule } from '../../../rule';
import { display } from '../../../values/cfn-resolve';
import { Findings } from '../../../values/cfn-values';
import { isFalse, isTrue } from '../../../values/json';

/**
 * Cached API responses are encrypted: every method setting with `CachingEnabled` true has `CacheDataEncrypted` true
 * (`cache:<METHOD> <path>`), and a stage with a cache cluster (`CacheClusterEnabled`) encrypts the stage-wide setting
 * unless that setting turns caching off (`cache:*`). Stages without a cache are compliant.
 */
export const AWS_EDGE_APIGW_CACHE_ENCRYPTED = defineRule({
  id: 'aws-edge-apigw-cache-encrypted',
  title: 'API Gateway caches are encrypted',
  description: 'An API Gateway REST stage caches responses without encrypting the cache (CacheDataEncrypted not true).',
  severity: 'error',
  platform: 'aws',
  appliesTo: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'],
  controls: ['NIST-800-53-R5:SC-28', 'NIST-800-53-R5:SC-28(1)', 'PCI-DSS-3.2.1:3.4', 'HIPAA:164.312(a)(2)(iv)', 'AWS-CT:CT.APIGATEWAY.PR.3'],
  remediation: 'Set CacheDataEncrypted true in every method setting that enables caching (SecureRestApi always does when cacheClusterEnabled).',
  evaluate: (resource, context) => {
    const stages = restStages(resource, context);
    if (stages.length === 0) return NOT_APPLICABLE;
    const findings = new Findings();
    for (const st of stages) {
      const settings = st.value.methodSettings;
      for (const m of settings) {
        const label = settingLabel(m);
        if (unknownValue(m.CachingEnabled) || (isTrue(m.CachingEnabled) && unknownValue(m.CacheDataEncrypted))) {
          findings.unverified(`m:${label}`, `cache:${label}`, `the cache settings of ${label} (${display(m.CachingEnabled)}, ${display(m.CacheDataEncrypted)}) are not known before deployment.`, st);
        } else if (isTrue(m.CachingEnabled) && !isTrue(m.CacheDataEncrypted)) {
          findings.fail(`m:${label}`, `cache:${label}`, `The method setting for ${label} caches responses without CacheDataEncrypted.`, st);
        }
      }
      const cluster = st.value.props.CacheClusterEnabled;
      if (unknownValue(cluster)) {
        findings.unverified('m:*', 'cache:*', `CacheClusterEnabled is ${display(cluster)}.`, st);
      } else if (isTrue(cluster)) {
        const wide = settings.filter(isStageWide);
        const safe = wide.some((m) => isTrue(m.CacheDataEncrypted) || isFalse(m.CachingEnabled));
        if (!safe) findings.fail('m:*', 'cache:*', 'The stage has a cache cluster but its stage-wide method setting (* /*) does not set CacheDataEncrypted true.', st);
      }
    }
    return fromFindings(findings.list());
  },
});
