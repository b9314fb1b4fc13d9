// Мои сеансы: список активных сеансов, завершение любого, кроме текущего.
import { h, setBusy, plural } from '../dom.js';
import { api } from '../api.js';
import { pageTitle, backLink, messageArea } from '../ui.js';
import { icon } from '../icons.js';

export const title = 'Мои сеансы';

const dateFmt = new Intl.DateTimeFormat('ru-RU', {
  day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
});

export function formatDate(v) {
  if (v === null || v === undefined || v === '') return '—';
  let d;
  if (typeof v === 'number' || /^\d+$/.test(String(v))) {
    const n = Number(v);
    d = new Date(n < 1e12 ? n * 1000 : n);
  } else {
    d = new Date(v);
  }
  return Number.isNaN(d.getTime()) ? String(v) : dateFmt.format(d);
}

export function describeAgent(ua) {
  if (!ua) return 'Неизвестное устройство';
  let browser = 'Браузер';
  if (/YaBrowser\//.test(ua)) browser = 'Яндекс Браузер';
  else if (/Edg(A|iOS)?\//.test(ua)) browser = 'Microsoft Edge';
  else if (/OPR\/|Opera/.test(ua)) browser = 'Opera';
  else if (/Firefox\/|FxiOS/.test(ua)) browser = 'Firefox';
  else if (/Chromium\//.test(ua)) browser = 'Chromium';
  else if (/Chrome\/|CriOS/.test(ua)) browser = 'Chrome';
  else if (/Safari\//.test(ua)) browser = 'Safari';
  else if (/^curl\//.test(ua)) browser = 'curl';
  else if (/Go-http-client|python|okhttp|Java\//i.test(ua)) browser = 'Программа';
  let os = '';
  if (/Android/.test(ua)) os = 'Android';
  else if (/iPhone|iPad|iPod/.test(ua)) os = 'iOS';
  else if (/Windows/.test(ua)) os = 'Windows';
  else if (/Mac OS X|Macintosh/.test(ua)) os = 'macOS';
  else if (/CrOS/.test(ua)) os = 'ChromeOS';
  else if (/Linux/.test(ua)) os = 'Linux';
  return os ? `${browser}, ${os}` : browser;
}

export function render(main, ctx) {
  const status = messageArea({ id: 'sessions-status', role: 'status' });
  const alert = messageArea({ id: 'sessions-error', role: 'alert' });
  const list = h('ul', { class: 'sessions', id: 'sessions-list', 'aria-busy': 'true' });
  const count = h('p', { class: 'page-sub', id: 'sessions-count' }, 'Загрузка…');
  const endOthers = h('button', { type: 'button', class: 'btn btn-danger-ghost', id: 'end-others', hidden: true },
    'Завершить все другие сеансы');

  async function end(item, button) {
    setBusy(button, true, 'Завершение…');
    alert.clear();
    try {
      await api.del(`/auth/sessions/${encodeURIComponent(item.id)}`);
      return true;
    } catch (err) {
      if (!err.handled) alert.show(err.message, 'error');
      setBusy(button, false);
      return false;
    }
  }

  function row(item) {
    const current = !!item.current;
    const button = current ? null : h('button', { type: 'button', class: 'btn btn-danger-ghost btn-sm' }, 'Завершить');
    const li = h('li', { class: `session${current ? ' session-current' : ''}`, 'data-session-id': item.id },
      h('span', { class: 'session-icon' }, icon(/Android|iPhone|iPad|Mobile/.test(item.user_agent || '') ? 'device' : 'sessions')),
      h('div', { class: 'session-body' },
        h('p', { class: 'session-title' },
          h('span', { title: item.user_agent || '' }, describeAgent(item.user_agent)),
          current ? h('span', { class: 'badge' }, 'Текущий сеанс') : null),
        h('dl', { class: 'session-meta' },
          h('div', {}, h('dt', {}, 'Вход'), h('dd', {}, formatDate(item.created_at))),
          h('div', {}, h('dt', {}, 'Активность'), h('dd', {}, formatDate(item.last_seen_at))),
          h('div', {}, h('dt', {}, 'IP-адрес'), h('dd', {}, item.ip || '—')))),
      button);
    if (button) {
      button.setAttribute('aria-label', `Завершить сеанс: ${describeAgent(item.user_agent)}, вход ${formatDate(item.created_at)}`);
      button.addEventListener('click', async () => {
        if (await end(item, button)) {
          status.show('Сеанс завершён.', 'ok');
          load();
        }
      });
    }
    return li;
  }

  async function load() {
    list.setAttribute('aria-busy', 'true');
    try {
      const data = await api.get('/auth/sessions');
      const items = Array.isArray(data.items) ? data.items : [];
      items.sort((a, b) => (b.current ? 1 : 0) - (a.current ? 1 : 0));
      list.replaceChildren(...items.map(row));
      const n = Number.isFinite(data.total) ? data.total : items.length;
      count.textContent = `${n} ${plural(n, 'активный сеанс', 'активных сеанса', 'активных сеансов')}`;
      const others = items.filter((x) => !x.current);
      endOthers.hidden = others.length < 2;
      endOthers.onclick = async () => {
        setBusy(endOthers, true, 'Завершение…');
        let ok = 0;
        for (const item of others) if (await end(item, endOthers)) ok += 1;
        setBusy(endOthers, false);
        if (ok) status.show(`Завершено: ${ok}.`, 'ok');
        load();
      };
    } catch (err) {
      if (err.handled) return;
      count.textContent = '';
      alert.show(err.message, 'error');
      list.replaceChildren(h('li', { class: 'session-retry' },
        h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => { alert.clear(); load(); } }, 'Повторить')));
    }
    list.removeAttribute('aria-busy');
  }

  main.append(backLink(), pageTitle('Мои сеансы'), count,
    h('p', { class: 'page-note' }, 'Если вы видите незнакомый вход, завершите этот сеанс и смените пароль.'),
    status, alert, list, h('div', { class: 'actions' }, endOthers));
  load();
}
