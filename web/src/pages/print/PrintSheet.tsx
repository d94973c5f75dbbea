/**
 * The frame of a printed form: the page size (@page, A4 or A5), the national heading, a print
 * button and a back link that are not printed, and the dossier's code as a QR code pointing to the
 * public lookup, so the applicant can follow the dossier from a phone.
 */
import { Button, Group } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import { QrCode } from '../../components/QrCode';
import './print.css';

/** `lookup`: the dossier's public address as the server knows it (PUBLIC_BASE_URL), not this page's intranet origin. */
export function PrintSheet({ size, title, code, lookup, children }: { size: 'A4' | 'A5'; title: string; code: string; lookup: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} ${code}`;
  }, [title, code]);
  return (
    <>
      <style>{`@page { size: ${size} portrait; margin: 12mm; }`}</style>
      <Group className="no-print" justify="center" p="sm" component="nav" aria-label="Thao tác in">
        <Button onClick={() => window.print()}>In phiếu</Button>
        <Button variant="default" component={Link} to={`/ho-so/${encodeURIComponent(code)}`}>
          Về hồ sơ
        </Button>
      </Group>
      <main className="print-sheet" data-size={size}>
        <div className="national">
          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
          <small>Độc lập - Tự do - Hạnh phúc</small>
        </div>
        <h1>{title}</h1>
        {children}
        <div className="qr">
          <QrCode value={lookup} size={96} label={`Mã QR tra cứu hồ sơ ${code}`} />
          <div>
            Tra cứu tình trạng hồ sơ: quét mã QR hoặc mở
            <br />
            <strong>{lookup}</strong>
          </div>
        </div>
      </main>
    </>
  );
}
