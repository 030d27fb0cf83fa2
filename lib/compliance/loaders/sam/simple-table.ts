/** `AWS::Serverless::SimpleTable` -> `AWS::DynamoDB::Table` (same logical id), SSESpecification as given. */
import { compact, obj, tagList } from './common';
import { SamResource } from './context';
import { SamTemplate } from './template';

const KNOWN = ['PrimaryKey', 'ProvisionedThroughput', 'TableName', 'Tags', 'SSESpecification'];
const TYPES: Record<string, string> = { String: 'S', Number: 'N', Binary: 'B' };

export function expandSimpleTable(t: SamTemplate, table: SamResource): void {
  const p = table.props;
  let key = { AttributeName: 'id', AttributeType: 'S' };
  if (p.PrimaryKey !== undefined) {
    const pk = obj(p.PrimaryKey);
    if (!pk || pk.Name === undefined || typeof pk.Type !== 'string' || !TYPES[pk.Type]) {
      t.refuse(table, `${table.id}: PrimaryKey needs a Name and a Type of String, Number or Binary`);
    }
    key = { AttributeName: pk.Name, AttributeType: TYPES[pk.Type] };
  }
  t.exp.add(table.id, 'AWS::DynamoDB::Table', compact({
    AttributeDefinitions: [key],
    KeySchema: [{ AttributeName: key.AttributeName, KeyType: 'HASH' }],
    ProvisionedThroughput: p.ProvisionedThroughput,
    BillingMode: p.ProvisionedThroughput === undefined ? 'PAY_PER_REQUEST' : undefined,
    SSESpecification: p.SSESpecification,
    TableName: p.TableName,
    Tags: tagList(p.Tags),
  }), table, { main: true });
  for (const k of Object.keys(p)) {
    if (!KNOWN.includes(k)) t.exp.note(table.id, { id: `property:${k}`, reason: `property ${k} of AWS::Serverless::SimpleTable is not understood by this checker; what SAM generates from it was not checked`, severity: 'error' });
  }
}
