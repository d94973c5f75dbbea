/**
 * Phiếu tiếp nhận hồ sơ và hẹn trả kết quả (the one-stop desk's receipt, after form 01 of
 * Circular 01/2018/TT-VPCP): who filed what, when it was received, and when to come back, on A5.
 */
import { useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatLongDate } from '../../format/dates';
import { STAGE_LABELS } from '../../labels';
import { PrintSheet } from './PrintSheet';
import { usePrintData } from './print-data';

export function ReceiptPage() {
  const { code = '' } = useParams();
  const { dossier, lookup } = usePrintData(code);
  if (dossier.error || lookup.error) return <ProblemAlert error={dossier.error ?? lookup.error} />;
  if (!dossier.data || !lookup.data) {
    return <PageLoader />;
  }
  const d = dossier.data;
  const appointment = lookup.data.expectedDate;
  return (
    <PrintSheet size="A5" title="Phiếu tiếp nhận hồ sơ và hẹn trả kết quả" code={d.code} lookup={d.publicLookupUrl}>
      <p>
        Bộ phận Tiếp nhận và Trả kết quả tiếp nhận hồ sơ của: <strong>{d.applicant.name}</strong>
      </p>
      <dl>
        <dt>Mã hồ sơ</dt>
        <dd>
          <strong>{d.code}</strong>
        </dd>
        <dt>Nội dung yêu cầu</dt>
        <dd>Đề nghị lựa chọn chủ đầu tư hạ tầng kỹ thuật cụm công nghiệp: {d.projectTitle}</dd>
        <dt>Cụm công nghiệp</dt>
        <dd>
          {d.cluster.name} ({d.cluster.district})
        </dd>
        <dt>Ngày nhận hồ sơ</dt>
        <dd>{formatDate(d.filedOn)}</dd>
        <dt>Bước đang xử lý</dt>
        <dd>{STAGE_LABELS[lookup.data.stage]}</dd>
        <dt>Ngày hẹn trả kết quả</dt>
        <dd>
          <strong>{appointment ? formatLongDate(appointment) : 'sẽ thông báo khi hồ sơ được chuyển thẩm định'}</strong>
        </dd>
      </dl>
      <p>Ngày hẹn là hạn của bước đang xử lý, tính theo ngày làm việc (không tính thứ Bảy, Chủ nhật, ngày lễ); mỗi bước tiếp theo có ngày hẹn riêng, tra cứu bằng mã QR.</p>
      <div className="signatures">
        <div>
          <strong>Người nộp hồ sơ</strong>
          <br />
          <em>(ký, ghi rõ họ tên)</em>
        </div>
        <div>
          <strong>Người tiếp nhận hồ sơ</strong>
          <br />
          <em>(ký, ghi rõ họ tên)</em>
        </div>
      </div>
    </PrintSheet>
  );
}
