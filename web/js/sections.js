// Разделы главной страницы и операции матрицы доступа, которые их открывают.
// need: список операций; «x.*» — любая операция с префиксом «x.».
// module (необязательно): путь к модулю раздела относительно js/ — когда раздел будет готов,
// достаточно указать здесь module: './views/journal.js' с функцией render(main, ctx).
// Без module раздел открывает страницу «Раздел в разработке».

export const SECTIONS = [
  { key: 'journal', title: 'Классный журнал', desc: 'Отметки, посещаемость, темы уроков и домашние задания', icon: 'journal', need: ['journal.view.*'], module: './views/journal.js' },
  { key: 'finals', title: 'Итоговые отметки', desc: 'Отметки за четверти и полугодия, годовые и итоговые', icon: 'reports', need: ['finals.view.*'], module: './views/finals.js' },
  { key: 'absences', title: 'Пропуски за день', desc: 'Посещаемость класса за день и причины пропусков', icon: 'diary', need: ['attendance.reason.own_class', 'journal.view.all'], module: './views/absences.js' },
  { key: 'unlocks', title: 'Открытие дат журнала', desc: 'Запросы учителей на правку закрытых дат', icon: 'access', need: ['journal.unlock'], module: './views/unlocks.js' },
  { key: 'diary', title: 'Дневник', desc: 'Отметки, пропуски и домашние задания', icon: 'diary', need: ['diary.view.self'], module: './views/diary.js' },
  { key: 'notifications', title: 'Уведомления', desc: 'Новые отметки, пропуски, изменения расписания; настройки e-mail и SMS', icon: 'announcements', need: ['diary.view.self', 'journal.view.*', 'timetable.view.*'], module: './views/notifications.js' },
  { key: 'timetable', title: 'Расписание', desc: 'Уроки, замены и события', icon: 'timetable', need: ['timetable.view.*', 'timetable.edit'], module: './views/timetable.js' },
  { key: 'lessons', title: 'Уроки по датам', desc: 'Календарь уроков, замены и отмены на дату', icon: 'timetable', need: ['timetable.view.*', 'timetable.edit'], module: './views/lessons.js' },
  { key: 'events', title: 'Мероприятия', desc: 'Школьные и классные мероприятия', icon: 'timetable', need: ['timetable.view.*', 'events.*'], module: './views/events.js' },
  { key: 'plans', title: 'Планирование уроков', desc: 'Календарно-тематическое планирование', icon: 'plans', need: ['plans.view.*', 'plans.edit.*'], module: './views/plans.js' },
  { key: 'courses', title: 'Учебные материалы', desc: 'Задания и материалы к урокам', icon: 'courses', need: ['courses.*'] },
  { key: 'announcements', title: 'Объявления', desc: 'Доска объявлений школы', icon: 'announcements', need: ['announcements.view'] },
  { key: 'mail', title: 'Почта', desc: 'Внутренняя переписка', icon: 'mail', need: ['mail.use'] },
  { key: 'forum', title: 'Форум', desc: 'Обсуждения участников образовательного процесса', icon: 'forum', need: ['forum.use'] },
  { key: 'people', title: 'Ученики и родители', desc: 'Карточки учащихся и их законных представителей', icon: 'people', need: ['people.*'], module: './views/people.js' },
  { key: 'imports', title: 'Импорт и экспорт', desc: 'Загрузка и выгрузка списков в CSV и Excel', icon: 'people', need: ['people.manage.all', 'staff.manage', 'classes.edit'], module: './views/imports.js' },
  { key: 'credentials', title: 'Реквизиты доступа', desc: 'Выдача логинов и временных паролей', icon: 'credentials', need: ['credentials.issue.*'], module: './views/credentials.js' },
  { key: 'staff', title: 'Сотрудники', desc: 'Список и карточки сотрудников', icon: 'staff', need: ['staff.*'], module: './views/staff.js' },
  { key: 'classes', title: 'Классы и предметы', desc: 'Классы, предметы, подгруппы', icon: 'classes', need: ['classes.view', 'classes.edit'], module: './views/classes.js' },
  { key: 'curriculum', title: 'Учебный план', desc: 'Учебный план и нагрузка учителей', icon: 'curriculum', need: ['curriculum.view', 'curriculum.edit'], module: './views/curriculum.js' },
  { key: 'movement', title: 'Движение учащихся', desc: 'Книга движения, приказы', icon: 'movement', need: ['movement.view', 'movement.edit', 'year.rollover'], module: './views/movement.js' },
  { key: 'reports', title: 'Отчёты', desc: 'Успеваемость, посещаемость, печатные формы', icon: 'reports', need: ['reports.*'] },
  { key: 'documents', title: 'Документы', desc: 'Хранилище документов школы', icon: 'documents', need: ['documents.view'] },
  { key: 'resources', title: 'Ресурсы', desc: 'Каталог школьных ресурсов', icon: 'resources', need: ['resources.view'] },
  { key: 'school', title: 'Сведения о школе', desc: 'Реквизиты и контакты образовательной организации', icon: 'school', need: ['school.card.view'], module: './views/school.js' },
  { key: 'settings', title: 'Настройки школы', desc: 'Шкала отметок, периоды, справочники', icon: 'settings', need: ['school.settings.edit', 'school.region_settings.edit', 'school.dictionaries.edit'], module: './views/school-settings.js' },
  { key: 'access', title: 'Права доступа', desc: 'Матрица доступа ролей к операциям', icon: 'access', need: ['access.edit'], module: './views/access.js' },
  { key: 'audit', title: 'Журнал действий', desc: 'Кто, когда и что изменил', icon: 'audit', need: ['audit.view'], module: './views/audit.js' },
  { key: 'archive', title: 'Архив', desc: 'Архив журналов и проверка целостности', icon: 'archive', need: ['archive.view'] },
];

// Разделы органа управления образованием (операции региональных ролей).
export const REGION_SECTIONS = [
  { key: 'region-reports', title: 'Отчёты по региону', desc: 'Сводные данные по школам региона', icon: 'pie', need: ['region.reports.view'], region: true },
  { key: 'region-schools', title: 'Школы региона', desc: 'Создание школ и их администраторов', icon: 'region', need: ['region.schools.manage'], region: true },
];

export function findSection(key) {
  return SECTIONS.find((x) => x.key === key) || REGION_SECTIONS.find((x) => x.key === key) || null;
}

/** Открывает ли набор операций ops раздел section. */
export function allows(section, ops) {
  for (const need of section.need) {
    if (need.endsWith('.*')) {
      const prefix = need.slice(0, -1); // «journal.view.»
      const bare = need.slice(0, -2);   // «journal.view»
      for (const op of ops) if (op === bare || op.startsWith(prefix)) return true;
    } else if (ops.has(need)) {
      return true;
    }
  }
  return false;
}

export function visibleSections(schoolOps, regionOps) {
  return {
    school: SECTIONS.filter((x) => allows(x, schoolOps)),
    region: REGION_SECTIONS.filter((x) => allows(x, regionOps)),
  };
}
