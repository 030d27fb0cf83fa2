import { App, Chart } from 'cdk8s';
import { parseManifestStream } from '../../lib/compliance/loaders/kubernetes';
import { K8S_OVERRIDES_ANNOTATION, K8S_SUPPRESSIONS_ANNOTATION } from '../../lib/compliance/suppressions';
import { annotationListForAppend, parseAnnotationList } from '../../lib/core/annotation-list';
import { SecureNamespace, PodSecurityLevel } from '../../lib/k8s/namespace';

describe('the JSON-annotation list reader (one for the loader and the writers)', () => {
  test('reads a JSON list; absent is empty; anything else says why', () => {
    expect(parseAnnotationList(undefined)).toEqual({ items: [] });
    expect(parseAnnotationList('[{"id":"x","reason":"because of y"}]')).toEqual({ items: [{ id: 'x', reason: 'because of y' }] });
    expect(parseAnnotationList('[oops').error).toBe('is not valid JSON');
    expect(parseAnnotationList('{"id":"x"}').error).toBe('must be a JSON list');
    expect(parseAnnotationList(42).error).toMatch(/not a string/);
  });

  test('a construct refuses to append to an annotation it cannot read (it used to replace it silently)', () => {
    expect(() => annotationListForAppend('not json', 'c/ns', K8S_SUPPRESSIONS_ANNOTATION)).toThrow(/c\/ns: annotation secure-constructs\.dev\/suppressions is not valid JSON/);
    const chart = new Chart(new App(), 'c');
    const ns = new SecureNamespace(chart, 'ns', { name: 'apps' });
    ns.apiObject.metadata.addAnnotation(K8S_OVERRIDES_ANNOTATION, 'hand-written, not JSON');
    // a later weakening on the same object must not drop what is there
    expect(() => new SecureNamespace(chart, 'ns2', { name: 'apps2', weakenPodSecurity: { level: PodSecurityLevel.BASELINE, reason: 'legacy image runs as root for now' } })).not.toThrow();
    const { recordK8sOverride } = require('../../lib/core/overrides');
    expect(() => recordK8sOverride(ns.apiObject, { property: 'x', reason: 'a reason long enough' })).toThrow(/c\/ns\/Resource: annotation secure-constructs\.dev\/overrides is not valid JSON/);
  });

  test('the loader reports an overrides annotation it cannot read, and entries without a reason', () => {
    const manifest = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: apps\n  annotations:\n    ${K8S_OVERRIDES_ANNOTATION}: '${value}'\ndata: {}\n`;
    expect(parseManifestStream('a.yaml', manifest('[oops')).problems.join('\n')).toMatch(/overrides on ConfigMap\/apps\/x is not valid JSON/);
    expect(parseManifestStream('a.yaml', manifest('{"property":"p"}')).problems.join('\n')).toMatch(/must be a JSON list/);
    expect(parseManifestStream('a.yaml', manifest('[{"property":"p","reason":"short"}]')).problems.join('\n')).toMatch(/without a "property" or a "reason"/);
    const ok = parseManifestStream('a.yaml', manifest('[{"property":"p","reason":"a reason long enough"}]'));
    expect(ok.problems).toEqual([]);
    expect(ok.resources[0].overrides).toEqual([{ property: 'p', reason: 'a reason long enough' }]);
  });
});
