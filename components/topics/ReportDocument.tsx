import { Fragment } from 'preact';
import { useMemo } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { reportBlocks, type Block, type Line } from '@/lib/report-html';

/** A line's runs: text as text, links opening in a new tab. */
function Runs({ line }: { line: Line }) {
  return (
    <>
      {line.map((r, i) =>
        r.href === undefined ? (
          r.text
        ) : (
          <a key={i} href={r.href} target="_blank" rel="noopener noreferrer">
            {r.text}
          </a>
        ),
      )}
    </>
  );
}

/** The report's headings under the section's own (h2): its title h3, its parts h4. */
const HEADINGS = { 1: 'h3', 2: 'h4', 3: 'h5' } as const;

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'heading': {
      const H = HEADINGS[block.level];
      return (
        <H>
          <Runs line={block.line} />
        </H>
      );
    }
    case 'paragraph':
      return <p>{block.emphasis ? <em><Runs line={block.line} /></em> : <Runs line={block.line} />}</p>;
    case 'list':
      return (
        <ul>
          {block.items.map((lines, i) => (
            <li key={i}>
              {lines.map((line, k) => (
                <Fragment key={k}>
                  {k > 0 && <br />}
                  <Runs line={line} />
                </Fragment>
              ))}
            </li>
          ))}
        </ul>
      );
    case 'table':
      return (
        <table>
          <thead>
            <tr>
              {block.head.map((c, k) => (
                <th key={k} scope="col" class={block.align[k] === 'right' ? 'num' : undefined}>
                  <Runs line={c} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, i) => (
              <tr key={i}>
                {row.map((c, k) => (
                  <td key={k} class={block.align[k] === 'right' ? 'num' : undefined}>
                    <Runs line={c} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

/**
 * The weekly report as the meeting reads it: its Markdown drawn as a document (headings, lists,
 * links, the table), from the same text the exports and the clipboard hold.
 */
export function ReportDocument({ markdown }: { markdown: string }) {
  const blocks = useMemo(() => reportBlocks(markdown), [markdown]);
  return (
    <article class="report-doc" data-testid="report-view" tabIndex={0} aria-label={t('report_view_label')}>
      {blocks.map((b, i) => (
        <BlockView key={i} block={b} />
      ))}
    </article>
  );
}
