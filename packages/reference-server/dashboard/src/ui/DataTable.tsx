/** A table of rows with a header of column names, or a sentence when there are none. */
import type { ReactNode } from "react"

export interface DataTableProps<A> {
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<A>
  /** Said instead of an empty table, e.g. "No invoices yet." */
  readonly empty: string
  readonly rowKey: (row: A) => string
  /** A row's cells (`<td>`s), in the order of `columns`. */
  readonly cells: (row: A) => ReactNode
}

export const DataTable = <A,>({ columns, rows, empty, rowKey, cells }: DataTableProps<A>) =>
  rows.length === 0 ? (
    <p>{empty}</p>
  ) : (
    <table>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>{cells(row)}</tr>
        ))}
      </tbody>
    </table>
  )
