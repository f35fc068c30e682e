import { ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { formatNumber } from '../format.js';
import { t } from '../i18n/i18n.js';
import { countNewlines, csvRowsSoFar, elapsedSeconds } from '../progress.js';
import { showError } from './notice.js';

/**
 * A long operation in progress: its button disabled and marked busy, and a status line saying what is
 * running, with a count when there is one and the seconds elapsed, until it ends.
 */
export interface Busy {
  /** New words for the status line ("1 200 rows received"). */
  update(text: string): void;
  /** Ends the busy state; the status line is left to the caller's next message. */
  end(): void;
}

export function startBusy(button: HTMLButtonElement | null, status: HTMLElement, text: string): Busy {
  const started = Date.now();
  let current = text;
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  }
  const line = h('p', { class: 'busy-line', 'data-testid': 'busy' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', null, current), h('span', { class: 'muted small' }));
  const draw = () => {
    const seconds = elapsedSeconds(started, Date.now());
    line.children[1]!.textContent = current;
    line.children[2]!.textContent = seconds > 0 ? ` ${t('common.busy.elapsed', { seconds })}` : '';
  };
  replace(status, line);
  const timer = window.setInterval(draw, 1000);
  return {
    update(next) {
      current = next;
      draw();
    },
    end() {
      window.clearInterval(timer);
      line.remove();
      if (button) {
        button.disabled = false;
        button.removeAttribute('aria-busy');
      }
    },
  };
}

/**
 * Downloads a CSV export through fetch rather than a plain link, so the page can say it is being
 * prepared and count the rows as they arrive; the file is then saved under `filename`.
 */
export async function downloadCsv(url: string, filename: string, button: HTMLButtonElement, status: HTMLElement): Promise<void> {
  const busy = startBusy(button, status, t('common.export.preparing'));
  try {
    const res = await fetch(url, { credentials: 'same-origin' });
    if (!res.ok || !res.body) {
      const err = ((await res.json().catch(() => null)) as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
      throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `The server answered ${res.status}.`, err?.field);
    }
    const reader = res.body.getReader();
    const parts: BlobPart[] = [];
    let newlines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      newlines += countNewlines(value);
      busy.update(t('common.export.rows', { rows: formatNumber(csvRowsSoFar(newlines)) }));
    }
    const link = h('a', { href: URL.createObjectURL(new Blob(parts, { type: 'text/csv' })), download: filename, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    busy.end();
    replace(status, h('p', { class: 'notice notice-ok' }, t('common.export.done', { rows: formatNumber(csvRowsSoFar(newlines)), file: filename })));
  } catch (err) {
    busy.end();
    showError(status, err);
  }
}
