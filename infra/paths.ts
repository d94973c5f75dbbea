import path from 'node:path';

export function projectRoot(): string {
  return path.resolve(__dirname, '..');
}
