// Dashboard client: the language split of the range.
import type { LanguagesBody } from './api';
import { byId, el } from './dom';
import { languageLabel, numberFormat, percentFormat } from './format';

/** Renders one row per language, with a bar of its share. */
export function renderLanguages(report: LanguagesBody): void {
  const body = byId('languages-table').querySelector('tbody') as HTMLTableSectionElement;
  body.replaceChildren();
  for (const row of report.languages) {
    const bar = el('span', { class: 'bar', 'aria-hidden': 'true' });
    bar.style.width = `${Math.max(row.share * 100, 0.5).toFixed(1)}%`;
    const share = el('td', { class: 'bar-cell', title: percentFormat.format(row.share) }, [
      bar,
      el('span', { class: 'visually-hidden', text: percentFormat.format(row.share) }),
    ]);
    body.appendChild(
      el('tr', {}, [
        el('td', { text: languageLabel(row.language) }),
        el('td', { class: 'num', text: numberFormat.format(row.posts) }),
        share,
      ]),
    );
  }
}
