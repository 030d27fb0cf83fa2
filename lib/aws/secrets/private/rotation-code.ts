/**
 * Source of the generated-value rotation function (Python, inline): replaces the secret (or one key of a JSON
 * secret) with a new random value from Secrets Manager's GetRandomPassword, following the four rotation steps.
 * The value is owned by the applications that read it, so setSecret and testSecret have nothing to do elsewhere.
 */
export const GENERATED_VALUE_ROTATION_CODE = `import json
import os
import boto3

sm = boto3.client('secretsmanager')


def handler(event, context):
    arn, token, step = event['SecretId'], event['ClientRequestToken'], event['Step']
    if arn != os.environ['SECRET_ARN']:
        raise ValueError('this function only rotates ' + os.environ['SECRET_ARN'])
    meta = sm.describe_secret(SecretId=arn)
    if not meta.get('RotationEnabled'):
        raise ValueError('rotation is not enabled')
    stages = meta['VersionIdsToStages']
    if token not in stages:
        raise ValueError('unknown version')
    if 'AWSCURRENT' in stages[token]:
        return
    if 'AWSPENDING' not in stages[token]:
        raise ValueError('version is not pending')
    if step == 'createSecret':
        try:
            sm.get_secret_value(SecretId=arn, VersionId=token, VersionStage='AWSPENDING')
        except sm.exceptions.ResourceNotFoundException:
            sm.put_secret_value(SecretId=arn, ClientRequestToken=token, SecretString=generate(arn), VersionStages=['AWSPENDING'])
    elif step in ('setSecret', 'testSecret'):
        return
    elif step == 'finishSecret':
        current = next(v for v, s in stages.items() if 'AWSCURRENT' in s)
        sm.update_secret_version_stage(SecretId=arn, VersionStage='AWSCURRENT', MoveToVersionId=token, RemoveFromVersionId=current)
    else:
        raise ValueError('unknown step ' + step)


def generate(arn):
    opts = json.loads(os.environ['GENERATE'])
    value = sm.get_random_password(**opts['password'])['RandomPassword']
    key = opts.get('key')
    if not key:
        return value
    try:
        doc = json.loads(sm.get_secret_value(SecretId=arn, VersionStage='AWSCURRENT')['SecretString'])
    except (ValueError, KeyError):
        doc = json.loads(opts.get('template') or '{}')
    doc[key] = value
    return json.dumps(doc)
`;
