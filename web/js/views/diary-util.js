// Общие помощники дневника: даты по-русски, отметки (цвет по значению и текст), значок-колокольчик.
import { h, s, plural } from '../dom.js';

export const WEEKDAYS = ['Воскресенье', 'Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота'];
export const WEEKDAYS_SHORT = ['Вс', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'];
const MONTHS_GEN = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** 'YYYY-MM-DD' → Date в UTC (без сдвига часового пояса). */
export function parseDate(d) {
  const [y, m, day] = String(d).slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, day));
}
export function isoDate(dt) { return dt.toISOString().slice(0, 10); }
export function addDays(d, n) { const x = parseDate(d); x.setUTCDate(x.getUTCDate() + n); return isoDate(x); }
export function weekdayOf(d) { return parseDate(d).getUTCDay(); }

/** «16 ноября» */
export function dayMonth(d) { const x = parseDate(d); return `${x.getUTCDate()} ${MONTHS_GEN[x.getUTCMonth()]}`; }
/** «16.11» */
export function shortDate(d) { return d ? `${d.slice(8, 10)}.${d.slice(5, 7)}` : ''; }

/** «16–22 ноября 2026», «30 ноября – 6 декабря 2026» */
export function weekRange(start, end) {
  const a = parseDate(start), b = parseDate(end);
  if (a.getUTCMonth() === b.getUTCMonth()) return `${a.getUTCDate()}–${b.getUTCDate()} ${MONTHS_GEN[b.getUTCMonth()]} ${b.getUTCFullYear()}`;
  const y = a.getUTCFullYear() === b.getUTCFullYear() ? '' : ` ${a.getUTCFullYear()}`;
  return `${a.getUTCDate()} ${MONTHS_GEN[a.getUTCMonth()]}${y} – ${b.getUTCDate()} ${MONTHS_GEN[b.getUTCMonth()]} ${b.getUTCFullYear()}`;
}

const nameOf = (x) => (x == null ? '' : typeof x === 'string' ? x : (x.name || x.full_name || ''));
export { nameOf };

/** Текст отметки: 5, «зач», «незач», «•» (точка). */
export function markText(m) {
  if (!m) return '';
  if (m.kind === 'pass') return 'зач';
  if (m.kind === 'fail') return 'незач';
  if (m.kind === 'point') return '•';
  return String(m.value);
}

/** Полное название отметки для подписи и экранного диктора. */
export function markSpoken(m) {
  if (m.kind === 'pass') return 'зачёт';
  if (m.kind === 'fail') return 'незачёт';
  if (m.kind === 'point') return 'точка (долг)';
  return `отметка ${m.value}`;
}

/** Класс цвета отметки: 5 — зелёный, 4 — бирюзовый, 3 — янтарный, 2 и ниже — красный. max — верх шкалы. */
export function markClass(m, max = 5) {
  if (!m) return '';
  if (m.kind === 'pass') return 'mk-5';
  if (m.kind === 'fail') return 'mk-2';
  if (m.kind === 'point') return 'mk-point';
  return `mk-${scaled(Number(m.value), max)}`;
}

/** Значение средней или отметки в пятибалльном эквиваленте (для цвета). */
export function scaled(v, max = 5) {
  if (!Number.isFinite(v)) return 'none';
  const x = max && max !== 5 ? (v / max) * 5 : v;
  if (x >= 4.5) return 5;
  if (x >= 3.5) return 4;
  if (x >= 2.5) return 3;
  return 2;
}

export function fmtAverage(v) {
  if (v == null || v === '' || !Number.isFinite(Number(v))) return '—';
  return Number(v).toFixed(2).replace('.', ',');
}

export function fmtWeight(w) {
  const n = Number(w);
  if (!Number.isFinite(n) || n === 1) return '';
  return `×${String(n).replace('.', ',')}`;
}

const COUNT_WORDS = { 1: 'одна', 2: 'две', 3: 'три', 4: 'четыре' };
const MARK_NAMES = { 5: ['пятёрка', 'пятёрки', 'пятёрок'], 4: ['четвёрка', 'четвёрки', 'четвёрок'] };

/** Прогноз: «До 5: ещё 3 пятёрки» / «До 4: одна 4 и одна 5». */
export function forecastText(next) {
  if (!next || next.target == null) return '';
  const parts = [];
  if (Number(next.fives) > 0) {
    const n = Number(next.fives);
    parts.push(`ещё ${n} ${plural(n, ...MARK_NAMES[5])}`);
  }
  const ff = next.fours_and_fives;
  if (ff && Number(ff.fours) > 0) {
    const bits = [];
    if (Number(ff.fours) > 0) bits.push(`${COUNT_WORDS[ff.fours] || ff.fours} 4`);
    if (Number(ff.fives) > 0) bits.push(`${COUNT_WORDS[ff.fives] || ff.fives} 5`);
    parts.push(bits.join(' и '));
  }
  if (!parts.length) return '';
  return `До ${next.target}: ${parts.join(' или ')}`;
}

export const ATT_TITLES = { Н: 'не был на уроке', О: 'опоздал', Б: 'болел' };
export const REASON_TITLES = { УП: 'уважительная причина', НП: 'неуважительная причина' };

export function attendanceBadge(a) {
  if (!a || !a.code) return null;
  const what = ATT_TITLES[a.code] || a.code;
  const why = a.reason ? `, ${REASON_TITLES[a.reason] || a.reason}` : '';
  return h('span', { class: `dy-att dy-att-${a.code === 'Н' ? 'n' : a.code === 'О' ? 'o' : 'b'}`, title: what + why },
    h('span', { class: 'dy-att-code', 'aria-hidden': 'true' }, a.code),
    h('span', { class: 'dy-att-text' }, `${what}${a.reason ? ` (${a.reason})` : ''}`));
}

export function fileSize(n) {
  const v = Number(n) || 0;
  if (v < 1024) return `${v} Б`;
  if (v < 1024 * 1024) return `${Math.round(v / 1024)} КБ`;
  return `${(v / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;
}

export function fileLinks(files) {
  if (!files || !files.length) return null;
  return h('ul', { class: 'dy-files' }, files.map((f) => h('li', {},
    h('a', { class: 'dy-file', href: `/api/v1/files/${f.id}`, download: f.name || '' },
      svgIcon('clip'), h('span', { class: 'dy-file-name' }, f.name || 'файл'),
      f.size != null ? h('span', { class: 'dy-file-size muted' }, fileSize(f.size)) : null))));
}

const SVG = {
  bell: ['M6 17V11a6 6 0 0 1 12 0v6l1.5 2h-15z', 'M10 21h4'],
  prev: ['M15 5l-7 7 7 7'],
  next: ['M9 5l7 7-7 7'],
  clip: ['M20 11.5l-8 8a5 5 0 0 1-7-7l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8'],
  today: ['M4 6h16v14H4z', 'M4 10h16', 'M8 3v4', 'M16 3v4', 'M10.5 14.5h3v3h-3z'],
};

/** Значок дневника (SVG без внешних ресурсов). */
export function svgIcon(name) {
  return s('svg', { class: 'icon dy-icon', viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    ...(SVG[name] || []).map((d) => s('path', { d })));
}
