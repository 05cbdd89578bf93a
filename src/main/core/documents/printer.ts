/**
 * The printer the print console sends letters to. The Electron main process provides one (its print API);
 * the browser harness and tests have none — a print job's merged PDF is then its output, to print from
 * the browser, and the print is still recorded.
 */
export interface PrinterInfo {
  name: string
  isDefault: boolean
}

export interface Printer {
  list(): Promise<PrinterInfo[]>
  /** Prints one PDF on the named device ('' = the system's default printer); rejects when it could not be sent. */
  print(pdf: Buffer, deviceName: string): Promise<void>
}
