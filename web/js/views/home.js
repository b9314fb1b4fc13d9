// Главная: разделы, доступные по операциям пользователя в выбранной школе.
import { h } from '../dom.js';
import { state, currentSchool, schoolOperations, regionOperations, userCallName, takeFlash } from '../session.js';
import { visibleSections } from '../sections.js';
import { icon } from '../icons.js';
import { messageArea } from '../ui.js';

export const title = 'Главная';

function greeting() {
  const hour = new Date().getHours();
  if (hour >= 5 && hour < 12) return 'Доброе утро';
  if (hour >= 12 && hour < 18) return 'Добрый день';
  if (hour >= 18 && hour < 23) return 'Добрый вечер';
  return 'Доброй ночи';
}

function card(sec) {
  return h('li', { class: 'card-item' },
    h('a', { class: `card sec-${sec.key}`, href: `#/${sec.key}`, 'data-section': sec.key },
      h('span', { class: 'card-icon' }, icon(sec.icon)),
      h('span', { class: 'card-body' },
        h('span', { class: 'card-title' }, sec.title),
        h('span', { class: 'card-desc' }, sec.desc))));
}

export function render(main) {
  const flash = takeFlash();
  const status = messageArea({ id: 'home-status', role: 'status' });
  if (flash) status.show(flash.text, flash.kind);

  const school = currentSchool();
  const roles = school && Array.isArray(school.roles) ? school.roles.map((r) => r.title || r.code).filter(Boolean) : [];
  const { school: secs, region: regionSecs } = visibleSections(schoolOperations(), regionOperations());

  const name = userCallName();
  main.append(
    status,
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', tabindex: '-1' }, name ? `${greeting()}, ${name}!` : `${greeting()}!`),
      roles.length ? h('p', { class: 'page-sub', id: 'user-roles' }, roles.join(' · ')) : null));

  if (secs.length) {
    main.append(h('h2', { class: 'group-title', id: 'sections-title' }, school ? 'Разделы' : 'Разделы школы'),
      h('ul', { class: 'cards', id: 'sections', 'aria-labelledby': 'sections-title' }, secs.map(card)));
  }
  if (regionSecs.length) {
    main.append(h('h2', { class: 'group-title', id: 'region-title' }, 'Орган управления образованием'),
      h('ul', { class: 'cards', id: 'region-sections', 'aria-labelledby': 'region-title' }, regionSecs.map(card)));
  }
  if (!secs.length && !regionSecs.length) {
    main.append(h('ul', { class: 'cards', id: 'sections', hidden: true }),
      h('div', { class: 'panel empty' },
        h('p', {}, school
          ? 'В этой школе вам пока не открыт ни один раздел.'
          : 'Вашей учётной записи пока не назначены роли.'),
        h('p', { class: 'muted' }, 'Обратитесь к администратору школы.')));
  }

  main.append(
    h('h2', { class: 'group-title', id: 'account-title' }, 'Учётная запись'),
    h('ul', { class: 'cards cards-small', 'aria-labelledby': 'account-title' },
      h('li', { class: 'card-item' }, h('a', { class: 'card', href: '#/sessions', id: 'link-sessions' },
        h('span', { class: 'card-icon' }, icon('sessions')),
        h('span', { class: 'card-body' }, h('span', { class: 'card-title' }, 'Мои сеансы'),
          h('span', { class: 'card-desc' }, 'Где выполнен вход; завершить чужой сеанс')))),
      h('li', { class: 'card-item' }, h('a', { class: 'card', href: '#/password', id: 'link-password' },
        h('span', { class: 'card-icon' }, icon('password')),
        h('span', { class: 'card-body' }, h('span', { class: 'card-title' }, 'Сменить пароль'),
          h('span', { class: 'card-desc' }, state.me && state.me.user ? `Логин: ${state.me.user.login}` : ''))))));
}
