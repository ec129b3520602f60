"""The page every handout is set on: one self-contained HTML file (inline CSS, no scripts, no
fonts or pictures fetched), A4 in print, one page each where the content allows. Built on the
reports' stylesheet, with a few rules of its own for cards, ladders and writing space."""
from __future__ import annotations

from ..report.page import CSS as REPORT_CSS
from ..report.page import esc

SHEET_CSS = """
body { max-width: 52rem; }
header.sheet { display: flex; justify-content: space-between; align-items: baseline;
               border-bottom: 3px solid var(--accent); margin-bottom: 1rem; gap: 1rem; }
header.sheet h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
header.sheet .scenario { font-size: .9rem; color: var(--soft); text-align: right; }
h2 { margin-top: 1.4rem; }
.intro { font-size: 1.05rem; max-width: 46rem; }
.words-grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .8rem 1.2rem; }
.word { border: 2px solid var(--accent); border-radius: 8px; padding: .5rem .8rem; break-inside: avoid; }
.word h3 { margin: 0 0 .2rem; font-size: 1.15rem; }
.word p { margin: .2rem 0; }
.word .ask { font-style: italic; color: var(--soft); }
.history p { margin: .4rem 0; }
.ladder { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 1.3fr); gap: 1.2rem; align-items: start; }
.rails { border-left: 6px solid var(--accent); border-right: 6px solid var(--accent); padding: .3rem .4rem; }
.rung { border-bottom: 4px solid var(--accent); padding: .35rem .5rem .3rem; display: grid;
        grid-template-columns: 2.2rem 1fr 6.5rem; gap: .5rem; align-items: baseline; break-inside: avoid; }
.rung:last-child { border-bottom: 0; }
.rung .n { font-weight: 700; font-size: 1.2rem; }
.rung .name { font-weight: 700; }
.rung .group { font-size: .85rem; color: var(--soft); text-align: right; }
.rung .sig { grid-column: 2 / 4; font-size: .92rem; }
.off { border: 3px dashed #8a3a14; border-radius: 8px; padding: .6rem .8rem; margin-top: 4rem; }
.off h3 { margin: 0 0 .3rem; color: #8a3a14; }
.cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .55rem; }
.card { border: 1px solid #8a8a98; border-radius: 8px; padding: .5rem .7rem; break-inside: avoid;
        display: flex; gap: .7rem; align-items: flex-start; }
.card img { width: 3.4rem; height: 3.4rem; object-fit: contain; flex: none; }
.card h3 { margin: 0 0 .15rem; font-size: 1.1rem; }
.card p { margin: 0; font-size: .9rem; }
.card .plays { font-size: .8rem; color: var(--soft); font-weight: 600; margin-top: .25rem; }
table.blank td, table.blank th { height: 2.1rem; }
table.blank thead th { font-size: .95rem; }
table.blank { border: 1px solid var(--line); }
table.blank td + td, table.blank th + th { border-left: 1px solid var(--line); }
.agreement h3 { margin: .7rem 0 .1rem; font-size: 1rem; }
.agreement .hint { margin: 0; font-size: .85rem; color: var(--soft); }
.agreement .write { height: 1.7rem; max-width: none; }
.asof { border-left: 5px solid #a87a00; background: #fff8e5; padding: .45rem .8rem; margin: .6rem 0 1rem; font-weight: 600; }
dl.money { margin: 0; }
dl.money div { break-inside: avoid; }
dl.money dt { font-weight: 700; margin-top: .45rem; }
dl.money dd { margin: .05rem 0 0; max-width: 46rem; }
.prompts .chapter { break-inside: avoid; }
.prompts h3 { margin: 1rem 0 .3rem; }
.prompts h4 { margin: .5rem 0 .1rem; font-size: .95rem; }
.prompts h4 .who { font-weight: normal; color: var(--soft); }
.prompts ul { margin: .1rem 0 .3rem; padding-left: 1.2rem; }
.prompts .column + .column { margin-top: 0; }
.lines th { width: 28%; }
footer.sheet { margin-top: 1.2rem; border-top: 1px solid var(--line); padding-top: .3rem; }
@media (max-width: 40rem) {
  .words-grid, .cards, .ladder { grid-template-columns: 1fr; }
  .off { margin-top: 0; }
}
@media print {
  @page { size: A4; margin: 10mm 12mm; }
  .intro { margin: .3rem 0 .6rem; }
  header.sheet { margin-bottom: .6rem; }
  html { font-size: 10pt; }
  header.sheet h1 { font-size: 1.5rem; }
  h2 { margin-top: 1rem; }
  .words-grid { gap: .55rem .9rem; }
  .word { padding: .35rem .7rem; }
  .words-grid, .cards, .ladder { display: grid; }
  .prompts .chapter + .chapter { break-before: auto; }
  footer.sheet { margin-top: .6rem; }
}
"""


def sheet(title: str, scenario_title: str, body: str, made: str) -> str:
    """One handout as a whole HTML page."""
    return ("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{esc(title)}: {esc(scenario_title)}</title>\n"
            f"<style>{REPORT_CSS}{SHEET_CSS}</style>\n</head>\n<body>\n"
            f'<header class="sheet"><h1>{esc(title)}</h1>'
            f'<span class="scenario">Making Together<br>{esc(scenario_title)}</span></header>\n'
            f"<main>\n{body}\n</main>\n"
            f'<footer class="sheet small">A Making Together handout for {esc(scenario_title)}, '
            f"made {esc(made)}.</footer>\n</body>\n</html>\n")
