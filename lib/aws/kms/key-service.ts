import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * An AWS service that uses a key on behalf of a caller. Used for `kms:ViaService` scoping: a principal
 * granted through a service can use the key only in requests that service makes for it.
 */
export class KeyService {
  /** AWS Secrets Manager. */
  public static readonly SECRETS_MANAGER = new KeyService('secretsmanager');
  /** Amazon S3. */
  public static readonly S3 = new KeyService('s3');
  /** Amazon SQS. */
  public static readonly SQS = new KeyService('sqs');
  /** Amazon SNS. */
  public static readonly SNS = new KeyService('sns');
  /** Amazon DynamoDB. */
  public static readonly DYNAMODB = new KeyService('dynamodb');
  /** Amazon RDS. */
  public static readonly RDS = new KeyService('rds');
  /** Amazon EC2 (EBS volumes and snapshots). */
  public static readonly EC2 = new KeyService('ec2');
  /** AWS Lambda (environment variable encryption). */
  public static readonly LAMBDA = new KeyService('lambda');
  /** AWS Systems Manager (SecureString parameters). */
  public static readonly SSM = new KeyService('ssm');
  /** Amazon Kinesis Data Streams. */
  public static readonly KINESIS = new KeyService('kinesis');

  /**
   * Any other service, by its endpoint prefix (the part before `.<region>.amazonaws.com`), e.g. `elasticfilesystem`.
   */
  public static of(endpointPrefix: string): KeyService {
    return new KeyService(endpointPrefix);
  }

  private constructor(
    /** The endpoint prefix of the service, e.g. `secretsmanager`. */
    public readonly endpointPrefix: string,
  ) {}

  /** The `kms:ViaService` value of this service in the region of `scope`'s stack, e.g. `secretsmanager.eu-west-1.amazonaws.com`. */
  public viaServiceIn(scope: IConstruct): string {
    return `${this.endpointPrefix}.${Stack.of(scope).region}.amazonaws.com`;
  }
}
