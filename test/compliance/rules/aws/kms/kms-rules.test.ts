import { aws_kms as kms } from 'aws-cdk-lib';
import { EncryptionKey } from '../../../../../lib/aws/kms';
import { RULES } from '../../../../../lib/compliance/rules/aws/kms';
import { AWS_KMS_KEY_GRANT_RESTRICTION } from '../../../../../lib/compliance/rules/aws/kms/key-grant-restriction';
import { AWS_KMS_KEY_POLICY_LEAST_PRIVILEGE } from '../../../../../lib/compliance/rules/aws/kms/key-policy-least-privilege';
import { AWS_KMS_KEY_RETAINED } from '../../../../../lib/compliance/rules/aws/kms/key-retained';
import { AWS_KMS_KEY_ROTATION } from '../../../../../lib/compliance/rules/aws/kms/key-rotation';
import { Res, open, outcomes, synthResources } from '../iam/helpers';

const ROOT = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] };
const DENY_GRANTS = {
  Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:CreateGrant', Resource: '*',
  Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
};
const key = (statements: object[], extra: Partial<Res> = {}, props: object = {}): Res => ({
  Type: 'AWS::KMS::Key',
  Properties: { EnableKeyRotation: true, KeyPolicy: { Version: '2012-10-17', Statement: statements }, ...props },
  DeletionPolicy: 'Retain',
  UpdateReplacePolicy: 'Retain',
  ...extra,
});
const ADMIN = { Effect: 'Allow', Principal: { AWS: ROOT }, Action: ['kms:PutKeyPolicy', 'kms:DescribeKey'], Resource: '*' };

test('the default output of EncryptionKey passes every kms rule', () => {
  expect(open(RULES, synthResources((s) => {
    new EncryptionKey(s, 'Key');
  }))).toEqual([]);
});

test('the aws-cdk-lib default kms.Key fails least privilege and the grant restriction', () => {
  expect(open(RULES, synthResources((s) => {
    new kms.Key(s, 'Key', { enableKeyRotation: true });
  }))).toEqual([
    expect.stringMatching(/^aws-kms-key-policy-least-privilege\[statement:0\] Key/),
    expect.stringMatching(/^aws-kms-key-grant-restriction\[\] Key/),
  ]);
});

describe('aws-kms-key-rotation', () => {
  test('compliant: rotation on; not applicable: asymmetric and HMAC keys', () => {
    expect(outcomes(AWS_KMS_KEY_ROTATION, {
      On: key([ADMIN]),
      Rsa: key([ADMIN], {}, { EnableKeyRotation: false, KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }),
      Hmac: key([ADMIN], {}, { EnableKeyRotation: false, KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }),
    })).toEqual({ On: 'compliant', Rsa: 'not-applicable', Hmac: 'not-applicable' });
  });

  test('non-compliant: rotation off, absent or an intrinsic', () => {
    expect(open(AWS_KMS_KEY_ROTATION, {
      Off: key([ADMIN], {}, { EnableKeyRotation: false }),
      Absent: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Statement: [ADMIN] } } },
      Param: key([ADMIN], {}, { EnableKeyRotation: { Ref: 'Rotate' } }),
    })).toEqual(['aws-kms-key-rotation[] Off', 'aws-kms-key-rotation[] Absent', 'aws-kms-key-rotation[] Param']);
  });
});

describe('aws-kms-key-policy-least-privilege', () => {
  test('compliant: admin actions to root, kms:* to root with conditions, "*" with conditions, use actions to a role', () => {
    expect(open(AWS_KMS_KEY_POLICY_LEAST_PRIVILEGE, {
      Key: key([
        ADMIN,
        { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } } },
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt'], Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '123456789012' } } },
        { Effect: 'Allow', Principal: { AWS: { 'Fn::GetAtt': ['Role', 'Arn'] } }, Action: ['kms:Decrypt'], Resource: '*' },
        { Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' },
      ]),
      Role: { Type: 'AWS::IAM::Role', Properties: {} },
    })).toEqual([]);
  });

  test('non-compliant: unconditioned kms:* / * / NotAction to the root in any notation, and "*" principals', () => {
    expect(open(AWS_KMS_KEY_POLICY_LEAST_PRIVILEGE, {
      Key: key([
        ADMIN,
        { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: '*', Resource: '*' },
        { Effect: 'Allow', Principal: { AWS: '123456789012' }, NotAction: 'kms:Decrypt', Resource: '*' },
        { Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, Action: 'KMS:*', Resource: '*' },
        { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' },
      ]),
    })).toEqual([1, 2, 3, 4, 5].map((i) => `aws-kms-key-policy-least-privilege[statement:${i}] Key`));
  });
});

describe('aws-kms-key-grant-restriction', () => {
  test('compliant: the CT.KMS.PR.3 deny statement', () => {
    expect(open(AWS_KMS_KEY_GRANT_RESTRICTION, { Key: key([ADMIN, DENY_GRANTS]) })).toEqual([]);
  });

  test('non-compliant: missing, Bool instead of BoolIfExists, one condition only, not for everyone', () => {
    const variant = (patch: object) => ({ ...DENY_GRANTS, ...patch });
    expect(open(AWS_KMS_KEY_GRANT_RESTRICTION, {
      None: key([ADMIN]),
      Bool: key([variant({ Condition: { Bool: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } } })]),
      One: key([variant({ Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false' } } })]),
      Role: key([variant({ Principal: { AWS: 'arn:aws:iam::123456789012:role/x' } })]),
      Allow: key([variant({ Effect: 'Allow' })]),
    })).toEqual(['None', 'Bool', 'One', 'Role', 'Allow'].map((k) => `aws-kms-key-grant-restriction[] ${k}`));
  });
});

describe('aws-kms-key-retained', () => {
  test('compliant: Retain and a 30-day window (explicit or absent)', () => {
    expect(open(AWS_KMS_KEY_RETAINED, { A: key([ADMIN], {}, { PendingWindowInDays: 30 }), B: key([ADMIN]) })).toEqual([]);
  });

  test('non-compliant: Delete, no policy, a Delete replace policy, a 7-day window', () => {
    expect(open(AWS_KMS_KEY_RETAINED, {
      Deleted: key([ADMIN], { DeletionPolicy: 'Delete' }),
      NoPolicy: { Type: 'AWS::KMS::Key', Properties: {} },
      Replace: key([ADMIN], { UpdateReplacePolicy: 'Delete' }),
      Short: key([ADMIN], {}, { PendingWindowInDays: 7 }),
    })).toEqual([
      'aws-kms-key-retained[DeletionPolicy] Deleted',
      'aws-kms-key-retained[DeletionPolicy] NoPolicy',
      'aws-kms-key-retained[DeletionPolicy] Replace',
      'aws-kms-key-retained[PendingWindowInDays] Short',
    ]);
  });

  test('EncryptionKey weakenings suppress exactly their finding', () => {
    const { Duration, RemovalPolicy } = require('aws-cdk-lib');
    const resources = synthResources((s) => {
      new EncryptionKey(s, 'Key', { pendingWindow: Duration.days(7), pendingWindowReason: 'Ephemeral sandbox key recreated daily', removalPolicy: RemovalPolicy.DESTROY, removalPolicyReason: 'Ephemeral sandbox key recreated daily' });
    });
    expect(outcomes(AWS_KMS_KEY_RETAINED, resources)).toEqual({ [Object.keys(resources).find((k) => k.startsWith('Key'))!]: 'suppressed' });
  });
});
