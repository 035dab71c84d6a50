/** A one-line progress bar on stderr, drawn only when stderr is a terminal. */
export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr) {
  const draw = stream.isTTY && total > 1;
  return {
    update(done: number) {
      if (!draw) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      if (done === total) stream.write('\n');
    },
  };
}

/** For commands that go table by table: each table's name (with its row count off a terminal), then its bar. */
export function tableProgress(): (table: string, done: number, total: number) => void {
  let current = '';
  let bar: ReturnType<typeof progressBar> | undefined;
  return (table, done, total) => {
    if (table !== current) {
      current = table;
      process.stderr.write(`${table}${total > 1 && process.stderr.isTTY ? '\n' : ` (${total})\n`}`);
      bar = progressBar(total);
    }
    bar?.update(done);
  };
}
