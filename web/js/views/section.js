// Страница раздела: модуль раздела, если он уже есть, иначе «Раздел в разработке».
import { h } from '../dom.js';
import { schoolOperations, regionOperations } from '../session.js';
import { allows } from '../sections.js';
import { pageTitle, backLink } from '../ui.js';
import { icon } from '../icons.js';

export async function render(main, ctx) {
  const sec = ctx.section;
  document.title = `${sec.title} — Электронный журнал`;
  const ops = sec.region ? regionOperations() : schoolOperations();
  if (!allows(sec, ops)) {
    main.append(backLink(), pageTitle(sec.title),
      h('div', { class: 'panel empty' },
        h('p', {}, 'Нет доступа к этому разделу.'),
        h('p', { class: 'muted' }, 'Если доступ нужен для работы, обратитесь к администратору школы.')));
    return;
  }
  if (sec.module) {
    const mod = await import(sec.module.replace(/^\.\//, '../'));
    return mod.render(main, ctx);
  }
  main.append(backLink(), pageTitle(sec.title, sec.desc),
    h('div', { class: 'panel empty', id: 'placeholder' },
      h('span', { class: 'empty-icon' }, icon(sec.icon)),
      h('p', { class: 'empty-title' }, 'Раздел в разработке'),
      h('p', { class: 'muted' }, 'Скоро здесь появится работа с разделом. Пока можно вернуться на главную.'),
      h('a', { class: 'btn btn-primary', href: '#/home' }, 'На главную')));
}

export function renderNotFound(main) {
  document.title = 'Страница не найдена — Электронный журнал';
  main.append(backLink(), pageTitle('Страница не найдена'),
    h('div', { class: 'panel empty' },
      h('p', {}, 'Такой страницы нет. Проверьте адрес или вернитесь на главную.'),
      h('a', { class: 'btn btn-primary', href: '#/home' }, 'На главную')));
}
