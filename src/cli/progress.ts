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
