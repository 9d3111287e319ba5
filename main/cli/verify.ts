// `claimbench verify FILE`: checks an annotated bundle without importing it.
import path from 'node:path';
import { verifyBundle } from '../bundle/open-bundle.ts';
import { UsageError, type Output } from './output.ts';

export const VERIFY_HELP = `Usage: claimbench verify [options] FILE

Check an annotated bundle (.claimbundle) without importing it: that it is a safe zip
(no path escaping the bundle, no zip bomb), that every file is listed in manifest.json
with the right size and SHA-256 and nothing else is there, that the root hash matches
the list, and whether it is signed, and by whom.

Exits 0 when the bundle is intact (signed and valid, or unsigned), 1 when it is not a
bundle, damaged or tampered with, or its signature is invalid.

Options:
  --json      print one JSON object
  -h, --help  show this help`;

export async function verifyCommand(files: readonly string[], output: Output): Promise<number> {
  if (files.length !== 1) throw new UsageError('name one bundle to verify');
  const file = path.resolve(files[0]!);
  const read = await verifyBundle(file);
  if (!read.ok) {
    output.error(read.error.code, `${file}: ${read.error.message}`);
    return 1;
  }
  const { manifest, signature } = read.value;
  const summary = {
    path: file,
    files: manifest.files.length,
    rootHash: manifest.rootHash,
    workspace: manifest.workspace,
    creator: manifest.creator,
    createdAt: manifest.createdAt,
    signature,
  };
  const signed =
    signature.state === 'valid'
      ? `signed by ${signature.signer}, valid (key ${signature.fingerprint.slice(0, 16)})`
      : signature.state === 'invalid'
        ? `signature invalid: ${signature.reason}`
        : 'not signed';
  output.report(
    signature.state === 'invalid' ? 'invalid-signature' : 'verified',
    `${file}: ${manifest.files.length} files intact (root hash ${manifest.rootHash}); workspace “${manifest.workspace}” by ${manifest.creator}, ${manifest.createdAt}; ${signed}`,
    summary,
  );
  return signature.state === 'invalid' ? 1 : 0;
}
