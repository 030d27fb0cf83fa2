/** Workloads in namespace shop: a privileged Deployment with a mutable tag, and a host-network debug Pod whose finding is suppressed. */
export const SHOP_WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: "nginx:latest", securityContext: { privileged: true } }]
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: shop
  annotations:
    secure-constructs.dev/suppressions: '[{"id":"k8s-pss-host-namespaces","reason":"debug pod, deleted after the incident"}]'
spec:
  hostNetwork: true
  containers: [{ name: c, image: "busybox@sha256:${'b'.repeat(64)}" }]
`;

/** The Namespace object of shop. */
export const SHOP_NAMESPACE = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
`;
