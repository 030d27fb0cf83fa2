/**
 * `Domain` of an Api or HttpApi: the custom domain name (with its TLS SecurityPolicy and mutual TLS), the base path
 * mappings and the Route 53 record set group SAM generates.
 */
import { compact, getAtt, hashedLogicalId, obj, ref } from './common';
import { ApiState, SamTemplate } from './template';

const REST_KEYS = ['DomainName', 'CertificateArn', 'EndpointConfiguration', 'BasePath', 'Route53', 'MutualTlsAuthentication', 'SecurityPolicy', 'OwnershipVerificationCertificateArn', 'NormalizeBasePath'];
const HTTP_KEYS = ['DomainName', 'CertificateArn', 'EndpointConfiguration', 'BasePath', 'Route53', 'MutualTlsAuthentication', 'SecurityPolicy', 'OwnershipVerificationCertificateArn'];

export function expandDomain(t: SamTemplate, api: ApiState, kind: 'rest' | 'http', stageId: string): void {
  const d = obj(api.props.Domain);
  const from = api.sources;
  const note = (reason: string) => t.exp.note(api.id, { id: 'property:Domain', reason, severity: 'error' });
  if (!d) return note('Domain is not a mapping; the custom domain SAM generates was not checked');
  if (d.DomainName === undefined || d.CertificateArn === undefined) t.refuse(from[0], `${api.id}: a custom Domain needs DomainName and CertificateArn`);
  const extra = Object.keys(d).filter((k) => !(kind === 'rest' ? REST_KEYS : HTTP_KEYS).includes(k));
  if (extra.length > 0) note(`Domain.${extra.join(', Domain.')} ${extra.length > 1 ? 'are' : 'is'} not expanded: the custom domain was checked without ${extra.length > 1 ? 'them' : 'it'}`);
  const endpoint = d.EndpointConfiguration ?? 'REGIONAL';
  if (endpoint !== 'REGIONAL' && !(kind === 'rest' && endpoint === 'EDGE')) {
    return note(`a ${String(endpoint)} custom domain is not expanded: the domain name, its TLS policy and access association were not checked`);
  }
  const domainId = hashedLogicalId(kind === 'rest' ? 'ApiGatewayDomainName' : 'ApiGatewayDomainNameV2', d.DomainName);
  if (kind === 'rest') {
    t.exp.add(domainId, 'AWS::ApiGateway::DomainName', compact({
      DomainName: d.DomainName,
      RegionalCertificateArn: endpoint === 'REGIONAL' ? d.CertificateArn : undefined,
      CertificateArn: endpoint === 'EDGE' ? d.CertificateArn : undefined,
      EndpointConfiguration: { Types: [endpoint] },
      SecurityPolicy: d.SecurityPolicy,
      MutualTlsAuthentication: d.MutualTlsAuthentication,
      OwnershipVerificationCertificateArn: d.OwnershipVerificationCertificateArn,
    }), from);
  } else {
    t.exp.add(domainId, 'AWS::ApiGatewayV2::DomainName', compact({
      DomainName: d.DomainName,
      DomainNameConfigurations: [compact({
        CertificateArn: d.CertificateArn, EndpointType: endpoint, SecurityPolicy: d.SecurityPolicy,
        OwnershipVerificationCertificateArn: d.OwnershipVerificationCertificateArn,
      })],
      MutualTlsAuthentication: d.MutualTlsAuthentication,
      Tags: obj(api.props.Tags),
    }), from);
  }
  const mappingType = kind === 'rest' ? 'AWS::ApiGateway::BasePathMapping' : 'AWS::ApiGatewayV2::ApiMapping';
  const suffix = kind === 'rest' ? 'BasePathMapping' : 'ApiMapping';
  const mapping = (path?: string) => (kind === 'rest'
    ? compact({ DomainName: ref(domainId), RestApiId: ref(api.id), Stage: ref(stageId), BasePath: path })
    : compact({ DomainName: ref(domainId), ApiId: ref(api.id), Stage: ref(stageId), ApiMappingKey: path }));
  const basePaths = typeof d.BasePath === 'string' ? [d.BasePath] : Array.isArray(d.BasePath) ? d.BasePath : undefined;
  if (!basePaths) {t.exp.add(`${api.id}${suffix}`, mappingType, mapping(), from);} else {
    for (const bp of basePaths) {
      if (typeof bp !== 'string') t.refuse(from[0], `${api.id}: Domain.BasePath entries must be strings`);
      const normalized = kind === 'rest' && d.NormalizeBasePath !== false ? bp.replace(/[^A-Za-z0-9]/g, '') : bp.replace(/^\/+|\/+$/g, '');
      t.exp.add(`${api.id}${bp.replace(/[^A-Za-z0-9]/g, '')}${suffix}`, mappingType, mapping(normalized), from);
    }
  }
  const r53 = obj(d.Route53);
  if (!r53) return;
  const zone = r53.HostedZoneId ?? r53.HostedZoneName;
  const groupId = hashedLogicalId('RecordSetGroup', zone);
  const regional = endpoint === 'REGIONAL';
  const alias = compact({
    EvaluateTargetHealth: r53.EvaluateTargetHealth,
    HostedZoneId: getAtt(domainId, regional ? 'RegionalHostedZoneId' : 'DistributionHostedZoneId'),
    DNSName: getAtt(domainId, regional ? 'RegionalDomainName' : 'DistributionDomainName'),
  });
  const records = [{ Name: d.DomainName, Type: 'A', AliasTarget: alias }];
  if (r53.IpV6 === true) records.push({ Name: d.DomainName, Type: 'AAAA', AliasTarget: alias });
  const existing = t.exp.resources[groupId];
  if (existing && existing.Type === 'AWS::Route53::RecordSetGroup' && t.exp.origins.has(groupId)) {
    existing.Properties.RecordSets.push(...records);
    return;
  }
  t.exp.add(groupId, 'AWS::Route53::RecordSetGroup', compact({
    HostedZoneId: r53.HostedZoneId, HostedZoneName: r53.HostedZoneId === undefined ? r53.HostedZoneName : undefined, RecordSets: records,
  }), from);
}
