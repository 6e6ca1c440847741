import { type ResultOf, graphql } from "@/graphql/client/graphql";

/** The GraphQL the import page reads and writes (the same public schema third parties use), typed from the schema. */
export const IMPORT_FIELDS = graphql(`
  fragment ImportFields on Import {
    id
    fileName
    fileSize
    checksum
    status
    encoding
    delimiter
    numberStyle
    headers
    createdAt
    createdBy
    inserted
    updated
    unchanged
    dataRows
    error
    canCommit
    canCancel
    canRollback
    sampleRows {
      cells
    }
    progress {
      status
      rowsDone
      rowsTotal
      fraction
      cancelRequested
    }
    mapping {
      layout
      defaultChannel
      currency
      rate
      columns {
        index
        target
      }
      measureAliases {
        value
        measure
      }
    }
    mappingTargets {
      key
      kind
      nameEn
      nameRu
    }
    preview {
      row
      date
      channel
      campaign
      measure
      value
    }
    report {
      errorCount
      factCount
      dataRows
      unmappedColumns
      unmappedChannels
      issues {
        code
        row
        column
        value
        reason
        reasonCode
        reasonRu
        reasonEn
      }
      unknownMeasures {
        name
        rows
        firstRow
        suggestion
      }
    }
    duplicateOf {
      id
      createdAt
    }
  }
`);

export const HISTORY_QUERY = graphql(`
  query ImportHistory($ws: ID!) {
    workspace(id: $ws) {
      imports(first: 20) {
        edges {
          node {
            id
            fileName
            source
            createdAt
            createdBy
            status
            dataRows
            checksum
            canRollback
            canCancel
            progress {
              rowsDone
              rowsTotal
              fraction
            }
          }
        }
      }
    }
  }
`);

export const IMPORT_QUERY = graphql(
  `
    query ImportOne($ws: ID!, $id: ID!) {
      workspace(id: $ws) {
        import(id: $id) {
          ...ImportFields
        }
      }
    }
  `,
  [IMPORT_FIELDS],
);

export const UPDATE_MAPPING = graphql(
  `
    mutation UpdateImportMapping($id: ID!, $mapping: ImportMappingInput!, $numberStyle: ImportNumberStyle) {
      updateImportMapping(id: $id, mapping: $mapping, numberStyle: $numberStyle) {
        ...ImportFields
      }
    }
  `,
  [IMPORT_FIELDS],
);

export const COMMIT = graphql(
  `
    mutation CommitImport($id: ID!) {
      commitImport(id: $id) {
        ...ImportFields
      }
    }
  `,
  [IMPORT_FIELDS],
);
export const CANCEL = graphql(
  `
    mutation CancelImport($id: ID!) {
      cancelImport(id: $id) {
        ...ImportFields
      }
    }
  `,
  [IMPORT_FIELDS],
);
export const ROLLBACK = graphql(
  `
    mutation RollbackImport($id: ID!) {
      rollbackImport(id: $id) {
        ...ImportFields
      }
    }
  `,
  [IMPORT_FIELDS],
);

export type ImportView = ResultOf<typeof IMPORT_FIELDS>;
export type ImportStatus = ImportView["status"];
export const LIVE: readonly ImportStatus[] = ["QUEUED", "VALIDATING", "RUNNING"];

type HistoryResult = NonNullable<ResultOf<typeof HISTORY_QUERY>["workspace"]>;
export type HistoryItem = NonNullable<HistoryResult["imports"]>["edges"][number]["node"];
