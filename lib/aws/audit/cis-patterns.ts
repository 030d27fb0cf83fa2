import { CisAlarm } from './types';

const or = (...events: string[]): string => events.map((e) => `($.eventName = ${e})`).join(' || ');

/**
 * CloudWatch Logs filter patterns of the CIS AWS Foundations Benchmark monitoring recommendations (v1.4.0 onwards,
 * section 4), over CloudTrail events delivered to CloudWatch Logs.
 */
export const CIS_FILTER_PATTERNS: Record<CisAlarm, string> = {
  [CisAlarm.UNAUTHORIZED_API_CALLS]: '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  [CisAlarm.CONSOLE_SIGN_IN_WITHOUT_MFA]: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  [CisAlarm.ROOT_ACCOUNT_USAGE]: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  [CisAlarm.IAM_POLICY_CHANGES]: `{ ${or('DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy', 'DeletePolicy',
    'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy')} }`,
  [CisAlarm.CLOUDTRAIL_CONFIG_CHANGES]: `{ ${or('CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging')} }`,
  [CisAlarm.CONSOLE_AUTHENTICATION_FAILURES]: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  [CisAlarm.CMK_DISABLED_OR_DELETED]: `{ ($.eventSource = kms.amazonaws.com) && (${or('DisableKey', 'ScheduleKeyDeletion')}) }`,
  [CisAlarm.S3_BUCKET_POLICY_CHANGES]: `{ ($.eventSource = s3.amazonaws.com) && (${or('PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication',
    'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication')}) }`,
  [CisAlarm.CONFIG_CHANGES]: `{ ($.eventSource = config.amazonaws.com) && (${or('StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder')}) }`,
  [CisAlarm.SECURITY_GROUP_CHANGES]: `{ ${or('AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress',
    'CreateSecurityGroup', 'DeleteSecurityGroup')} }`,
  [CisAlarm.NACL_CHANGES]: `{ ${or('CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation')} }`,
  [CisAlarm.NETWORK_GATEWAY_CHANGES]: `{ ${or('CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway')} }`,
  [CisAlarm.ROUTE_TABLE_CHANGES]: `{ ($.eventSource = ec2.amazonaws.com) && (${or('CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation',
    'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable')}) }`,
  [CisAlarm.VPC_CHANGES]: `{ ${or('CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection',
    'RejectVpcPeeringConnection', 'AttachClassicLinkVpc', 'DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink')} }`,
  [CisAlarm.ORGANIZATIONS_CHANGES]: `{ ($.eventSource = organizations.amazonaws.com) && (${or('"AcceptHandshake"', '"AttachPolicy"', '"CreateAccount"', '"CreateOrganizationalUnit"',
    '"CreatePolicy"', '"DeclineHandshake"', '"DeleteOrganization"', '"DeleteOrganizationalUnit"', '"DeletePolicy"', '"DetachPolicy"', '"DisablePolicyType"',
    '"EnablePolicyType"', '"InviteAccountToOrganization"', '"LeaveOrganization"', '"MoveAccount"', '"RemoveAccountFromOrganization"', '"UpdatePolicy"',
    '"UpdateOrganizationalUnit"')}) }`,
};
