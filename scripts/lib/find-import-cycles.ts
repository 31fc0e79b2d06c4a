import { parseCircular, parseDependencyTree } from "dpdm";

// Import cycles, found by dpdm. ESLint's `import/no-cycle` did the same job but took 142 of `npm run lint`'s 150 s
// (it re-resolves every import path per file); dpdm builds the module graph once, in about 5 s. Type-only imports
// are dropped (`transform`), as `import/no-cycle` did: they vanish at runtime and cannot form a cycle there.
// Dynamic `import()` still counts, as it did for the ESLint rule.

/** Where our source lives (node_modules, .next and .data are never entered). */
export const SOURCE_GLOBS = [
  "*.{ts,tsx}",
  "{app,components,db,examples,i18n,jobs,lib,scripts,tests}/**/*.{ts,tsx}",
];

/** Every import cycle reachable from the files the globs match, each as the list of files (relative to `cwd`). */
export async function findImportCycles(globs: string[], cwd = process.cwd()): Promise<string[][]> {
  const tree = await parseDependencyTree(globs, {
    cwd,
    context: cwd,
    tsconfig: `${cwd}/tsconfig.json`,
    transform: true,
    exclude: /node_modules|\/\.next\/|\/\.data\//,
  });
  return parseCircular(tree);
}
