import type { DocumentVersion, User } from '../../generated/prisma/client';

export type VersionView = {
  id: string;
  item: string;
  version: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  corrupt: boolean;
  contentUrl: string;
};

export function versionView(version: DocumentVersion & { uploadedBy: User }, item: string, dossierCode: string): VersionView {
  return {
    id: version.id,
    item,
    version: version.version,
    fileName: version.fileName,
    contentType: version.contentType,
    sizeBytes: version.sizeBytes,
    sha256: version.sha256,
    uploadedBy: version.uploadedBy.username,
    uploadedAt: version.uploadedAt.toISOString(),
    corrupt: version.corruptAt !== null,
    contentUrl: `/api/dossiers/${dossierCode}/documents/${version.id}/content`,
  };
}
