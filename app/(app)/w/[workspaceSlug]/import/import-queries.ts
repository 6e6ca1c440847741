/** The GraphQL the import page reads and writes (the same public schema third parties use). */
export const IMPORT_FIELDS = /* GraphQL */ `
  fragment ImportFields on Import {
    id fileName fileSize checksum status encoding delimiter numberStyle headers createdAt createdBy
    inserted updated unchanged dataRows error canCommit canCancel canRollback
    sampleRows { cells }
    progress { status rowsDone rowsTotal fraction cancelRequested }
    mapping { layout defaultChannel currency rate columns { index target } measureAliases { value measure } }
    mappingTargets { key kind nameEn nameRu }
    preview { row date channel campaign measure value }
    report { errorCount factCount dataRows unmappedColumns unmappedChannels issues { code row column value reason reasonCode reasonRu reasonEn } unknownMeasures { name rows firstRow suggestion } }
    duplicateOf { id createdAt }
  }
`;

export const HISTORY_QUERY = /* GraphQL */ `
  query ImportHistory($ws: ID!) {
    workspace(id: $ws) {
      imports(first: 20) { edges { node { id fileName source createdAt createdBy status dataRows checksum canRollback canCancel progress { rowsDone rowsTotal fraction } } } }
    }
  }
`;

export const IMPORT_QUERY = /* GraphQL */ `
  query ImportOne($ws: ID!, $id: ID!) { workspace(id: $ws) { import(id: $id) { ...ImportFields } } }
  ${IMPORT_FIELDS}
`;

export const UPDATE_MAPPING = /* GraphQL */ `
  mutation UpdateImportMapping($id: ID!, $mapping: ImportMappingInput!, $numberStyle: ImportNumberStyle) {
    updateImportMapping(id: $id, mapping: $mapping, numberStyle: $numberStyle) { ...ImportFields }
  }
  ${IMPORT_FIELDS}
`;

export const COMMIT = /* GraphQL */ `mutation CommitImport($id: ID!) { commitImport(id: $id) { ...ImportFields } } ${IMPORT_FIELDS}`;
export const CANCEL = /* GraphQL */ `mutation CancelImport($id: ID!) { cancelImport(id: $id) { ...ImportFields } } ${IMPORT_FIELDS}`;
export const ROLLBACK = /* GraphQL */ `mutation RollbackImport($id: ID!) { rollbackImport(id: $id) { ...ImportFields } } ${IMPORT_FIELDS}`;

export type ImportStatus = "UPLOADED" | "QUEUED" | "VALIDATING" | "RUNNING" | "COMMITTED" | "FAILED" | "CANCELLED" | "ROLLED_BACK";
export const LIVE: readonly ImportStatus[] = ["QUEUED", "VALIDATING", "RUNNING"];

export interface ImportView {
  id: string;
  fileName: string;
  fileSize: number;
  checksum: string;
  status: ImportStatus;
  encoding: string;
  delimiter: string;
  numberStyle: "RU" | "EN";
  headers: string[];
  createdAt: string;
  createdBy: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  dataRows: number;
  error: string | null;
  canCommit: boolean;
  canCancel: boolean;
  canRollback: boolean;
  sampleRows: { cells: string[] }[];
  progress: { status: ImportStatus; rowsDone: number; rowsTotal: number; fraction: number; cancelRequested: boolean };
  mapping: { layout: "WIDE" | "LONG"; defaultChannel: string | null; currency: string | null; rate: string | null; columns: { index: number; target: string }[]; measureAliases: { value: string; measure: string }[] };
  mappingTargets: { key: string; kind: "DIMENSION" | "MEASURE"; nameEn: string; nameRu: string }[];
  preview: { row: number; date: string; channel: string; campaign: string; measure: string; value: string }[];
  report: {
    errorCount: number;
    factCount: number;
    dataRows: number;
    unmappedColumns: string[];
    /** Channels of the file in no channel group. */
    unmappedChannels: string[];
    issues: { code: string; row: number; column: string | null; value: string | null; reason: string; reasonCode: string | null; reasonRu: string; reasonEn: string }[];
    unknownMeasures: { name: string; rows: number; firstRow: number; suggestion: string | null }[];
  };
  duplicateOf: { id: string; createdAt: string } | null;
}

export interface HistoryItem {
  id: string;
  fileName: string;
  /** CSV or DEMO: the demo dataset is named in words, not by its internal file name. */
  source: "CSV" | "DEMO";
  createdAt: string;
  createdBy: string | null;
  status: ImportStatus;
  dataRows: number;
  checksum: string;
  canRollback: boolean;
  canCancel: boolean;
  progress: { rowsDone: number; rowsTotal: number; fraction: number };
}
