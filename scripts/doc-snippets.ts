/**
 * Extracts every complete TypeScript example of README.md and docs/*.md (a ```ts block that imports
 * from 'secure-constructs') into .snippets/ so that `npm run typecheck` compiles it against the library:
 * the README is the user guide, and its examples must compile. Fragments (blocks that import nothing
 * from the library, e.g. a single constructor call in a reference table) are not compiled; a complete
 * block starting with `// no-compile` is skipped.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const outDir = path.join(root, '.snippets');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

const docs = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f))];
let n = 0;
for (const doc of docs) {
  const text = fs.readFileSync(path.join(root, doc), 'utf8');
  const re = /```ts\n([\s\S]*?)```/g;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(text))) {
    i++;
    const code = m[1];
    if (code.startsWith('// no-compile') || !code.includes("from 'secure-constructs'")) continue;
    const line = text.slice(0, m.index).split('\n').length;
    const name = `${doc.replace(/[/.]/g, '_')}_${i}.ts`;
    const body = code.replace(/from 'secure-constructs'/g, `from '../lib'`);
    fs.writeFileSync(path.join(outDir, name), `// ${doc}:${line}\n${body}\nexport {};\n`);
    n++;
  }
}
fs.writeFileSync(path.join(outDir, 'tsconfig.json'), JSON.stringify({
  extends: '../tsconfig.json',
  compilerOptions: { noEmit: true, rootDir: '..', noUnusedLocals: false, declaration: false },
  include: ['./*.ts'],
}, null, 2));
console.log(`extracted ${n} TypeScript snippets from ${docs.length} documents into .snippets/`);
