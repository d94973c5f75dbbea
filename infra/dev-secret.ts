import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './paths';

/** DATA_DIR of this installation: where `npm start` keeps the embedded data and the development secrets. */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DATA_DIR ?? path.join(projectRoot(), '.data'));
}

/**
 * A development secret generated once per DATA_DIR and kept there (mode 0600), so the API and the
 * worker of one `npm start` share it, a restart keeps it, and nobody can read it from the repository.
 */
export function developmentSecret(name: string, generate: () => string, env: NodeJS.ProcessEnv = process.env): string {
  const file = path.join(dataDirectory(env), name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // The API and the worker start together: write aside, then link, so one value wins and nobody reads half a file.
    const draft = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(draft, `${generate()}\n`, { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.unlinkSync(draft);
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}
