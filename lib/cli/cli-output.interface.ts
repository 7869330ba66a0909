/** Where a CLI command writes: results to `out` (stdout), everything else to `err` (stderr). */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}
