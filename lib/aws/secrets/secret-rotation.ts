import { Duration, aws_ec2 as ec2, aws_lambda as lambda, aws_secretsmanager as secretsmanager } from 'aws-cdk-lib';

/** Options common to every rotation. */
export interface RotationScheduleOptions {
  /**
   * Time between rotations (1 to 90 days).
   * @default Duration.days(30)
   */
  readonly schedule?: Duration;
}

/** Options of the generated-value rotation. */
export interface GeneratedValueRotationOptions extends RotationScheduleOptions {
  /**
   * VPC to run the rotation function in (it needs to reach the Secrets Manager API, e.g. through an interface endpoint).
   * @default - not in a VPC: the function only calls the Secrets Manager API (see the documented suppression)
   */
  readonly vpc?: ec2.IVpc;
  /**
   * Subnets of the rotation function.
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Security groups of the rotation function.
   * @default - a new security group that allows HTTPS egress only (no ingress)
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/** How a secret of a SecretsStore is rotated. */
export enum RotationKind {
  /** A new random value replaces the secret (or one key of a JSON secret). */
  GENERATED_VALUE = 'GENERATED_VALUE',
  /** A Secrets Manager hosted rotation function (database engines). */
  HOSTED = 'HOSTED',
  /** A given Lambda rotation function. */
  FUNCTION = 'FUNCTION',
  /** No rotation (with a reason). */
  DISABLED = 'DISABLED',
}

/**
 * How a SecretsStore rotates its secret: a new generated value (the default), a Secrets Manager hosted rotation
 * for database engines, a given rotation function, or, with a written reason, not at all.
 */
export class SecretRotation {
  /**
   * Replaces the value with a new random one on schedule (one key of a JSON secret when the generator has
   * `generateStringKey`). For secrets whose value is owned by the applications that read it (API tokens,
   * HMAC keys, shared secrets).
   */
  public static generatedValue(options: GeneratedValueRotationOptions = {}): SecretRotation {
    return new SecretRotation(RotationKind.GENERATED_VALUE, options);
  }

  /** A Secrets Manager hosted rotation, e.g. `secretsmanager.HostedRotation.postgreSqlSingleUser()`. */
  public static hosted(hostedRotation: secretsmanager.HostedRotation, options: RotationScheduleOptions = {}): SecretRotation {
    return new SecretRotation(RotationKind.HOSTED, options, hostedRotation);
  }

  /** A given Lambda rotation function. */
  public static lambdaFunction(rotationFunction: lambda.IFunction, options: RotationScheduleOptions = {}): SecretRotation {
    return new SecretRotation(RotationKind.FUNCTION, options, undefined, rotationFunction);
  }

  /** No rotation. The reason is recorded in the template and the compliance report. */
  public static disabled(reason: string): SecretRotation {
    return new SecretRotation(RotationKind.DISABLED, {}, undefined, undefined, reason);
  }

  private constructor(
    /** Which rotation. */
    public readonly kind: RotationKind,
    /** Schedule and, for generated values, network options. */
    public readonly options: GeneratedValueRotationOptions,
    /** The hosted rotation (HOSTED). */
    public readonly hostedRotation?: secretsmanager.HostedRotation,
    /** The rotation function (FUNCTION). */
    public readonly rotationFunction?: lambda.IFunction,
    /** Why there is no rotation (DISABLED). */
    public readonly reason?: string,
  ) {}
}
