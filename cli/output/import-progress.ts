import { Presets, SingleBar } from 'cli-progress';
import type { ImportProgress, RowOutcome } from '../agency-import/send-agencies.js';
import type { CliStream } from './cli-io.js';

const describeOutcome = (outcome: RowOutcome) =>
  `line ${outcome.line} ${outcome.ori ?? ''} ${outcome.outcome}`;

/** On a terminal: a bar redrawn in place (cli-progress), on stderr so stdout keeps only the report. */
function progressBar(stream: CliStream): ImportProgress {
  const bar = new SingleBar(
    {
      stream,
      format: 'Importing agencies [{bar}] {value}/{total} | {row}',
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.legacy,
  );
  return {
    start: (total) => bar.start(total, 0, { row: '' }),
    sent: (outcome) => bar.increment({ row: describeOutcome(outcome) }),
    stop: () => bar.stop(),
  };
}

/** Anywhere else (a log, a CI job): one plain line per row sent, which a redrawn bar would garble. */
function progressLines(stream: CliStream): ImportProgress {
  let total = 0;
  let done = 0;
  return {
    start: (count) => {
      total = count;
    },
    sent: (outcome) => {
      done += 1;
      stream.write(`[${done}/${total}] ${describeOutcome(outcome)}\n`);
    },
    stop: () => undefined,
  };
}

export const importProgress = (stream: CliStream): ImportProgress =>
  stream.isTTY ? progressBar(stream) : progressLines(stream);
