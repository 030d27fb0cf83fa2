/**
 * Kubernetes benchmark: checking 15,000 generated objects from YAML versus only parsing the same YAML.
 *   tsx bench/k8s-case.ts <objects> <parse-js-yaml|parse-js-yaml-go|parse-yaml|check>
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as jsyaml from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import { compiled } from './compiled';

const { checkPaths } = compiled<typeof import('../lib/compliance/check')>('compliance/check');
const { resolvePlainValue } = compiled<typeof import('../lib/compliance/loaders/goyaml')>('compliance/loaders/goyaml');

// js-yaml with go-yaml v2's resolution of plain scalars (YAML 1.1): what the checker's fast path was until 2026-12,
// kept as the yardstick that the YAML 1.1 semantics cost a parse nothing
const unsafe = { seen: false };
let lastResolved: unknown = null;
const GO_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [new jsyaml.Type('tag:secure-constructs.dev,2026:go-yaml-v2-scalar', {
    kind: 'scalar',
    resolve: (data: string) => (lastResolved = resolvePlainValue(data, unsafe)) !== data,
    construct: () => lastResolved,
  })],
});

const count = Number(process.argv[2] ?? 15000);
const mode = process.argv[3] ?? 'check';
const file = path.join(os.tmpdir(), `sc-bench-k8s-${count}.yaml`);

function generate(): void {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    const ns = `team-${i % 50}`;
    switch (i % 5) {
      case 0:
        docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: ${ns}
  labels: { app: web-${i} }
spec:
  replicas: 2
  selector: { matchLabels: { app: web-${i} } }
  template:
    metadata: { labels: { app: web-${i} } }
    spec:
      serviceAccountName: web-${i}
      automountServiceAccountToken: false
      securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: RuntimeDefault } }
      containers:
        - name: app
          image: registry.example.com/web@sha256:${'a'.repeat(64)}
          ports: [{ containerPort: 8080, name: http }]
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
          resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { memory: 256Mi } }
          livenessProbe: { httpGet: { path: /healthz, port: http } }
          readinessProbe: { httpGet: { path: /ready, port: http } }
          env: [{ name: MODE, value: production }]
`);
        break;
      case 1:
        docs.push(`apiVersion: v1
kind: Service
metadata: { name: web-${i}, namespace: ${ns} }
spec:
  selector: { app: web-${i - 1} }
  ports: [{ port: 80, targetPort: http }]
`);
        break;
      case 2:
        docs.push(`apiVersion: v1
kind: ConfigMap
metadata: { name: cfg-${i}, namespace: ${ns} }
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: "a,b,c"
`);
        break;
      case 3:
        docs.push(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader-${i}, namespace: ${ns} }
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get]
    resourceNames: [cfg-${i - 1}]
`);
        break;
      default:
        docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: allow-${i}, namespace: ${ns} }
spec:
  podSelector: { matchLabels: { app: web-${i - 4} } }
  policyTypes: [Ingress]
  ingress: [{ from: [{ podSelector: { matchLabels: { role: client } } }], ports: [{ port: 8080 }] }]
`);
    }
  }
  fs.writeFileSync(file, docs.join('---\n'));
}

if (!fs.existsSync(file)) generate();
const bytes = fs.statSync(file).size;
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
let findings = 0;
if (mode === 'parse-yaml') {
  // parsing alone with the `yaml` package (the checker's full parser, used for unusual input)
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  for (const d of Array.isArray(docs) ? docs : [docs]) d.toJS();
} else if (mode === 'parse-js-yaml') {
  // parsing alone with js-yaml (the checker's fast path), the fastest plain parse of the same text
  jsyaml.loadAll(fs.readFileSync(file, 'utf8'), () => undefined, { schema: jsyaml.CORE_SCHEMA });
} else if (mode === 'parse-js-yaml-go') {
  // the same parse with the checker's go-yaml v2 (YAML 1.1) scalar schema: the semantics must not cost the fast path
  jsyaml.loadAll(fs.readFileSync(file, 'utf8'), () => undefined, { schema: GO_SCHEMA });
} else {
  const { report } = checkPaths([file], { recordEvaluations: false }); // as `check` runs without --junit
  findings = report.findings.length;
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ objects: count, mode, mb: +(bytes / 1048576).toFixed(1), ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), findings }));
