// Accord needs Node.js 26 or later: built-in Temporal, TypeScript type stripping and crypto.argon2.
export const requiredNodeMajor = 26;

// Says what is wrong with running on this Node.js version, or null when it will do.
export function nodeVersionProblem(version) {
  const major = Number(String(version).replace(/^v/, '').split('.')[0]);
  if (major >= requiredNodeMajor) return null;
  return (
    `Accord needs Node.js ${requiredNodeMajor} or later; this is Node.js ${version}. ` +
    `Run 'npm ci' so the pinned Node.js is installed in node_modules, then run the command through npm ` +
    `('npm start', 'npm test'), which puts it first on the PATH.`
  );
}
