/**
 * The text of a PDF (each page's text items joined by spaces), read with pdf.js in a child Node
 * process: pdf.js is an ES module, which jest's CommonJS runtime cannot load. Used by the print
 * view tests to check that what Chromium printed (page.pdf) carries the code and the dates.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const READER = `
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
const data = new Uint8Array((await import('node:fs')).readFileSync(process.argv[1]));
const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
const pages = [];
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const view = page.view;
  const content = await page.getTextContent();
  pages.push({ width: view[2] - view[0], height: view[3] - view[1], text: content.items.map((item) => item.str).join(' ') });
}
process.stdout.write(JSON.stringify(pages));
`;

export interface PdfPage {
  /** In points (1/72 inch): A4 is 595 × 842, A5 420 × 595. */
  width: number;
  height: number;
  text: string;
}

export async function pdfPages(pdf: Buffer): Promise<PdfPage[]> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-pdf-')), 'print.pdf');
  fs.writeFileSync(file, pdf);
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', READER, file], {
    cwd: path.resolve(__dirname, '../..'),
    maxBuffer: 16 * 1024 * 1024,
  });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return JSON.parse(stdout) as PdfPage[];
}
