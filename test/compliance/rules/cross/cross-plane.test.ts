import { runEngine } from '../../../../lib/compliance/engine';
import { templateResources } from '../../../../lib/compliance/loaders/cloudformation';
import { parseManifests } from '../../../../lib/compliance/loaders/kubernetes';
import { CROSS_RULES } from '../../../../lib/compliance/rules';

const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

function template(opts: { sub?: string; aud?: string; like?: boolean; secretName?: string; grant?: boolean } = {}) {
  const sub = opts.sub ?? 'system:serviceaccount:shop:api';
  const op = opts.like ? 'StringLike' : 'StringEquals';
  return {
    Resources: {
      ApiRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: 'shop-api',
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{
              Effect: 'Allow',
              Action: 'sts:AssumeRoleWithWebIdentity',
              Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` },
              Condition: { [op]: { [`${ISSUER}:sub`]: sub, [`${ISSUER}:aud`]: opts.aud ?? 'sts.amazonaws.com' } },
            }],
          },
        },
      },
      DbSecret: { Type: 'AWS::SecretsManager::Secret', Properties: { Name: opts.secretName ?? 'shop/db' } },
      ...(opts.grant === false ? {} : {
        ApiRolePolicy: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            Roles: [{ Ref: 'ApiRole' }],
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: { Ref: 'DbSecret' } }] },
          },
        },
      }),
    },
  };
}

function manifests(opts: { ns?: string; sa?: string; key?: string; workloadSa?: string } = {}) {
  const ns = opts.ns ?? 'shop';
  const sa = opts.sa ?? 'api';
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${sa}
  namespace: ${ns}
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/shop-api
---
apiVersion: external-secrets.io/v1
kind: SecretStore
metadata: { name: aws, namespace: ${ns} }
spec:
  provider:
    aws:
      service: SecretsManager
      region: eu-west-1
      auth: { jwt: { serviceAccountRef: { name: ${sa} } } }
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: { name: db, namespace: ${ns} }
spec:
  secretStoreRef: { name: aws, kind: SecretStore }
  target: { name: db }
  data:
    - secretKey: password
      remoteRef: { key: ${opts.key ?? 'shop/db'} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: ${ns} }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      serviceAccountName: ${opts.workloadSa ?? sa}
      containers: [{ name: api, image: "registry.example.com/api@sha256:${'a'.repeat(64)}" }]
`;
}

function run(t: any, m: string) {
  const aws = templateResources('app.template.json', 'App', t, new Map()).resources;
  const k8s = parseManifests('app.yaml', m).resources;
  return runEngine(CROSS_RULES, [...aws, ...k8s]).findings.map((f) => `${f.ruleId}[${f.findingId ?? ''}]`).sort();
}

describe('cross-plane rules', () => {
  test('silent when trust policy, annotation, grants and workload agree', () => {
    expect(run(template(), manifests())).toEqual([]);
  });

  test('a wrong namespace is caught (trust names another namespace)', () => {
    expect(run(template(), manifests({ ns: 'other' }))).toEqual([
      'aws-cross-unused-workload-role[system:serviceaccount:shop:api]',
      'k8s-cross-service-account-role-trust[role:shop-api]',
    ]);
  });

  test('a wrong service account is caught', () => {
    expect(run(template({ sub: 'system:serviceaccount:shop:worker' }), manifests())).toEqual([
      'aws-cross-unused-workload-role[system:serviceaccount:shop:worker]',
      'k8s-cross-service-account-role-trust[role:shop-api]',
    ]);
  });

  test('a wildcard subject (StringLike) is never an exact match', () => {
    expect(run(template({ sub: 'system:serviceaccount:shop:*', like: true }), manifests())).toContain('k8s-cross-service-account-role-trust[role:shop-api]');
  });

  test('a wrong audience is caught', () => {
    expect(run(template({ aud: 'sts.example.com' }), manifests())).toEqual(['k8s-cross-service-account-role-trust[role:shop-api:aud]']);
  });

  test('a secret the role cannot read is caught (other key, or no grant at all)', () => {
    expect(run(template(), manifests({ key: 'shop/other' }))).toEqual(['k8s-cross-external-secret-readable[secret:shop/other]']);
    expect(run(template({ grant: false }), manifests())).toEqual(['k8s-cross-external-secret-readable[secret:shop/db]']);
  });

  test('a role trusted by a service account no workload uses', () => {
    expect(run(template(), manifests({ workloadSa: 'default' }))).toEqual(['aws-cross-unused-workload-role[system:serviceaccount:shop:api]']);
  });

  test('a workload outside the built-in kinds (an Argo Rollout) counts as using its service account', () => {
    const rollout = `---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: api-rollout, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      serviceAccountName: api
      containers: [{ name: api, image: "registry.example.com/api@sha256:${'a'.repeat(64)}" }]
`;
    expect(run(template(), manifests({ workloadSa: 'default' }) + rollout)).toEqual([]);
  });

  test('not applicable when only one plane is checked', () => {
    const k8s = parseManifests('app.yaml', manifests({ ns: 'other' })).resources;
    expect(runEngine(CROSS_RULES, k8s).findings).toEqual([]);
    const aws = templateResources('t.json', 'App', template(), new Map()).resources;
    expect(runEngine(CROSS_RULES, aws).findings).toEqual([]);
  });
});

describe('EKS Pod Identity associations against the manifests', () => {
  function podIdentityTemplate(opts: { namespace?: string; sa?: string; tagSession?: boolean; roleArn?: any } = {}) {
    const actions = opts.tagSession === false ? ['sts:AssumeRole'] : ['sts:AssumeRole', 'sts:TagSession'];
    return {
      Resources: {
        ApiRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: 'shop-api',
            AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: actions, Principal: { Service: 'pods.eks.amazonaws.com' } }] },
          },
        },
        Assoc: {
          Type: 'AWS::EKS::PodIdentityAssociation',
          Properties: { ClusterName: 'prod', Namespace: opts.namespace ?? 'shop', ServiceAccount: opts.sa ?? 'api', RoleArn: opts.roleArn ?? { 'Fn::GetAtt': ['ApiRole', 'Arn'] } },
        },
      },
    };
  }
  const workload = (sa: string) => `apiVersion: v1
kind: ServiceAccount
metadata: { name: api, namespace: shop }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: shop }
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: ${sa}
          containers: [{ name: r, image: "registry.example.com/r@sha256:${'b'.repeat(64)}" }]
`;

  test('silent when the ServiceAccount exists, a workload runs as it and the role trusts the agent', () => {
    expect(run(podIdentityTemplate(), workload('api'))).toEqual([]);
    expect(run(podIdentityTemplate({ roleArn: 'arn:aws:iam::123456789012:role/shop-api' }), workload('api'))).toEqual([]);
  });

  test('a wrong namespace or service account: no such ServiceAccount', () => {
    expect(run(podIdentityTemplate({ namespace: 'other' }), workload('api'))).toEqual(['aws-cross-pod-identity-association[service-account:other/api]']);
    expect(run(podIdentityTemplate({ sa: 'worker' }), workload('api'))).toEqual(['aws-cross-pod-identity-association[service-account:shop/worker]']);
  });

  test('a ServiceAccount no workload runs as', () => {
    expect(run(podIdentityTemplate(), workload('default'))).toEqual(['aws-cross-pod-identity-association[unused:shop/api]']);
  });

  test('a role the Pod Identity agent cannot assume (no sts:TagSession), or one that is not in the templates', () => {
    expect(run(podIdentityTemplate({ tagSession: false }), workload('api'))).toEqual(['aws-cross-pod-identity-association[role:ApiRole]']);
    expect(run(podIdentityTemplate({ roleArn: 'arn:aws:iam::123456789012:role/elsewhere' }), workload('api'))).toEqual(['aws-cross-pod-identity-association[role:elsewhere]']);
  });

  test('not applicable when only the AWS plane is checked', () => {
    const aws = templateResources('t.json', 'App', podIdentityTemplate({ namespace: 'other' }), new Map()).resources;
    expect(runEngine(CROSS_RULES, aws).findings).toEqual([]);
  });
});
