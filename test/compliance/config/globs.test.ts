import { globToRegExp, matchesAnyGlob } from '../../../lib/compliance/config/globs';
import { suppressionCovers } from '../../../lib/compliance/engine';

describe('resource globs', () => {
  test('* stays within a segment, ** crosses segments, ? is one character, the rest is literal', () => {
    expect(globToRegExp('Pod/shop/*').test('Pod/shop/web')).toBe(true);
    expect(globToRegExp('Pod/shop/*').test('Pod/shop/web/x')).toBe(false);
    expect(globToRegExp('Pod/**').test('Pod/shop/web')).toBe(true);
    expect(globToRegExp('Pod/shop/we?').test('Pod/shop/web')).toBe(true);
    expect(globToRegExp('Pod/shop/we?').test('Pod/shop/we/')).toBe(false);
    // regular-expression characters are literal: a dot is a dot, brackets and pluses too
    expect(globToRegExp('dist/app.k8s.yaml').test('dist/appXk8sXyaml')).toBe(false);
    expect(globToRegExp('S/Bucket[1]+(x)').test('S/Bucket[1]+(x)')).toBe(true);
    expect(globToRegExp('S/Bucket[1]').test('S/Bucket1')).toBe(false);
    // the whole string must match
    expect(globToRegExp('shop').test('Pod/shop/web')).toBe(false);
  });

  test('matched against the key, the construct path (with or without a leading slash) and the file', () => {
    const target = { key: 'apps/Deployment/shop/web', constructPath: '/platform/web/Resource', file: 'dist/platform.k8s.yaml' };
    expect(matchesAnyGlob(['apps/Deployment/shop/*'], target)).toBe(true);
    expect(matchesAnyGlob(['platform/web/**'], target)).toBe(true);
    expect(matchesAnyGlob(['dist/*.k8s.yaml'], target)).toBe(true);
    expect(matchesAnyGlob(['Deployment/shop/*'], target)).toBe(false);
  });

  test('a suppression with a finding pattern covers only matching finding ids', () => {
    const s = { ruleId: 'AwsSolutions-IAM5', findingPattern: '^Resource::arn:aws:s3:::logs/', reason: 'Log bucket objects only.', source: 'metadata' };
    expect(suppressionCovers(s, 'AwsSolutions-IAM5', 'Resource::arn:aws:s3:::logs/*')).toBe(true);
    expect(suppressionCovers(s, 'AwsSolutions-IAM5', 'Resource::*')).toBe(false);
    expect(suppressionCovers(s, 'AwsSolutions-IAM5', undefined)).toBe(false);
    expect(suppressionCovers({ ...s, findingPattern: '(' }, 'AwsSolutions-IAM5', '(')).toBe(false); // an invalid pattern matches nothing
    const scoped = { ruleId: 'r', reason: 'reason long enough', source: 'config', resources: ['S/A*'] };
    expect(suppressionCovers(scoped, 'r', undefined, { key: 'S/Alpha' })).toBe(true);
    expect(suppressionCovers(scoped, 'r', undefined, { key: 'S/Beta' })).toBe(false);
    expect(suppressionCovers(scoped, 'r', undefined)).toBe(false); // a scoped suppression needs a resource
  });
});
