/**
 * A QR code drawn in the browser (qrcode, no service on the internet) as a data: image, which the
 * CSP allows. Error correction M: still readable from a creased or photocopied receipt.
 */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

export function QrCode({ value, size = 120, label }: { value: string; size?: number; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(value, { errorCorrectionLevel: 'M', margin: 1, width: size * 2 })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [value, size]);
  return src ? <img src={src} width={size} height={size} alt={label} data-qr-value={value} /> : <div style={{ width: size, height: size }} />;
}
