// Настройки школы: вкладки «Параметры» (school.settings.edit), «Часовой пояс»
// (school.region_settings.edit) и «Справочники» (school.dictionaries.edit).
// Адреса: #/settings/params, #/settings/timezone, #/settings/dictionaries[/<вид>].
import { h, setBusy } from '../dom.js';
import { api } from '../api.js';
import { schoolOperations } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';
import { renderDictionaries } from './school-dicts.js';
import { formatDay } from './school.js';

export const title = 'Настройки школы';

// Часовые пояса России (IANA); сервер принимает любой пояс, известный ICU.
const RU_ZONES = [
  ['Europe/Kaliningrad', 'Калининград (МСК−1)'],
  ['Europe/Moscow', 'Москва (МСК)'],
  ['Europe/Kirov', 'Киров (МСК)'],
  ['Europe/Volgograd', 'Волгоград (МСК)'],
  ['Europe/Astrakhan', 'Астрахань (МСК+1)'],
  ['Europe/Samara', 'Самара (МСК+1)'],
  ['Europe/Saratov', 'Саратов (МСК+1)'],
  ['Europe/Ulyanovsk', 'Ульяновск (МСК+1)'],
  ['Asia/Yekaterinburg', 'Екатеринбург (МСК+2)'],
  ['Asia/Omsk', 'Омск (МСК+3)'],
  ['Asia/Novosibirsk', 'Новосибирск (МСК+4)'],
  ['Asia/Barnaul', 'Барнаул (МСК+4)'],
  ['Asia/Tomsk', 'Томск (МСК+4)'],
  ['Asia/Novokuznetsk', 'Новокузнецк (МСК+4)'],
  ['Asia/Krasnoyarsk', 'Красноярск (МСК+4)'],
  ['Asia/Irkutsk', 'Иркутск (МСК+5)'],
  ['Asia/Chita', 'Чита (МСК+6)'],
  ['Asia/Yakutsk', 'Якутск (МСК+6)'],
  ['Asia/Vladivostok', 'Владивосток (МСК+7)'],
  ['Asia/Sakhalin', 'Сахалин (МСК+8)'],
  ['Asia/Magadan', 'Магадан (МСК+8)'],
  ['Asia/Srednekolymsk', 'Среднеколымск (МСК+8)'],
  ['Asia/Kamchatka', 'Камчатка (МСК+9)'],
  ['Asia/Anadyr', 'Анадырь (МСК+9)'],
];

const TABS = [
  { key: 'params', title: 'Параметры', need: 'school.settings.edit' },
  { key: 'timezone', title: 'Часовой пояс', need: 'school.region_settings.edit' },
  { key: 'dictionaries', title: 'Справочники', need: 'school.dictionaries.edit' },
];

// Поля формы параметров по группам. type: int | number | check | select | text | password | url | email
const GROUPS = [
  ['Шкала отметок и усреднение', [
    { key: 'mark_min', label: 'Минимальная отметка', type: 'int' },
    { key: 'mark_max', label: 'Максимальная отметка', type: 'int' },
    { key: 'averaging', label: 'Средний балл', type: 'select', options: [['weighted', 'Средневзвешенный (по весам видов работ)'], ['arithmetic', 'Среднее арифметическое']] },
    { key: 'round_threshold', label: 'Порог округления', type: 'number', hint: 'От 0,5 до 0,9: при 0,6 средний балл 3,6 округляется до 4, а 3,5 — до 3' },
  ]],
  ['Ступени обучения', [
    { key: 'noo_last_grade', label: 'Последний класс начального общего образования', type: 'int' },
    { key: 'ooo_last_grade', label: 'Последний класс основного общего образования', type: 'int', hint: 'Дальше до 11 класса — среднее общее образование' },
  ]],
  ['Журнал', [
    { key: 'lock_days', label: 'Блокировать правку журнала через, дней', type: 'int', hint: 'От 0 до 365' },
    { key: 'period_marks_due_days', label: 'Срок выставления итоговых отметок после конца периода, дней', type: 'int' },
    { key: 'forbid_past_homework', label: 'Запретить задавать домашнее задание на сегодня и прошедшие уроки', type: 'check' },
  ]],
  ['Электронная почта', [
    { key: 'notify_email', label: 'Отправлять уведомления по электронной почте', type: 'check' },
    { key: 'smtp_host', label: 'SMTP-сервер', type: 'text' },
    { key: 'smtp_port', label: 'Порт', type: 'int' },
    { key: 'smtp_user', label: 'Пользователь', type: 'text' },
    { key: 'smtp_password', label: 'Пароль', type: 'password', secret: 'smtp_password_set' },
    { key: 'smtp_from', label: 'Адрес отправителя', type: 'email' },
  ]],
  ['SMS', [
    { key: 'notify_sms', label: 'Отправлять SMS-уведомления', type: 'check' },
    { key: 'sms_gateway_url', label: 'Адрес SMS-шлюза', type: 'url', hint: 'Начинается с https:// или http://' },
    { key: 'sms_sender', label: 'Имя отправителя', type: 'text' },
    { key: 'sms_token', label: 'Ключ доступа', type: 'password', secret: 'sms_token_set' },
  ]],
];

function paramsForm(box, data) {
  const status = messageArea({ id: 'ss-status', role: 'status' });
  const alert = messageArea({ id: 'ss-error', role: 'alert' });
  const controls = [];

  function control(f) {
    const id = `ss-f-${f.key}`;
    const v = data[f.key];
    if (f.type === 'check') {
      const input = h('input', { id, type: 'checkbox', class: 'checkbox', checked: !!v });
      const err = h('p', { class: 'field-error', id: `err-${id}` });
      controls.push({ f, input, err, get: () => input.checked });
      return h('div', { class: 'ss-check-wrap' }, h('div', { class: 'check' }, input, h('label', { for: id }, f.label)), err);
    }
    let input;
    if (f.type === 'select') {
      input = h('select', { id, class: 'input' }, f.options.map(([val, t]) => h('option', { value: val, selected: v === val }, t)));
    } else {
      input = h('input', {
        id, class: 'input', autocomplete: f.type === 'password' ? 'new-password' : 'off',
        type: f.type === 'password' ? 'password' : f.type === 'email' ? 'email' : f.type === 'url' ? 'url' : 'text',
        inputmode: f.type === 'int' ? 'numeric' : f.type === 'number' ? 'decimal' : null,
        value: f.type === 'password' ? '' : f.type === 'number' ? String(v).replace('.', ',') : (v ?? ''),
        placeholder: f.secret && data[f.secret] ? 'задан (оставьте пустым, чтобы не менять)' : null,
      });
    }
    const hintText = f.secret ? (data[f.secret] ? 'Сохранён. Введите новый, чтобы заменить.' : 'Не задан.') : f.hint;
    const hint = hintText ? h('p', { class: 'hint', id: `hint-${id}` }, hintText) : null;
    const err = h('p', { class: 'field-error', id: `err-${id}` });
    input.setAttribute('aria-describedby', [hint ? `hint-${id}` : null, `err-${id}`].filter(Boolean).join(' '));
    let clear = null;
    if (f.secret && data[f.secret]) {
      clear = h('input', { type: 'checkbox', class: 'checkbox', id: `${id}-clear` });
    }
    controls.push({
      f, input, err,
      get: () => {
        if (f.type === 'password') return input.value;
        const s = input.value.trim();
        if (f.type === 'int') return /^-?\d+$/.test(s) ? Number(s) : s;
        if (f.type === 'number') { const n = Number(s.replace(',', '.')); return s === '' || Number.isNaN(n) ? s : n; }
        return s;
      },
    });
    return h('div', { class: 'field' }, h('label', { for: id, class: 'label' }, f.label), input, hint,
      clear ? h('div', { class: 'check' }, clear, h('label', { for: clear.id }, 'Удалить сохранённое значение')) : null, err);
  }

  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'ss-save' }, 'Сохранить настройки');
  const form = h('form', { id: 'ss-form', class: 'ss-form', novalidate: true },
    GROUPS.map(([title, fields]) => h('section', { class: 'panel sc-group' },
      h('h2', { class: 'sc-group-title' }, title),
      h('div', { class: 'sc-grid' }, fields.map(control)))),
    h('div', { class: 'actions sc-actions' }, save));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.clear();
    alert.clear();
    for (const c of controls) { c.err.textContent = ''; c.input.removeAttribute('aria-invalid'); }
    const patch = {};
    for (const c of controls) {
      const v = c.get();
      if (c.f.type === 'password') {
        // пусто — не менять; «Удалить сохранённое значение» — пустая строка
        const wipe = document.getElementById(`${c.input.id}-clear`);
        if (wipe && wipe.checked) patch[c.f.key] = '';
        else if (c.input.value !== '') patch[c.f.key] = c.input.value;
        continue;
      }
      if (JSON.stringify(v) !== JSON.stringify(data[c.f.key])) patch[c.f.key] = v;
    }
    if (!Object.keys(patch).length) { status.show('Изменений нет.', 'info'); return; }
    setBusy(save, true, 'Сохранение…');
    try {
      const fresh = await api.put('/school/settings', patch);
      paramsForm(box, fresh);
      const st = box.querySelector('#ss-status');
      if (st && st.show) st.show('Настройки сохранены.', 'ok');
    } catch (err) {
      if (err.handled) return;
      const c = controls.find((x) => x.f.key === err.field);
      if (c) { c.err.textContent = err.message; c.input.setAttribute('aria-invalid', 'true'); c.input.focus(); }
      alert.show('Не удалось сохранить настройки.', 'error', err.message);
    } finally {
      setBusy(save, false);
    }
  });
  box.replaceChildren(status, alert, form);
}

async function renderParams(box) {
  box.replaceChildren(h('p', { class: 'muted' }, 'Загрузка…'));
  try {
    paramsForm(box, await api.get('/school/settings'));
  } catch (err) {
    if (err.handled) return;
    const alert = messageArea({ role: 'alert' });
    box.replaceChildren(alert);
    alert.show('Не удалось загрузить настройки.', 'error', err.message);
  }
}

async function renderTimezone(box) {
  const status = messageArea({ id: 'tz-status', role: 'status' });
  const alert = messageArea({ id: 'tz-error', role: 'alert' });
  box.replaceChildren(status, alert, h('p', { class: 'muted' }, 'Загрузка…'));
  let school;
  try {
    school = (await api.get('/school')).school;
  } catch (err) {
    if (!err.handled) alert.show('Не удалось загрузить сведения о школе.', 'error', err.message);
    return;
  }
  const known = RU_ZONES.some(([z]) => z === school.timezone);
  const select = h('select', { id: 'tz-zone', class: 'input', 'aria-describedby': 'tz-hint err-tz-zone' },
    (known ? RU_ZONES : [[school.timezone, school.timezone], ...RU_ZONES])
      .map(([z, t]) => h('option', { value: z, selected: z === school.timezone }, `${t} — ${z}`)));
  const err = h('p', { class: 'field-error', id: 'err-tz-zone' });
  const today = h('p', { class: 'hint', id: 'tz-hint' }, `Сегодня в школе: ${formatDay(school.today)}. От пояса зависят «сегодня», сроки и блокировка журнала.`);
  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'tz-save' }, 'Сохранить');
  const form = h('form', { class: 'panel form form-narrow', id: 'tz-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'tz-zone', class: 'label' }, 'Часовой пояс школы'), select, today, err),
    h('div', { class: 'actions' }, save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.clear();
    alert.clear();
    err.textContent = '';
    setBusy(save, true, 'Сохранение…');
    try {
      const r = await api.put('/school/region-settings', { timezone: select.value });
      today.textContent = `Сегодня в школе: ${formatDay(r.today)}. От пояса зависят «сегодня», сроки и блокировка журнала.`;
      status.show('Часовой пояс сохранён.', 'ok');
    } catch (ex) {
      if (ex.handled) return;
      if (ex.field === 'timezone') err.textContent = ex.message;
      alert.show('Не удалось сохранить часовой пояс.', 'error', ex.message);
    } finally {
      setBusy(save, false);
    }
  });
  box.replaceChildren(status, alert, form);
}

export async function render(main, ctx) {
  document.title = `${title} — Электронный журнал`;
  const ops = schoolOperations();
  const tabs = TABS.filter((t) => ops.has(t.need));
  const tab = tabs.find((t) => t.key === ctx.args[0]) || tabs[0];
  main.append(backLink(), pageTitle(title, 'Шкала отметок, ступени, блокировка журнала, уведомления, часовой пояс и справочники'));
  if (!tab) {
    main.append(h('div', { class: 'panel empty' }, h('p', {}, 'Нет доступа к настройкам школы.')));
    return;
  }
  main.append(h('nav', { class: 'sd-tabs ss-tabs', 'aria-label': 'Разделы настроек' },
    tabs.map((t) => h('a', { href: `#/settings/${t.key}`, id: `ss-tab-${t.key}`, class: `sd-tab${t === tab ? ' is-current' : ''}`, 'aria-current': t === tab ? 'page' : null }, t.title))));
  const box = h('div', { id: `ss-${tab.key}` });
  main.append(box);
  if (tab.key === 'params') await renderParams(box);
  else if (tab.key === 'timezone') await renderTimezone(box);
  else await renderDictionaries(box, { kind: ctx.args[1], base: '#/settings/dictionaries', canEdit: true });
}
