/**
 * The manifests of the policy examples (README, docs/config.md): a hardened namespace with two Deployments, `web`
 * (passes everything: pinned image, team label) and `legacy-batch` (hardened, but its image is not pinned by digest
 * and it has no team label).
 */
export const SHOP_MANIFESTS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: shop }
spec: { podSelector: {}, policyTypes: [Ingress, Egress] }
---
${['web', 'legacy-batch'].map((name) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
  labels: { ${name === 'web' ? 'team: payments' : 'app: batch'} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      serviceAccountName: ${name}
      automountServiceAccountToken: false
      securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
      containers:
        - name: ${name === 'web' ? 'web' : 'batch'}
          image: ${name === 'web' ? 'registry.example.com/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' : 'registry.example.com/batch:7'}
          imagePullPolicy: Always
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
          resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { cpu: 500m, memory: 256Mi, ephemeral-storage: 1Gi } }
          readinessProbe: { httpGet: { path: /healthz, port: 8080 } }
          livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
`).join('---\n')}`;

