/**
 * Phiếu xin lỗi và hẹn lại ngày trả kết quả (form 04 of Circular 01/2018/TT-VPCP) for a dossier
 * whose step went past its deadline: the date that was missed, the new date the workflow set, and
 * the non-working days that moved it; on A4.
 */
import { Alert } from '@mantine/core';
import { useParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { PageLoader } from '../../components/PageLoader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatLongDate } from '../../format/dates';
import { PrintSheet } from './PrintSheet';
import { latestApology } from './apology';
import { usePrintData } from './print-data';

export function ApologyPage() {
  const { code = '' } = useParams();
  const { dossier } = usePrintData(code);
  if (dossier.error) return <ProblemAlert error={dossier.error} />;
  if (!dossier.data) {
    return <PageLoader />;
  }
  const d = dossier.data;
  const apology = latestApology(d.deadlines);
  if (!apology) {
    return (
      <main style={{ maxWidth: 640, margin: '32px auto', padding: 16 }}>
        <PageTitle>Phiếu xin lỗi và hẹn lại ngày trả kết quả</PageTitle>
        <Alert color="blue" title="Hồ sơ chưa quá hạn">
          Hồ sơ {d.code} chưa có bước nào quá hạn, nên không có phiếu xin lỗi để in.
        </Alert>
      </main>
    );
  }
  const unit = apology.revised.unit === 'working-days' ? 'ngày làm việc' : 'ngày';
  return (
    <PrintSheet size="A4" title="Phiếu xin lỗi và hẹn lại ngày trả kết quả" code={d.code} lookup={d.publicLookupUrl}>
      <p>
        Kính gửi: <strong>{d.applicant.name}</strong>
      </p>
      <p>
        Ngày {formatDate(d.filedOn)}, cơ quan giải quyết thủ tục hành chính tiếp nhận hồ sơ <strong>{d.code}</strong> đề nghị lựa chọn chủ
        đầu tư hạ tầng kỹ thuật cụm công nghiệp {d.cluster.name} ({d.projectTitle}).
      </p>
      <p>
        Bước {apology.stageName} có hạn giải quyết ngày <strong>{formatDate(apology.missed.due)}</strong>, nhưng đến nay chưa giải quyết
        xong. Cơ quan giải quyết thủ tục hành chính thành thật xin lỗi quý tổ chức vì sự chậm trễ này.
      </p>
      <dl>
        <dt>Mã hồ sơ</dt>
        <dd>
          <strong>{d.code}</strong>
        </dd>
        <dt>Hạn đã hẹn</dt>
        <dd>{formatDate(apology.missed.due)}</dd>
        <dt>Ngày hẹn trả kết quả mới</dt>
        <dd>
          <strong>{formatLongDate(apology.revised.due)}</strong>
        </dd>
        <dt>Cách tính</dt>
        <dd>
          {apology.revised.amount} {unit}
          {apology.revised.from ? ` kể từ sau ngày ${formatDate(apology.revised.from)}` : ''}
        </dd>
      </dl>
      {apology.revised.skipped.length > 0 && (
        <>
          <p>Các ngày không làm việc không được tính:</p>
          <ul>
            {apology.revised.skipped.map((day) => (
              <li key={day.date}>
                {formatDate(day.date)}: {day.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="signatures">
        <div />
        <div>
          <strong>Thủ trưởng cơ quan</strong>
          <br />
          <em>(ký, ghi rõ họ tên, đóng dấu)</em>
        </div>
      </div>
    </PrintSheet>
  );
}
