/**
 * JSON schemas of the Linkerd policy CRDs the library emits (no @kubernetes-models package exists
 * for Linkerd). Written from the openAPIV3Schema of the CRDs in linkerd/linkerd2
 * charts/linkerd-crds/templates/policy/{server,meshtls-authentication,authorization-policy}.yaml:
 * Server policy.linkerd.io/v1beta3 (storage version), MeshTLSAuthentication and AuthorizationPolicy
 * policy.linkerd.io/v1alpha1. `x-kubernetes-int-or-string` is expressed as integer-or-string; `proxyProtocol`
 * is narrowed to the values the Linkerd docs list (the CRD only says string).
 */
const labelSelector = {
  type: 'object',
  properties: {
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'operator'],
        properties: {
          key: { type: 'string' },
          operator: { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
          values: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};
const group = { type: 'string', maxLength: 253, pattern: '^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$' };
const kind = { type: 'string', minLength: 1, maxLength: 63, pattern: '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$' };
const name = { type: 'string', minLength: 1, maxLength: 253 };
const objectWith = (spec: object) => ({
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: { metadata: { type: 'object', required: ['name'] }, spec },
});

export const LINKERD_SCHEMAS: Record<string, object> = {
  'policy.linkerd.io/v1beta3/Server': objectWith({
    type: 'object',
    required: ['port'],
    oneOf: [{ required: ['podSelector'] }, { required: ['externalWorkloadSelector'] }],
    properties: {
      accessPolicy: { type: 'string' },
      podSelector: labelSelector,
      externalWorkloadSelector: labelSelector,
      port: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
      proxyProtocol: { enum: ['unknown', 'HTTP/1', 'HTTP/2', 'gRPC', 'opaque', 'TLS'] },
    },
  }),
  'policy.linkerd.io/v1alpha1/MeshTLSAuthentication': objectWith({
    type: 'object',
    oneOf: [{ required: ['identities'] }, { required: ['identityRefs'] }],
    properties: {
      identities: { type: 'array', minItems: 1, items: { type: 'string' } },
      identityRefs: {
        type: 'array',
        minItems: 1,
        items: { type: 'object', required: ['kind'], properties: { group, kind, name, namespace: { type: 'string', maxLength: 253 } } },
      },
    },
  }),
  'policy.linkerd.io/v1alpha1/AuthorizationPolicy': objectWith({
    type: 'object',
    required: ['targetRef', 'requiredAuthenticationRefs'],
    properties: {
      targetRef: { type: 'object', required: ['kind', 'name'], properties: { group, kind, name } },
      requiredAuthenticationRefs: {
        type: 'array',
        items: { type: 'object', required: ['kind', 'name'], properties: { group, kind, name, namespace: { type: 'string', maxLength: 253 } } },
      },
    },
  }),
};
