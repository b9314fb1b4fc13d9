// Роли школы: короткие подписи для столбцов матрицы доступа и названия для журнала действий.
// Названия приходят с сервера (GET /api/v1/access); здесь — запасные на случай, когда их нет
// (например, в журнале действий у пользователя без права access.edit).

export const ROLE_TITLES = {
  1: 'Администратор',
  2: 'Ученик',
  3: 'Учитель',
  4: 'Завуч / директор',
  5: 'Родитель',
  6: 'Технический персонал',
  7: 'Секретарь',
  8: 'Медицинский работник',
  9: 'Психолог / социальный педагог',
  10: 'Специалист по кадрам',
};

const SHORT_BY_CODE = {
  admin: 'Админ.',
  student: 'Ученик',
  teacher: 'Учитель',
  head: 'Завуч',
  parent: 'Родитель',
  staff: 'Персонал',
  secretary: 'Секретарь',
  medic: 'Медик',
  psychologist: 'Психолог',
  hr: 'Кадры',
};

/** Короткая подпись роли для заголовка столбца. */
export function roleShort(role) {
  if (!role) return '';
  if (SHORT_BY_CODE[role.code]) return SHORT_BY_CODE[role.code];
  const t = String(role.title || role.code || role.id || '');
  return t.length > 10 ? `${t.slice(0, 9)}.` : t;
}

/** Название роли по номеру (для записей журнала действий). */
export function roleTitle(id) {
  return ROLE_TITLES[id] || `роль ${id}`;
}
