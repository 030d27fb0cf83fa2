import { COMPLIANT, nonCompliant } from '../../../model';
import { defineRule } from '../../../rule';
import { obj, str } from '../pod';

/** The Secret type the legacy token controller fills with a non-expiring ServiceAccount token. */
export const SERVICE_ACCOUNT_TOKEN_TYPE = 'kubernetes.io/service-account-token';

/**
 * A Secret of type kubernetes.io/service-account-token asks the token controller for a long-lived API token of a
 * ServiceAccount: it never expires, is not bound to a pod or an audience, and stays valid until the Secret is
 * deleted. Pods get short-lived, audience-bound tokens from the TokenRequest API (projected volumes) instead.
 * Reported whether or not the Secret carries data (the controller fills it in the cluster).
 */
export const K8S_SECRETS_SERVICE_ACCOUNT_TOKEN = defineRule({
  id: 'k8s-secrets-service-account-token',
  title: 'No long-lived ServiceAccount token Secrets',
  description: 'A Secret of type kubernetes.io/service-account-token makes the cluster issue a ServiceAccount API token that never expires and is bound to no pod or audience; '
    + 'whoever can read the Secret can act as the ServiceAccount until the Secret is deleted.',
  severity: 'error',
  platform: 'k8s',
  appliesTo: ['Secret'],
  controls: ['NSA-CISA:authentication-authorization', 'CIS-K8S:5.1.6', 'NIST-800-53-R5:IA-5', 'NIST-800-53-R5:AC-2'],
  remediation: 'Delete the Secret and use short-lived tokens: a projected serviceAccountToken volume (with audience and expirationSeconds) in the pod, '
    + 'or `kubectl create token <serviceaccount> --duration=...` for clients outside the cluster.',
  evaluate: (resource) => {
    const body = obj(resource.body);
    const type = str(body?.type);
    if (type?.trim() !== SERVICE_ACCOUNT_TOKEN_TYPE) return COMPLIANT;
    const sa = str(obj(obj(body?.metadata)?.annotations)?.['kubernetes.io/service-account.name']);
    return nonCompliant({
      id: 'type',
      message: `Secret type is ${SERVICE_ACCOUNT_TOKEN_TYPE}: a long-lived API token${sa ? ` of ServiceAccount "${sa}"` : ''} that never expires.`,
    });
  },
});
