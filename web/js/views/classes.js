// «Классы и предметы»: классы учебного года, создание класса, страница класса (ученики, подгруппы),
// предметы школы. Адреса: #/classes?year=ID, #/classes/ID.
import { h, setBusy, plural } from '../dom.js';
import { api } from '../api.js';
import { schoolOperations } from '../session.js';
import { pageTitle, backLink, messageArea } from '../ui.js';

export const title = 'Классы и предметы';

const can = (op) => {
  const ops = schoolOperations();
  if (ops.has(op)) return true;
  for (const o of ops) if (o.startsWith(`${op}.`)) return true;
  return false;
};

function selectField(id, label, options, value) {
  const sel = h('select', { id, name: id, class: 'input' },
    options.map(([v, t]) => h('option', { value: String(v), selected: String(v) === String(value ?? '') }, t)));
  return { el: h('div', { class: 'field' }, h('label', { class: 'label', for: id }, label), sel), input: sel };
}

function inputField(id, label, attrs = {}) {
  const input = h('input', { id, name: id, class: 'input', ...attrs });
  return { el: h('div', { class: 'field' }, h('label', { class: 'label', for: id }, label), input), input };
}

export async function yearsSelect(ctx, id, onChange) {
  const data = await api.get('/years');
  const wanted = Number(ctx.query && ctx.query.get('year')) || data.current_id || (data.items[0] && data.items[0].id);
  const f = selectField(id, 'Учебный год', data.items.map((y) => [y.id,
    `${y.name}${y.current ? ' (текущий)' : ''}${y.closed ? ' — закрыт' : ''}`]), wanted);
  f.input.addEventListener('change', () => onChange(Number(f.input.value)));
  const year = data.items.find((y) => y.id === Number(wanted)) || null;
  return { field: f, year, years: data.items };
}

export async function render(main, ctx) {
  if (ctx.args && ctx.args[0]) return renderClass(main, ctx, Number(ctx.args[0]));
  const alert = messageArea({ id: 'classes-error' });
  const status = messageArea({ id: 'classes-status', role: 'status' });
  main.append(backLink(), pageTitle('Классы и предметы', 'Классы учебного года, классные руководители, предметы и подгруппы'), status, alert);

  let ys;
  try {
    ys = await yearsSelect(ctx, 'classes-year', (id) => ctx.navigate(`#/classes?year=${id}`));
  } catch (err) {
    if (!err.handled) alert.show('Не удалось загрузить учебные годы.', 'error', err.message);
    return;
  }
  const yearId = ys.year && ys.year.id;
  const editable = can('classes.edit') && ys.year && !ys.year.closed;
  const listWrap = h('div', { class: 'table-wrap', id: 'classes-list', 'aria-busy': 'true' });
  main.append(h('div', { class: 'filters classes-filters' }, ys.field.el),
    h('h2', { class: 'section-title' }, 'Классы'), listWrap);

  let teachers = [];
  if (editable) {
    try { teachers = (await api.get('/teachers')).items; } catch { teachers = []; }
  }

  async function loadClasses() {
    listWrap.setAttribute('aria-busy', 'true');
    const data = await api.get(`/classes?year=${yearId}&limit=500`);
    const rows = data.items.map((k) => h('tr', { 'data-class': k.name },
      h('th', { scope: 'row' }, h('a', { href: `#/classes/${k.id}` }, k.name)),
      h('td', {}, k.class_teacher ? k.class_teacher.name : h('span', { class: 'muted' }, 'не назначен')),
      h('td', { class: 'num' }, String(k.student_count)),
      h('td', {}, k.profile || h('span', { class: 'muted' }, '—')),
      editable ? h('td', {}, k.student_count === 0
        ? h('button', { type: 'button', class: 'btn btn-danger-ghost btn-sm', 'aria-label': `Удалить класс ${k.name}`,
          onclick: async (ev) => {
            alert.clear();
            setBusy(ev.target, true, 'Удаление…');
            try {
              await api.del(`/classes/${k.id}`);
              await loadClasses();
              status.show(`Класс ${k.name} удалён`, 'ok');
            } catch (err) {
              setBusy(ev.target, false);
              if (!err.handled) alert.show('Не удалось удалить класс.', 'error', err.message);
            }
          } }, 'Удалить') : null) : null));
    const table = h('table', { class: 'data-table classes-table', id: 'classes-table' },
      h('caption', { class: 'visually-hidden' }, `Классы учебного года ${ys.year ? ys.year.name : ''}`),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Класс'), h('th', { scope: 'col' }, 'Классный руководитель'),
        h('th', { scope: 'col', class: 'num' }, 'Учеников'), h('th', { scope: 'col' }, 'Профиль'),
        editable ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Действия')) : null)),
      h('tbody', {}, rows));
    listWrap.replaceChildren(rows.length ? table : h('p', { class: 'muted' }, 'В этом учебном году классов нет.'));
    listWrap.removeAttribute('aria-busy');
  }

  if (editable) {
    const grade = selectField('class-grade', 'Параллель', Array.from({ length: 11 }, (_, i) => [i + 1, String(i + 1)]), 1);
    const letter = inputField('class-letter', 'Литера', { maxlength: '1', autocomplete: 'off', required: true, placeholder: 'А' });
    const profile = inputField('class-profile', 'Профиль (необязательно)', { maxlength: '100', autocomplete: 'off' });
    const teacher = selectField('class-teacher', 'Классный руководитель', [['', '— не назначен —'], ...teachers.map((t) => [t.id, t.name])], '');
    const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'class-create' }, 'Создать класс');
    const formErr = messageArea({ id: 'class-form-error' });
    const form = h('form', { class: 'panel class-form', id: 'class-form', 'aria-label': 'Новый класс', novalidate: true },
      h('h2', { class: 'section-title' }, 'Новый класс'),
      h('div', { class: 'form-grid' }, grade.el, letter.el, profile.el, teacher.el),
      formErr, h('div', { class: 'form-actions' }, btn));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      formErr.clear();
      status.clear();
      const body = { year_id: yearId, grade: Number(grade.input.value), letter: letter.input.value.trim().toUpperCase() };
      if (profile.input.value.trim()) body.profile = profile.input.value.trim();
      if (teacher.input.value) body.class_teacher_id = Number(teacher.input.value);
      setBusy(btn, true, 'Создание…');
      try {
        const k = await api.post('/classes', body);
        status.show(`Класс ${k.name} создан`, 'ok');
        letter.input.value = '';
        profile.input.value = '';
        teacher.input.value = '';
        await loadClasses();
      } catch (err) {
        if (!err.handled) formErr.show(err.message, 'error');
      } finally {
        setBusy(btn, false);
      }
    });
    main.append(form);
  }

  const subjWrap = h('div', { class: 'table-wrap', id: 'subjects-list' });
  main.append(h('h2', { class: 'section-title' }, 'Предметы'), subjWrap);

  async function loadSubjects() {
    const data = await api.get('/subjects?limit=500');
    subjWrap.replaceChildren(h('table', { class: 'data-table', id: 'subjects-table' },
      h('caption', { class: 'visually-hidden' }, 'Предметы школы'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Предмет'), h('th', { scope: 'col' }, 'Сокращение'),
        h('th', { scope: 'col' }, 'Оценивание'))),
      h('tbody', {}, data.items.map((s) => h('tr', {},
        h('th', { scope: 'row' }, s.name), h('td', {}, s.short_name),
        h('td', {}, s.pass_fail ? 'зачёт / незачёт' : 'отметки'))))));
  }

  if (can('classes.edit')) {
    const name = inputField('subject-name', 'Название предмета', { maxlength: '100', autocomplete: 'off' });
    const short = inputField('subject-short', 'Сокращение', { maxlength: '30', autocomplete: 'off' });
    const pf = h('input', { type: 'checkbox', id: 'subject-pf', class: 'checkbox' });
    const btn = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Добавить предмет');
    const err2 = messageArea({ id: 'subject-form-error' });
    const form = h('form', { class: 'panel', id: 'subject-form', 'aria-label': 'Новый предмет', novalidate: true },
      h('div', { class: 'form-grid' }, name.el, short.el,
        h('div', { class: 'check' }, pf, h('label', { for: 'subject-pf' }, 'Зачёт / незачёт'))),
      err2, h('div', { class: 'form-actions' }, btn));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      err2.clear();
      setBusy(btn, true, 'Сохранение…');
      try {
        await api.post('/subjects', { name: name.input.value.trim(), short_name: short.input.value.trim(), pass_fail: pf.checked });
        name.input.value = '';
        short.input.value = '';
        pf.checked = false;
        status.show('Предмет добавлен', 'ok');
        await loadSubjects();
      } catch (err) {
        if (!err.handled) err2.show(err.message, 'error');
      } finally {
        setBusy(btn, false);
      }
    });
    main.append(form);
  }

  try {
    await Promise.all([loadClasses(), loadSubjects()]);
  } catch (err) {
    if (!err.handled) alert.show('Не удалось загрузить данные.', 'error', err.message);
  }
}

async function renderClass(main, ctx, id) {
  const alert = messageArea({ id: 'class-error' });
  const status = messageArea({ id: 'class-status', role: 'status' });
  let k;
  try {
    k = await api.get(`/classes/${id}`);
  } catch (err) {
    main.append(backLink('#/classes', 'К списку классов'), pageTitle('Класс'), alert);
    if (!err.handled) alert.show('Не удалось открыть класс.', 'error', err.message);
    return;
  }
  document.title = `Класс ${k.name} — Электронный журнал`;
  const editable = can('classes.edit') && !k.year_closed;
  main.append(backLink(`#/classes?year=${k.year_id}`, 'К списку классов'),
    pageTitle(`Класс ${k.name}`, [k.profile ? `Профиль: ${k.profile}` : null, `Учеников: ${k.student_count}`].filter(Boolean).join(' · ')),
    status, alert);

  // class teacher
  const ctBox = h('div', { class: 'panel', id: 'class-teacher' },
    h('h2', { class: 'section-title' }, 'Классный руководитель'),
    h('p', { id: 'class-teacher-name' }, k.class_teacher ? k.class_teacher.name : 'не назначен'));
  if (editable) {
    let teachers = [];
    try { teachers = (await api.get('/teachers')).items; } catch { teachers = []; }
    const sel = selectField('class-teacher-pick', 'Назначить', [['', '— не назначен —'], ...teachers.map((t) => [t.id, t.name])], k.class_teacher_id || '');
    const btn = h('button', { type: 'button', class: 'btn btn-ghost btn-sm' }, 'Сохранить');
    btn.addEventListener('click', async () => {
      alert.clear();
      setBusy(btn, true, 'Сохранение…');
      try {
        const r = await api.put(`/classes/${id}/teacher`, { teacher_id: sel.input.value ? Number(sel.input.value) : null });
        ctBox.querySelector('#class-teacher-name').textContent = r.class_teacher ? r.class_teacher.name : 'не назначен';
        status.show('Классный руководитель сохранён', 'ok');
      } catch (err) {
        if (!err.handled) alert.show('Не удалось сохранить.', 'error', err.message);
      } finally {
        setBusy(btn, false);
      }
    });
    ctBox.append(h('div', { class: 'inline-form' }, sel.el, btn));
  }
  main.append(ctBox);

  // students
  let students = [];
  const stBox = h('div', { class: 'panel', id: 'class-students' }, h('h2', { class: 'section-title' }, 'Ученики'));
  try {
    students = (await api.get(`/classes/${id}/students?limit=500`)).items;
    stBox.append(students.length
      ? h('ol', { class: 'student-list' }, students.map((s) => h('li', {}, s.full_name)))
      : h('p', { class: 'muted' }, 'В классе нет учеников.'));
  } catch (err) {
    if (err.handled) return;
    stBox.append(h('p', { class: 'muted' }, err.status === 403 ? 'Список учеников этого класса вам недоступен.' : err.message));
  }
  main.append(stBox);

  // subgroups
  const sgBox = h('div', { class: 'panel', id: 'class-subgroups' }, h('h2', { class: 'section-title' }, 'Подгруппы'));
  main.append(sgBox);
  const canAssign = can('subgroups.assign') && !k.year_closed && students.length > 0;
  async function loadSubgroups() {
    const data = await api.get(`/classes/${id}/subgroups`);
    sgBox.replaceChildren(h('h2', { class: 'section-title' }, 'Подгруппы'));
    if (!data.items.length) sgBox.append(h('p', { class: 'muted' }, 'Подгрупп нет.'));
    for (const g of data.items) {
      const full = await api.get(`/subgroups/${g.id}`);
      const members = new Set(full.students.map((s) => s.id));
      const box = h('details', { class: 'subgroup', 'data-subgroup': g.id },
        h('summary', {}, `${g.subject_name} — ${g.name} (${g.student_count} ${plural(g.student_count, 'ученик', 'ученика', 'учеников')})`));
      if (canAssign) {
        const checks = students.map((s) => {
          const cb = h('input', { type: 'checkbox', class: 'checkbox', id: `sg${g.id}-s${s.id}`, value: String(s.id), checked: members.has(s.id) });
          return h('div', { class: 'check' }, cb, h('label', { for: `sg${g.id}-s${s.id}` }, s.full_name));
        });
        const save = h('button', { type: 'button', class: 'btn btn-primary btn-sm' }, 'Сохранить состав');
        save.addEventListener('click', async () => {
          alert.clear();
          const ids = [...box.querySelectorAll('input[type=checkbox]:checked')].map((x) => Number(x.value));
          setBusy(save, true, 'Сохранение…');
          try {
            await api.put(`/subgroups/${g.id}/students`, { student_ids: ids });
            status.show(`Состав подгруппы «${g.name}» сохранён`, 'ok');
            await loadSubgroups();
          } catch (err) {
            setBusy(save, false);
            if (!err.handled) alert.show('Не удалось сохранить состав подгруппы.', 'error', err.message);
          }
        });
        box.append(h('div', { class: 'subgroup-members' }, checks), save);
      } else {
        box.append(h('ul', {}, full.students.map((s) => h('li', {}, s.full_name))));
      }
      sgBox.append(box);
    }
    if (editable) {
      const subjects = (await api.get('/subjects?limit=500')).items;
      const subj = selectField('subgroup-subject', 'Предмет', subjects.map((s) => [s.id, s.name]), '');
      const name = inputField('subgroup-name', 'Название', { maxlength: '100', placeholder: 'Группа 1' });
      const btn = h('button', { type: 'submit', class: 'btn btn-ghost btn-sm' }, 'Создать подгруппу');
      const form = h('form', { class: 'inline-form', id: 'subgroup-form', 'aria-label': 'Новая подгруппа', novalidate: true }, subj.el, name.el, btn);
      form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        alert.clear();
        try {
          await api.post(`/classes/${id}/subgroups`, { subject_id: Number(subj.input.value), name: name.input.value.trim() });
          status.show('Подгруппа создана', 'ok');
          await loadSubgroups();
        } catch (err) {
          if (!err.handled) alert.show('Не удалось создать подгруппу.', 'error', err.message);
        }
      });
      sgBox.append(form);
    }
  }
  try {
    await loadSubgroups();
  } catch (err) {
    if (!err.handled) alert.show('Не удалось загрузить подгруппы.', 'error', err.message);
  }
}
