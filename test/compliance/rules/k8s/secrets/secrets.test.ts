import { SECRET_PATTERNS, SHORTEST_SHAPE, detectSecret } from '../../../../../lib/compliance/rules/k8s/secrets/patterns';
import { K8S_SECRETS_SECRET_DATA } from '../../../../../lib/compliance/rules/k8s/secrets/secret-data';
import { K8S_SECRETS_SENSITIVE_VALUES } from '../../../../../lib/compliance/rules/k8s/secrets/sensitive-values';
import { K8S_SECRETS_SERVICE_ACCOUNT_TOKEN } from '../../../../../lib/compliance/rules/k8s/secrets/service-account-token';
import { check, ids, workload } from '../helpers';

// Test credentials assembled at run time so that the source holds no literal token.
const AWS_KEY = 'AKIA' + 'Q3EXAMPLE7ABCD12';
const GH_TOKEN = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const PEM = ['-----BEGIN RSA PRIVATE', 'KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----'].join(' ');
const SLACK = 'xox' + 'b-123456789012-abcdefghijKLMNOP';

const secret = (extra: object) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'app' }, ...extra });
const configMap = (data: object, binaryData?: object) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'app' }, data, ...(binaryData ? { binaryData } : {}) });

describe('k8s-secrets-secret-data', () => {
  test('data and stringData keys are reported, values are not shown', () => {
    const f = check(K8S_SECRETS_SECRET_DATA, secret({ type: 'Opaque', data: { password: Buffer.from('hunter2hunter2').toString('base64') }, stringData: { token: 'abc123secret' } }));
    expect(ids(f)).toEqual(['k8s-secrets-secret-data[data:password]', 'k8s-secrets-secret-data[stringData:token]']);
    for (const x of f) {
      expect(x.message).not.toContain('abc123secret');
      expect(x.message).not.toContain(Buffer.from('hunter2hunter2').toString('base64'));
    }
  });
  test('a service-account-token Secret with no data, and empty values, are compliant', () => {
    expect(check(K8S_SECRETS_SECRET_DATA, secret({ type: 'kubernetes.io/service-account-token', metadata: { name: 't', namespace: 'app', annotations: { 'kubernetes.io/service-account.name': 'app' } } }))).toEqual([]);
    expect(check(K8S_SECRETS_SECRET_DATA, secret({ data: { a: '' }, stringData: {} }))).toEqual([]);
  });
  test('SealedSecret and ExternalSecret objects are not Secrets', () => {
    expect(check(K8S_SECRETS_SECRET_DATA, [
      { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 's', namespace: 'app' }, spec: { encryptedData: { password: 'AgBy3i4OJSWK+PiTySYZZA==' } } },
      { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'e', namespace: 'app' }, spec: { data: [{ secretKey: 'password', remoteRef: { key: 'db' } }] } },
    ])).toEqual([]);
  });
});

describe('k8s-secrets-sensitive-values', () => {
  test.each([
    ['PEM private key', PEM],
    ['AWS access key id', `aws_access_key_id = ${AWS_KEY}`],
    ['GitHub token', GH_TOKEN],
    ['Slack token', SLACK],
    ['URL with embedded password', 'postgres://app:s3cr3tPassw0rd@db.internal:5432/app'],
  ])('ConfigMap value with a %s', (kind, value) => {
    const f = check(K8S_SECRETS_SENSITIVE_VALUES, configMap({ 'config.ini': value, 'plain': 'log_level=info' }));
    expect(ids(f)).toEqual(['k8s-secrets-sensitive-values[data:config.ini]']);
    expect(f[0].message).toContain(kind);
    expect(f[0].message).not.toContain(value);
    expect(f[0].message).toContain(`${value.length} characters`);
  });

  test('binaryData is decoded and scanned', () => {
    const f = check(K8S_SECRETS_SENSITIVE_VALUES, configMap({}, { 'key.pem': Buffer.from(PEM).toString('base64') }));
    expect(ids(f)).toEqual(['k8s-secrets-sensitive-values[binaryData:key.pem]']);
  });

  test('generic literal credentials need a sensitive name and a real-looking value', () => {
    expect(detectSecret('Xk9#mP2$vL7q', 'DB_PASSWORD')).toContain('literal credential');
    expect(detectSecret('9f8e7d6c5b4a39281706', 'API_KEY')).toContain('literal credential');
    expect(detectSecret('Xk9#mP2$vL7q', 'GREETING')).toBeUndefined();
    expect(detectSecret('/run/secrets/db', 'DB_PASSWORD_FILE')).toBeUndefined();
    expect(detectSecret('/run/secrets/db', 'DB_PASSWORD')).toBeUndefined();
    expect(detectSecret('3600', 'TOKEN_TTL')).toBeUndefined();
    expect(detectSecret('86400000', 'SESSION_TTL')).toBeUndefined();
    expect(detectSecret('${DB_PASSWORD}', 'DB_PASSWORD')).toBeUndefined();
    expect(detectSecret('https://auth.example.com/token', 'TOKEN_URL')).toBeUndefined();
    expect(detectSecret('true', 'AUTH_TOKEN')).toBeUndefined();
  });

  test('a sensitive name with any literal value is a finding; placeholders are not (entropy only ranks)', () => {
    expect(detectSecret('hunter2', 'DB_PASSWORD')).toBe('literal credential in "DB_PASSWORD"');
    expect(detectSecret('short', 'PASSWORD')).toBeDefined();
    expect(detectSecret('hi', 'pwd')).toBeDefined();
    expect(detectSecret('1234', 'pin_password')).toBeDefined();
    expect(detectSecret('Xk9#mP2$vL7qZ8!r', 'dbPassword')).toContain('high entropy');
    for (const placeholder of ['', '  ', '<changeme>', '${DB_PASSWORD}', '$(DB_PASSWORD)', '$DB_PASSWORD', '{{ .Values.password }}', 'REPLACE_ME', 'CHANGE_ME', 'changeme', '%PASSWORD%', '%%env_PG_PASSWORD%%', 'xxxx', '****', 'redacted', 'null', 'ENC(AbC123==)', 'ENC[pg_password]']) {
      expect(detectSecret(placeholder, 'DB_PASSWORD')).toBeUndefined();
    }
    // names that describe or point to a credential
    expect(detectSecret('db-credentials', 'secretName')).toBeUndefined();
    expect(detectSecret('/etc/secrets/password', 'password-file')).toBeUndefined();
    expect(detectSecret('hunter2', 'password-file')).toBeDefined();
    expect(detectSecret('arn:aws:secretsmanager:eu-west-1:111122223333:secret:db', 'DB_SECRET_ARN')).toBeUndefined();
    expect(detectSecret('12', 'PASSWORD_MIN_LENGTH')).toBeUndefined();
    // words that only contain a sensitive word are not sensitive
    expect(detectSecret('wordpiece', 'tokenizer')).toBeUndefined();
    expect(detectSecret('enabled', 'passthrough')).toBeUndefined();
    expect(detectSecret('never', 'PW_TEST_HTML_REPORT_OPEN')).toBeUndefined();
    expect(detectSecret('1', 'PASS_THROUGH')).toBeUndefined();
    expect(detectSecret('hunter2', 'DB_PASS')).toBeDefined();
    expect(detectSecret('abc123', 'authToken')).toBeDefined();
    expect(detectSecret('hunter2', 'TOKEN_FILE')).toBeDefined();
    expect(detectSecret('/var/run/secrets/token', 'TOKEN_FILE')).toBeUndefined();
  });

  test.each([
    ['DB_PASSWORD=hunter2', 'DB_PASSWORD'],
    ['my_password=abc123', 'my_password'],
    ['user: app\npwd: "hi"\n', 'pwd'],
    ['{"password": "x1"}', 'password'],
    ['spring.datasource.password = s3cret', 'spring.datasource.password'],
    ['export PGPASSWORD=hunter2; psql', 'PGPASSWORD'],
  ])('assignment inside a value: %s', (text, name) => {
    expect(detectSecret(text, 'config')).toBe(`literal credential assigned to "${name}"`);
  });

  test.each([
    'DB_PASSWORD=${DB_PASSWORD}', 'password: <changeme>', 'token_url: https://auth.example.com/token', 'password_file=/run/secrets/db',
    'Enter your password: <input type="password">', 'auth_mode: token', 'secret_name: db', 'PASSWORD=', 'password: REPLACE_ME',
    'Use Basic authentication or Bearer tokens here', 'Authorization: Bearer ${TOKEN}', 'Authorization: Bearer <token>',
    '--auth=oidc', 'auth: required', 'auth_basic "Restricted";',
  ])('no credential in: %s', (text) => {
    expect(detectSecret(text, 'config')).toBeUndefined();
  });

  test.each([
    ['Authorization: Bearer abcdef0123456789abcdef', 'HTTP Authorization credential'],
    ['curl -H "Authorization: Basic dXNlcjpwYXNz" https://x', 'HTTP Authorization credential'],
    ['curl -H "authorization:token 0123abcd" https://x', 'HTTP Authorization credential'],
    ['header = bearer 9f8e7d6c5b4a39281706aa', 'bearer token'],
    ['proxy: Basic ' + Buffer.from('admin:s3cret').toString('base64'), 'HTTP Basic credential'],
    ['-----BEGIN PRIVATE KEY-----\nMIIE', 'PEM private key'],
    ['-----BEGIN EC PRIVATE KEY-----', 'PEM private key'],
    ['-----BEGIN DSA PRIVATE KEY-----', 'PEM private key'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----', 'PEM private key'],
    ['-----BEGIN ENCRYPTED PRIVATE KEY-----', 'PEM private key'],
    ['-----BEGIN PGP PRIVATE KEY BLOCK-----', 'PEM private key'],
    ['---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----', 'PEM private key'],
    ['-----BEGIN RSA PRIVATE KEY---', 'PEM private key'],
    ['PuTTY-User-Key-File-3: ssh-ed25519', 'PuTTY private key'],
    [`{"auths":{"ghcr.io":{"auth":"${Buffer.from('bot:s3cr3t').toString('base64')}"}}}`, 'registry auth (base64 user:password)'],
  ])('shape: %s', (text, kind) => {
    expect(detectSecret(text)).toBe(kind);
  });

  test('public keys and certificates are not private keys', () => {
    expect(detectSecret('-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----')).toBeUndefined();
    expect(detectSecret('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----')).toBeUndefined();
  });

  test('flags: --password=x and --password x in args; references are not findings', () => {
    const spec = {
      containers: [{
        name: 'app', image: 'x',
        args: ['--db-password=hunter2', '--token', 's3cr3t', '--password-file', '/run/secrets/db', '--token', '$(TOKEN)', '--log-level', 'info'],
        env: [{ name: 'DB_PASSWORD', value: 'hunter2' }, { name: 'API_TOKEN', value: '${API_TOKEN}' }, { name: 'DB_PASSWORD_FILE', value: '/run/secrets/db/password' },
          { name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'redis', key: 'password' } } }],
      }],
    };
    for (const kind of ['Pod', 'Deployment', 'CronJob']) {
      expect(ids(check(K8S_SECRETS_SENSITIVE_VALUES, workload(kind, spec)))).toEqual([
        'k8s-secrets-sensitive-values[container:app/env:DB_PASSWORD]',
        'k8s-secrets-sensitive-values[container:app/args:0]',
        'k8s-secrets-sensitive-values[container:app/args:2]',
      ]);
    }
    const crd = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r', namespace: 'app' }, spec: { template: { metadata: {}, spec } } };
    expect(check(K8S_SECRETS_SENSITIVE_VALUES, crd)).toHaveLength(3);
  });

  test('a multi-line value under a sensitive key is a file: its lines are judged', () => {
    expect(detectSecret('db:\n  password: ${DB_PASSWORD}\n  user: app\n', 'secrets.yaml')).toBeUndefined();
    expect(detectSecret('db:\n  password: hunter2\n', 'secrets.yaml')).toBe('literal credential assigned to "password"');
  });

  test('a ConfigMap key named like a credential with a short literal value is a finding', () => {
    expect(ids(check(K8S_SECRETS_SENSITIVE_VALUES, configMap({ 'password': 'abc', 'password-file': '/etc/db/password', 'timezone': 'UTC' })))).toEqual(['k8s-secrets-sensitive-values[data:password]']);
  });

  test('ordinary configuration is compliant', () => {
    expect(check(K8S_SECRETS_SENSITIVE_VALUES, configMap({
      'app.properties': 'server.port=8080\nlog.level=INFO\ntoken.ttl=3600', 'LOG_LEVEL': 'debug', 'ENDPOINT': 'https://api.example.com/v1',
      'nginx.conf': 'server { listen 8080; location / { proxy_pass http://app:8080; } }',
    }))).toEqual([]);
  });

  test('container env values and args in every container list; values are masked', () => {
    const spec = {
      initContainers: [{ name: 'init', image: 'x', args: [`--token=${GH_TOKEN}`] }],
      containers: [{ name: 'app', image: 'x', env: [{ name: 'AWS_ACCESS_KEY_ID', value: AWS_KEY }, { name: 'LOG_LEVEL', value: 'info' }, { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'p' } } }] }],
    };
    for (const kind of ['Pod', 'Deployment', 'CronJob']) {
      const f = check(K8S_SECRETS_SENSITIVE_VALUES, workload(kind, spec));
      expect(ids(f)).toEqual(['k8s-secrets-sensitive-values[initContainer:init/args:0]', 'k8s-secrets-sensitive-values[container:app/env:AWS_ACCESS_KEY_ID]']);
      for (const x of f) {
        expect(x.message).not.toContain(AWS_KEY);
        expect(x.message).not.toContain(GH_TOKEN);
      }
    }
  });

  test('large values are scanned in linear time', () => {
    const big = 'a'.repeat(2_000_000) + ':' + '@'.repeat(100_000);
    const start = Date.now();
    expect(detectSecret(big, 'config')).toBeUndefined();
    // inputs that would make a backtracking scan quadratic (they finish well within the test timeout)
    for (const adversarial of ['a:'.repeat(500_000), '-'.repeat(1_000_000), ';a="'.repeat(250_000), '- BEGIN '.repeat(120_000), 'bearer '.repeat(140_000)]) {
      expect(detectSecret(adversarial, 'config')).toBeUndefined();
    }
    expect(detectSecret('password:'.repeat(110_000), 'config')).toBe('literal credential assigned to "password"');
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe('k8s-secrets-service-account-token', () => {
  test('a kubernetes.io/service-account-token Secret is a finding, with or without data', () => {
    const legacy = secret({ type: 'kubernetes.io/service-account-token', metadata: { name: 'ci-token', namespace: 'app', annotations: { 'kubernetes.io/service-account.name': 'ci' } } });
    const f = check(K8S_SECRETS_SERVICE_ACCOUNT_TOKEN, legacy);
    expect(ids(f)).toEqual(['k8s-secrets-service-account-token[type]']);
    expect(f[0].message).toContain('ServiceAccount "ci"');
    expect(f[0].severity).toBe('error');
    expect(check(K8S_SECRETS_SERVICE_ACCOUNT_TOKEN, secret({ type: 'kubernetes.io/service-account-token', data: { token: 'ZXlK' } }))).toHaveLength(1);
  });
  test('other Secret types and other kinds are not', () => {
    expect(check(K8S_SECRETS_SERVICE_ACCOUNT_TOKEN, secret({ type: 'Opaque', data: { a: 'b' } }))).toEqual([]);
    expect(check(K8S_SECRETS_SERVICE_ACCOUNT_TOKEN, secret({ type: 'kubernetes.io/dockerconfigjson' }))).toEqual([]);
    expect(check(K8S_SECRETS_SERVICE_ACCOUNT_TOKEN, secret({}))).toEqual([]);
    expect(check(K8S_SECRETS_SERVICE_ACCOUNT_TOKEN, configMap({ type: 'kubernetes.io/service-account-token' }))).toEqual([]);
  });
});

describe('secret shapes: values shorter than the shortest shape skip the shape patterns', () => {
  // the shortest text each pattern matches, derived from its quantifiers (assembled at run time, like the tokens above)
  const a = (n: number) => 'a'.repeat(n);
  const shortest: Record<string, string> = {
    'PEM private key': '-BEGINPRIVATE KEY-',
    'PuTTY private key': 'PuTTY-User-Key-File-2:',
    'AWS access key id': 'AKIA' + 'A'.repeat(16),
    'GitHub token': 'github_pat_' + a(22),
    'GitLab token': 'glpat-' + a(20),
    'Slack token': 'xoxb-' + a(10),
    'Slack webhook URL': 'https://hooks.slack.com/services/' + 'T1/B1/a',
    'Google API key': 'AIza' + a(35),
    'Stripe secret key': 'sk_live_' + a(24),
    'OpenAI API key': 'sk-' + a(20) + 'T3BlbkFJ' + a(20),
    'npm token': 'npm_' + a(36),
    'JSON Web Token': ['eyJ' + a(10), 'eyJ' + a(10), a(10)].join('.'),
    'HTTP Authorization credential': 'authorization:basic ' + a(4),
    'bearer token': 'bearer ' + a(15) + '1',
    'URL with embedded password': 'ab://c:def@g',
  };

  test('each pattern matches its shortest text, and no shorter text obtained by removing a character', () => {
    expect(Object.keys(shortest).sort()).toEqual(SECRET_PATTERNS.map((p) => p.kind).sort());
    for (const p of SECRET_PATTERNS) {
      const text = shortest[p.kind];
      expect([p.kind, p.re.test(text)]).toEqual([p.kind, true]);
      for (let i = 0; i < text.length; i++) expect([p.kind, i, p.re.test(text.slice(0, i) + text.slice(i + 1))]).toEqual([p.kind, i, false]);
    }
    expect(Math.min(...Object.values(shortest).map((t) => t.length))).toBe(SHORTEST_SHAPE);
  });

  test('the shortest shape is still found, one character less is not a shape', () => {
    expect(detectSecret(shortest['URL with embedded password'])).toBe('URL with embedded password');
    expect(detectSecret('ab://c:de@g')).toBeUndefined();
  });
});
