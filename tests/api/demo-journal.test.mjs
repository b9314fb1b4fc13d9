// Демо-журнал (M-09): темы, домашние задания, задания с весами, отметки по способностям учеников,
// посещаемость с болезнями, четвертные отметки — до «сегодня» школы и ничего позже.
// Только чтение базы демо-сервера (sqlite3 -readonly); строки, изменённые другими тестами
// (у них есть journal_history или они созданы позже демо), не учитываются.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api, loginOnce, BIN, DB } from './helpers.mjs';

const rows = (q, db = DB) => {
  const out = execFileSync('sqlite3', ['-readonly', '-json', db, q], { encoding: 'utf8' }).trim();
  return out ? JSON.parse(out) : [];
};
const one = (q, db = DB) => {
  const r = rows(q, db);
  return r.length ? Object.values(r[0])[0] : null;
};

function dayIn(tz, t) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(t * 1000));
}

// «Сейчас» демо: время создания учётных записей демо-школы; «сегодня» — в часовом поясе школы.
function demoClock(db = DB) {
  const now = one("SELECT created_at FROM users WHERE login = 'admin'", db);
  const tz = one('SELECT timezone FROM schools ORDER BY id LIMIT 1', db);
  return { now, today: dayIn(tz, now) };
}

// Отметки и уроки демо (не тронутые тестами других срезов).
const DEMO_MARK = (now) =>
  `m.created_at <= ${now + 120} AND NOT EXISTS (SELECT 1 FROM journal_history h WHERE h.entity = 'mark' AND h.entity_id = m.id)`;
const DEMO_LESSON =
  "l.created_at = (SELECT MIN(created_at) FROM lessons) AND NOT EXISTS (SELECT 1 FROM journal_history h WHERE h.entity = 'lesson' AND h.entity_id = l.id)";

test('демо-журнал: отметки до сегодняшнего дня и ни одной позже, в шкале, у заданий своего урока', (t) => {
  if (!DB) return t.skip('нет ZH_DB');
  const { now, today } = demoClock();
  const [s] = rows('SELECT mark_min, mark_max FROM school_settings ORDER BY school_id LIMIT 1');
  const total = one(`SELECT count(*) FROM marks m WHERE ${DEMO_MARK(now)}`);
  assert.ok(total > 20000, `отметок демо: ${total}`);
  assert.equal(one(`SELECT count(*) FROM marks m JOIN lessons l ON l.id = m.lesson_id WHERE ${DEMO_MARK(now)} AND l.date > '${today}'`), 0,
    'отметки после сегодняшнего дня');
  const lastWeek = `l.date >= date('${today}', '-7 day') AND l.date < '${today}'`;
  if (one(`SELECT count(*) FROM lessons l JOIN classes c ON c.id = l.class_id WHERE ${lastWeek} AND c.grade >= 2 AND l.status = 'planned'`) > 50)
    assert.ok(one(`SELECT count(*) FROM marks m JOIN lessons l ON l.id = m.lesson_id WHERE ${DEMO_MARK(now)} AND ${lastWeek}`) > 100,
      'отметки последней недели');
  assert.equal(one(`SELECT count(*) FROM marks m JOIN lessons l ON l.id = m.lesson_id WHERE ${DEMO_MARK(now)} AND l.status <> 'planned'`), 0,
    'отметки на отменённых уроках');
  assert.equal(one(`SELECT count(*) FROM marks m WHERE m.kind = 'mark' AND (m.value < ${s.mark_min} OR m.value > ${s.mark_max})`), 0,
    'отметки вне шкалы');
  assert.equal(one("SELECT count(*) FROM marks m WHERE (m.kind = 'mark') <> (m.value IS NOT NULL)"), 0);
  assert.equal(one('SELECT count(*) FROM marks m JOIN assignments a ON a.id = m.assignment_id WHERE a.lesson_id <> m.lesson_id'), 0,
    'отметка у задания чужого урока');
  // каждое значение шкалы встречается, четвёрок больше, чем двоек
  const byValue = Object.fromEntries(rows(`SELECT value, count(*) n FROM marks m WHERE ${DEMO_MARK(now)} AND kind = 'mark' GROUP BY value`).map((r) => [r.value, r.n]));
  for (let v = s.mark_min; v <= s.mark_max; v++) assert.ok(byValue[v] > 0, `нет отметок ${v}`);
  assert.ok(byValue[4] > byValue[2] * 3, 'двоек слишком много');
  // «точки» есть, открытые — только за последние недели
  assert.ok(one(`SELECT count(*) FROM marks m WHERE ${DEMO_MARK(now)} AND kind = 'point'`) > 0, 'нет точек');
  assert.equal(one(`SELECT count(*) FROM marks m JOIN lessons l ON l.id = m.lesson_id WHERE ${DEMO_MARK(now)} AND m.kind = 'point' AND l.date < date('${today}', '-15 day')`), 0,
    'старые открытые точки');
  // кто поставил: учётная запись учителя урока или заменяющего
  assert.equal(one(`SELECT count(*) FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN users u ON u.id = m.created_by
      WHERE ${DEMO_MARK(now)} AND u.person_id <> l.teacher_id
        AND NOT EXISTS (SELECT 1 FROM lesson_changes c WHERE c.lesson_id = l.id AND c.substitute_id = u.person_id)`), 0, 'created_by не учитель урока');
  assert.equal(one(`SELECT count(*) FROM marks m WHERE ${DEMO_MARK(now)} AND (m.created_by IS NULL OR m.updated_at < m.created_at OR m.created_at > ${now + 120})`), 0);
  // начальное состояние: ни одной записи истории на момент создания демо
  assert.equal(one(`SELECT count(*) FROM journal_history WHERE at <= ${now}`), 0, 'история демо');
});

test('демо-журнал: 1 классы без отметок, но с посещаемостью и темами', (t) => {
  if (!DB) return t.skip('нет ZH_DB');
  assert.equal(one('SELECT count(*) FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN classes c ON c.id = l.class_id WHERE c.grade = 1'), 0);
  assert.equal(one('SELECT count(*) FROM assignments a JOIN lessons l ON l.id = a.lesson_id JOIN classes c ON c.id = l.class_id WHERE c.grade = 1'), 0);
  assert.ok(one('SELECT count(*) FROM attendance a JOIN lessons l ON l.id = a.lesson_id JOIN classes c ON c.id = l.class_id WHERE c.grade = 1') > 50);
  assert.equal(one("SELECT count(*) FROM final_marks f JOIN class_students cs ON cs.student_id = f.student_id JOIN classes c ON c.id = cs.class_id WHERE c.grade = 1"), 0);
});

test('демо-журнал: темы у каждого урока до сегодня, домашние задания у большинства уроков 2–11 классов', (t) => {
  if (!DB) return t.skip('нет ZH_DB');
  const { today } = demoClock();
  const base = `FROM lessons l JOIN classes c ON c.id = l.class_id WHERE ${DEMO_LESSON} AND l.status = 'planned' AND l.date <= '${today}'`;
  const n = one(`SELECT count(*) ${base}`);
  assert.ok(n > 1000, `уроков до сегодня: ${n}`);
  assert.equal(one(`SELECT count(*) ${base} AND l.topic = ''`), 0, 'уроки без темы');
  const hw = rows(`SELECT sum(l.homework <> '') hw, count(*) n ${base} AND c.grade >= 2`)[0];
  assert.ok(hw.hw / hw.n > 0.6, `домашнее задание у ${hw.hw} из ${hw.n}`);
  assert.ok(hw.hw < hw.n, 'у некоторых уроков домашнего задания нет');
  assert.equal(one(`SELECT count(*) ${base} AND l.homework LIKE '%Без домашнего%'`), 0);
  assert.ok(one(`SELECT count(*) ${base} AND l.topic LIKE 'Повторение: %'`) > 0, 'нет уроков повторения');
  assert.ok(one('SELECT count(*) FROM homework_individual') > 10, 'нет индивидуальных заданий');
  assert.equal(one('SELECT count(*) FROM homework_individual hi JOIN lessons l ON l.id = hi.lesson_id JOIN classes c ON c.id = l.class_id WHERE c.grade = 1'), 0);
  // индивидуальное задание — ученику класса урока
  assert.equal(one('SELECT count(*) FROM homework_individual hi JOIN lessons l ON l.id = hi.lesson_id WHERE NOT EXISTS (SELECT 1 FROM class_students cs WHERE cs.class_id = l.class_id AND cs.student_id = hi.student_id)'), 0);
  // будущие уроки без сгенерированного содержания (КТП может задать темы заранее)
  assert.equal(one(`SELECT count(*) FROM assignments a JOIN lessons l ON l.id = a.lesson_id WHERE ${DEMO_LESSON} AND l.date > '${today}'`), 0);
});

test('демо-журнал: задания разных видов с весами из справочника, контрольные почти у всех', (t) => {
  if (!DB) return t.skip('нет ZH_DB');
  const { now } = demoClock();
  const kinds = Object.fromEntries(rows(`SELECT w.name, count(*) n FROM assignments a JOIN work_types w ON w.id = a.work_type_id
      WHERE a.created_at <= ${now + 120} GROUP BY w.name`).map((r) => [r.name, r.n]));
  for (const k of ['Работа на уроке', 'Устный ответ', 'Домашнее задание', 'Контрольная работа', 'Самостоятельная работа', 'Проверочная работа', 'Диктант'])
    assert.ok(kinds[k] > 0, `нет заданий «${k}»`);
  assert.ok(kinds['Работа на уроке'] + kinds['Устный ответ'] > 4 * kinds['Контрольная работа'], 'обычных заданий мало');
  assert.equal(one(`SELECT count(*) FROM assignments a JOIN work_types w ON w.id = a.work_type_id WHERE a.created_at <= ${now + 120} AND a.weight <> w.weight`), 0,
    'вес задания не из справочника');
  // диктанты — только по русскому языку
  assert.equal(one(`SELECT count(*) FROM assignments a JOIN work_types w ON w.id = a.work_type_id JOIN lessons l ON l.id = a.lesson_id JOIN subjects s ON s.id = l.subject_id WHERE w.name = 'Диктант' AND s.name <> 'Русский язык' AND a.created_at <= ${now + 120}`), 0);
  // на контрольной отметку (или точку) получают почти все присутствующие
  const r = rows(`WITH ctl AS (SELECT a.id, a.lesson_id FROM assignments a JOIN work_types w ON w.id = a.work_type_id
        WHERE w.name IN ('Контрольная работа', 'Диктант') AND a.created_at <= ${now + 120}),
      grp AS (SELECT ctl.id, (SELECT count(*) FROM lessons l JOIN class_students cs ON cs.class_id = l.class_id
          WHERE l.id = ctl.lesson_id AND (l.subgroup_id IS NULL OR EXISTS (SELECT 1 FROM subgroup_students ss WHERE ss.subgroup_id = l.subgroup_id AND ss.student_id = cs.student_id))
            AND NOT EXISTS (SELECT 1 FROM attendance t WHERE t.lesson_id = l.id AND t.student_id = cs.student_id AND t.code <> 'О')) present,
        (SELECT count(*) FROM marks m WHERE m.assignment_id = ctl.id) marked FROM ctl)
      SELECT sum(marked) marked, sum(present) present FROM grp`)[0];
  assert.ok(r.marked / r.present > 0.85, `на контрольных отмечено ${r.marked} из ${r.present}`);
  // на обычном уроке — примерно треть класса
  const o = rows(`SELECT avg(n) avg FROM (SELECT count(*) n FROM marks m JOIN assignments a ON a.id = m.assignment_id JOIN work_types w ON w.id = a.work_type_id
      WHERE w.name IN ('Работа на уроке', 'Устный ответ') AND ${DEMO_MARK(now)} GROUP BY a.id)`)[0];
  assert.ok(o.avg >= 3 && o.avg <= 12, `отметок за обычный урок в среднем ${o.avg}`);
});

test('демо-журнал: средние учеников от слабых до отличников, отсутствующим отметок нет', (t) => {
  if (!DB) return t.skip('нет ZH_DB');
  const { now } = demoClock();
  const avgs = rows(`SELECT student_id, avg(value) a, count(*) n FROM marks m WHERE ${DEMO_MARK(now)} AND kind = 'mark' GROUP BY student_id`)
    .filter((r) => r.n >= 20).map((r) => r.a);
  assert.ok(avgs.length > 400, `учеников с отметками: ${avgs.length}`);
  const min = Math.min(...avgs), max = Math.max(...avgs);
  assert.ok(min < 3, `самое низкое среднее ${min}`);
  assert.ok(max > 4.7, `самое высокое среднее ${max}`);
  const middle = avgs.filter((a) => a >= 3.2 && a <= 4.8).length;
  assert.ok(middle / avgs.length > 0.75, `в середине ${middle} из ${avgs.length}`);
  assert.equal(one(`SELECT count(*) FROM marks m JOIN attendance a ON a.lesson_id = m.lesson_id AND a.student_id = m.student_id
      WHERE ${DEMO_MARK(now)} AND a.code IN ('Н', 'Б')`), 0, 'отметка отсутствующему');
});

test('демо-журнал: пропуски 1–8 % с болезнями подряд и причинами классного руководителя', (t) => {
  if (!DB) return t.skip('нет ZH_DB');
  const { today } = demoClock();
  const slots = one(`SELECT count(*) FROM lessons l JOIN class_students cs ON cs.class_id = l.class_id
      WHERE ${DEMO_LESSON} AND l.status = 'planned' AND l.date <= '${today}'
        AND (l.subgroup_id IS NULL OR EXISTS (SELECT 1 FROM subgroup_students ss WHERE ss.subgroup_id = l.subgroup_id AND ss.student_id = cs.student_id))`);
  const absent = one(`SELECT count(*) FROM attendance a JOIN lessons l ON l.id = a.lesson_id WHERE ${DEMO_LESSON} AND a.code IN ('Н', 'Б')`);
  const share = absent / slots;
  assert.ok(share > 0.01 && share < 0.08, `пропусков ${absent} из ${slots} (${(share * 100).toFixed(2)} %)`);
  assert.ok(one("SELECT count(*) FROM attendance WHERE code = 'О'") > 0, 'нет опозданий');
  // болезни: несколько дней подряд, на всех уроках этих дней
  const ill = rows(`SELECT a.student_id, count(DISTINCT l.date) days FROM attendance a JOIN lessons l ON l.id = a.lesson_id
      WHERE a.code = 'Б' AND ${DEMO_LESSON} GROUP BY a.student_id`);
  const students = one('SELECT count(*) FROM class_students');
  assert.ok(ill.length > students * 0.05 && ill.length < students * 0.3, `болели ${ill.length} из ${students}`);
  assert.ok(ill.filter((r) => r.days >= 3).length > ill.length / 2, 'болезни короче трёх дней');
  const partial = one(`SELECT count(*) FROM (SELECT DISTINCT a.student_id, l.date FROM attendance a JOIN lessons l ON l.id = a.lesson_id WHERE a.code = 'Б' AND ${DEMO_LESSON} AND l.date < '${today}') d
      JOIN class_students cs ON cs.student_id = d.student_id
      JOIN lessons l2 ON l2.class_id = cs.class_id AND l2.date = d.date AND l2.status = 'planned'
        AND (l2.subgroup_id IS NULL OR EXISTS (SELECT 1 FROM subgroup_students ss WHERE ss.subgroup_id = l2.subgroup_id AND ss.student_id = d.student_id))
      WHERE ${DEMO_LESSON.replaceAll('l.', 'l2.')} AND NOT EXISTS (SELECT 1 FROM attendance x WHERE x.lesson_id = l2.id AND x.student_id = d.student_id AND x.code = 'Б')`);
  assert.equal(partial, 0, 'в день болезни ученик был на части уроков');
  // причины: Б — уважительная; у Н есть и УП, и НП, и без причины
  assert.equal(one("SELECT count(*) FROM attendance WHERE code = 'Б' AND IFNULL(reason, '') <> 'УП'"), 0);
  const reasons = Object.fromEntries(rows("SELECT IFNULL(reason, '-') r, count(*) n FROM attendance WHERE code = 'Н' GROUP BY 1").map((r) => [r.r, r.n]));
  assert.ok(reasons['УП'] > 0 && reasons['НП'] > 0 && reasons['-'] > 0, JSON.stringify(reasons));
  // причину ставит классный руководитель
  assert.equal(one(`SELECT count(*) FROM attendance a JOIN lessons l ON l.id = a.lesson_id JOIN classes c ON c.id = l.class_id
      JOIN users u ON u.id = a.updated_by WHERE ${DEMO_LESSON} AND a.reason IS NOT NULL AND c.class_teacher_id IS NOT NULL AND u.person_id <> c.class_teacher_id`), 0);
});

test('демо-журнал: четвертные отметки закончившихся периодов по правилу округления школы', (t) => {
  if (!DB) return t.skip('нет ZH_DB');
  const { today } = demoClock();
  const [s] = rows("SELECT mark_min, mark_max, averaging = 'weighted' weighted, round_threshold thr FROM school_settings ORDER BY school_id LIMIT 1");
  const ended = rows(`SELECT id, kind, name FROM periods WHERE end_date < '${today}'`);
  const running = rows(`SELECT id FROM periods WHERE end_date >= '${today}'`);
  for (const p of running)
    assert.equal(one(`SELECT count(*) FROM final_marks WHERE period_id = ${p.id} AND created_at <= (SELECT created_at FROM users WHERE login = 'admin') + 120`), 0,
      'отметка за незакончившийся период');
  const quarter = ended.find((p) => p.kind === 'quarter');
  if (!quarter) return t.skip(`ни одна четверть не закончилась к ${today}`);
  // у каждого класса 2–9 есть четвертные отметки, у 10–11 (полугодия) и 1 — нет
  const byClass = rows(`SELECT c.name, c.grade, (SELECT count(*) FROM final_marks f JOIN class_students cs ON cs.student_id = f.student_id
      WHERE cs.class_id = c.id AND f.period_id = ${quarter.id}) n FROM classes c WHERE c.year_id = (SELECT year_id FROM periods WHERE id = ${quarter.id})`);
  for (const c of byClass) {
    if (c.grade >= 2 && c.grade <= 9) assert.ok(c.n > 0, `нет четвертных отметок у ${c.name}`);
    else assert.equal(c.n, 0, `четвертные отметки у ${c.name}`);
  }
  // совпадение с округлением среднего (взвешенного или простого — как в настройках школы)
  const w = s.weighted ? 'a.weight' : '1.0';
  const cells = rows(`WITH av AS (SELECT m.student_id, l.subject_id, sum(m.value * ${w}) / sum(${w}) avg, count(*) n
        FROM marks m JOIN assignments a ON a.id = m.assignment_id JOIN lessons l ON l.id = m.lesson_id
        WHERE m.kind = 'mark' AND l.period_id = ${quarter.id} GROUP BY 1, 2)
      SELECT f.value, f.code, av.avg, av.n FROM final_marks f LEFT JOIN av ON av.student_id = f.student_id AND av.subject_id = f.subject_id
      WHERE f.period_id = ${quarter.id} AND f.kind = 'period'`);
  assert.ok(cells.length > 1000, `четвертных отметок: ${cells.length}`);
  const suggest = (avg) => {
    const fl = Math.floor(avg + 1e-9);
    const v = avg - fl + 1e-9 >= s.thr ? fl + 1 : fl;
    return Math.min(s.mark_max, Math.max(s.mark_min, v));
  };
  const numeric = cells.filter((c) => c.value !== null && c.avg !== null);
  const same = numeric.filter((c) => c.value === suggest(c.avg)).length;
  assert.ok(same / numeric.length > 0.9, `совпадает с округлением ${same} из ${numeric.length}`);
  assert.ok(numeric.every((c) => Math.abs(c.value - c.avg) < 1.2), 'четвертная далеко от среднего');
  const na = cells.filter((c) => c.code === 'н/а');
  assert.ok(na.length < cells.length * 0.03, `н/а: ${na.length}`);
  assert.ok(na.every((c) => c.n === null || c.n < 3), 'н/а при достаточном числе отметок');
  // четвертную ставит учитель предмета этого класса
  assert.equal(one(`SELECT count(*) FROM final_marks f JOIN users u ON u.id = f.created_by WHERE f.period_id = ${quarter.id}
      AND NOT EXISTS (SELECT 1 FROM lessons l JOIN class_students cs ON cs.class_id = l.class_id AND cs.student_id = f.student_id
        WHERE l.subject_id = f.subject_id AND l.teacher_id = u.person_id)`), 0);
});

test('демо-журнал: сетка журнала API отдаёт отметки демо (если срез журнала уже есть)', async (t) => {
  if (!DB) return t.skip('нет ZH_DB');
  const { today } = demoClock();
  const pick = rows(`SELECT l.class_id, l.subject_id, l.period_id, count(*) n FROM marks m JOIN lessons l ON l.id = m.lesson_id
      JOIN classes c ON c.id = l.class_id WHERE l.subgroup_id IS NULL AND c.grade = 6 AND l.date <= '${today}'
      GROUP BY 1, 2, 3 ORDER BY l.period_id DESC, n DESC LIMIT 1`)[0];
  assert.ok(pick, 'нет журнала 6 класса с отметками');
  const admin = await loginOnce('admin');
  const r = await api('GET', `/api/v1/journal?group=${pick.class_id}&subject=${pick.subject_id}&period=${pick.period_id}`, { token: admin.token });
  if (r.status === 404) return t.skip('нет GET /api/v1/journal');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.marks.length, pick.n);
  assert.ok(r.json.lessons.filter((l) => l.date <= today).every((l) => l.topic !== ''));
  assert.ok(r.json.students.some((st) => st.average !== null));
});

test('демо-журнал: тот же seed и та же дата — те же данные; ничего после «сегодня» при другой дате', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-demo-journal-'));
  try {
    // 28 октября 2026: каникулы после 1 четверти
    const env = { ...process.env, ZHURNAL_FAKE_NOW: String(Date.UTC(2026, 9, 28, 9) / 1000) };
    const dump = (db) => execFileSync('sqlite3', ['-readonly', db,
      'SELECT * FROM marks ORDER BY id; SELECT * FROM attendance ORDER BY lesson_id, student_id; SELECT * FROM assignments ORDER BY id;' +
      ' SELECT * FROM final_marks ORDER BY id; SELECT id, topic, homework FROM lessons ORDER BY id; SELECT * FROM homework_individual ORDER BY id'],
    { encoding: 'utf8', maxBuffer: 1 << 30 });
    const dbs = [1, 2].map((i) => {
      const db = path.join(dir, `d${i}.db`);
      execFileSync(BIN, ['demo', '--db', db, '--password', 'demo-Parol-2026', '--seed', '3'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      return db;
    });
    const a = dump(dbs[0]);
    assert.ok(a.length > 100000);
    assert.ok(a === dump(dbs[1]), 'два запуска с одним seed различаются');
    assert.equal(one("SELECT count(*) FROM marks m JOIN lessons l ON l.id = m.lesson_id WHERE l.date > '2026-10-28'", dbs[0]), 0);
    assert.equal(one("SELECT count(*) FROM attendance a JOIN lessons l ON l.id = a.lesson_id WHERE l.date > '2026-10-28'", dbs[0]), 0);
    assert.ok(one("SELECT count(*) FROM final_marks f JOIN periods p ON p.id = f.period_id WHERE p.kind = 'quarter' AND p.number = 1", dbs[0]) > 1000);
    assert.equal(one("SELECT count(*) FROM final_marks f JOIN periods p ON p.id = f.period_id WHERE p.kind <> 'quarter' OR p.number <> 1", dbs[0]), 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
