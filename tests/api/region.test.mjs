// Набор данных региона (zhurnal demo --region-size): небольшой регион во временной базе,
// проверки через sqlite3: несколько школ, ни одной связи между школами, оценки за полугодие,
// у каждого ученика и родителя есть вход; вход сгенерированного родителя на своём сервере.
// Самодостаточный тест: своя база, свой сервер на свободном порту (ZH_BIN — исполняемый файл).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.ZH_BIN || path.join(repoRoot, 'build', 'zhurnal');
const PW = 'region-Parol-2026';
const STUDENTS = 3000;

let dir, db, out, server, base;

const sql = (q) => execFileSync('sqlite3', ['-separator', '|', db, q], { encoding: 'utf8' }).trim();
const num = (q) => Number(sql(q));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function post(p, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const r = await fetch(base + p, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: r.status, json: await r.json().catch(() => null) };
}

async function get(p, token) {
  const r = await fetch(base + p, { headers: { Authorization: `Bearer ${token}` } });
  return { status: r.status, json: await r.json().catch(() => null) };
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-region-'));
  db = path.join(dir, 'region.db');
  out = execFileSync(BIN, ['demo', '--db', db, '--region-size', '--students', String(STUDENTS), '--seed', '3',
    '--password', PW], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
});

after(async () => {
  if (server) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('zhurnal demo --region-size', () => {
  test('prints the totals and says that one password hash is shared', () => {
    assert.match(out, /Регион создан за [\d.]+ с: школ 4,/);
    assert.match(out, /Пароль хешируется один раз/);
    assert.match(out, /оценок \d+/);
  });

  test('several schools of the demo shape, different names, back in WAL mode', () => {
    assert.equal(sql('PRAGMA journal_mode'), 'wal');
    assert.equal(num('SELECT count(*) FROM schools'), 4);
    assert.equal(num('SELECT count(DISTINCT short_name) FROM schools'), 4);
    const perSchool = sql("SELECT school_id, count(*) FROM students WHERE status = 'enrolled' GROUP BY 1")
      .split('\n').map((l) => Number(l.split('|')[1]));
    assert.equal(perSchool.length, 4);
    for (const n of perSchool) assert.ok(n > 600 && n < 800, `учеников в школе: ${n}`);
    const total = perSchool.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(total - STUDENTS) < 700, `учеников всего: ${total}`);
    // every school has its classes, teachers, timetable and lessons
    for (const t of ['classes', 'teacher_load', 'timetable_entries', 'lessons', 'assignments', 'attendance'])
      assert.equal(num(`SELECT count(DISTINCT school_id) FROM ${t}`), 4, t);
    // copies vary: surnames rotate, marks differ
    assert.ok(num('SELECT count(DISTINCT last_name) FROM persons p JOIN students s ON s.person_id = p.id WHERE s.school_id = 2')
      > 50);
    const avgs = sql("SELECT school_id, round(avg(value), 4) FROM marks WHERE kind = 'mark' GROUP BY 1").split('\n');
    assert.ok(new Set(avgs.map((l) => l.split('|')[1])).size > 1, 'средние баллы копий одинаковы');
  });

  test('a term of marks: about 250 per student in every school', () => {
    const rows = sql(`SELECT m.school_id, count(*) * 1.0 / (SELECT count(*) FROM students s
        WHERE s.school_id = m.school_id AND s.status = 'enrolled') FROM marks m GROUP BY 1`).split('\n');
    assert.equal(rows.length, 4);
    for (const r of rows) {
      const per = Number(r.split('|')[1]);
      assert.ok(per > 200 && per < 300, `оценок на ученика: ${r}`);
    }
    assert.equal(num("SELECT count(*) FROM marks WHERE value NOT BETWEEN 2 AND 5 AND kind = 'mark'"), 0);
  });

  test('no links between schools', () => {
    const zero = {
      'class of another school': `SELECT count(*) FROM class_students cs JOIN classes c ON c.id = cs.class_id
        WHERE c.school_id <> cs.school_id`,
      'student of a class not a student of its school': `SELECT count(*) FROM class_students cs
        WHERE NOT EXISTS (SELECT 1 FROM students s WHERE s.person_id = cs.student_id AND s.school_id = cs.school_id)`,
      'parent link to a child of another school': `SELECT count(*) FROM parent_links pl
        WHERE NOT EXISTS (SELECT 1 FROM students s WHERE s.person_id = pl.child_id AND s.school_id = pl.school_id)`,
      'parent with roles in another school': `SELECT count(*) FROM parent_links pl JOIN users u ON u.person_id = pl.parent_id
        JOIN user_roles r ON r.user_id = u.id AND r.role_id = 5 WHERE r.school_id <> pl.school_id`,
      'mark of a lesson of another school': `SELECT count(*) FROM marks m JOIN lessons l ON l.id = m.lesson_id
        WHERE l.school_id <> m.school_id`,
      'mark of a student of another school': `SELECT count(*) FROM marks m
        WHERE NOT EXISTS (SELECT 1 FROM students s WHERE s.person_id = m.student_id AND s.school_id = m.school_id)`,
      'mark of a student outside the lesson class': `SELECT count(*) FROM marks m JOIN lessons l ON l.id = m.lesson_id
        WHERE NOT EXISTS (SELECT 1 FROM class_students cs WHERE cs.class_id = l.class_id AND cs.student_id = m.student_id)`,
      'mark of an assignment of another lesson': `SELECT count(*) FROM marks m JOIN assignments a ON a.id = m.assignment_id
        WHERE a.lesson_id <> m.lesson_id`,
      'attendance of another school': `SELECT count(*) FROM attendance t JOIN lessons l ON l.id = t.lesson_id
        WHERE l.school_id <> t.school_id`,
      'lesson of a class of another school': `SELECT count(*) FROM lessons l JOIN classes c ON c.id = l.class_id
        WHERE c.school_id <> l.school_id`,
      'lesson taught by staff of another school': `SELECT count(*) FROM lessons l
        WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.person_id = l.teacher_id AND s.school_id = l.school_id)`,
      'timetable of a period of another school': `SELECT count(*) FROM timetable_entries t JOIN periods p ON p.id = t.period_id
        WHERE p.school_id <> t.school_id`,
      'mark entered by a user of another school': `SELECT count(*) FROM marks m JOIN users u ON u.id = m.created_by
        WHERE NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.school_id = m.school_id)`,
    };
    for (const [what, q] of Object.entries(zero)) assert.equal(num(q), 0, what);
    assert.equal(sql('PRAGMA foreign_key_check'), '', 'foreign_key_check');
  });

  test('every student and parent has a login; logins of copies carry the school number', () => {
    assert.equal(num(`SELECT count(*) FROM students s WHERE s.status = 'enrolled'
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = s.person_id)`), 0);
    assert.equal(num(`SELECT count(DISTINCT pl.parent_id) FROM parent_links pl
      WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = pl.parent_id)`), 0);
    assert.equal(num("SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.school_id = 3 AND u.login NOT LIKE '%.s3'"), 0);
    assert.equal(num('SELECT count(DISTINCT pw_hash) FROM users'), 1);
  });

  test('a generated parent of a copied school logs in and sees own children only', async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web', path.join(repoRoot, 'web'),
      '--threads', '2', '--quiet'], { stdio: 'ignore' });
    let up = false;
    for (let i = 0; i < 100 && !up; i++) {
      up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (!up) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(up, 'сервер не запустился');
    const [login, childId, schoolId] = sql(`SELECT u.login, pl.child_id, pl.school_id FROM parent_links pl
      JOIN users u ON u.person_id = pl.parent_id WHERE pl.school_id = 3 ORDER BY pl.parent_id LIMIT 1`).split('|');
    assert.match(login, /\.s3$/);
    const bad = await post('/api/v1/auth/login', { login, password: PW + 'x' });
    assert.equal(bad.status, 401);
    const ok = await post('/api/v1/auth/login', { login, password: PW });
    assert.equal(ok.status, 200, JSON.stringify(ok.json));
    const me = await get('/api/v1/me', ok.json.token);
    assert.equal(me.status, 200);
    const list = await get('/api/v1/diary/students', ok.json.token);
    if (list.status !== 404) { // the diary list, once it is there
      assert.equal(list.status, 200, JSON.stringify(list.json));
      const ids = (list.json.items || list.json.students || []).map((s) => Number(s.id ?? s.student_id ?? s.person_id));
      assert.ok(ids.includes(Number(childId)), `дети родителя: ${JSON.stringify(list.json)}`);
      const schools = new Set(ids.map((id) => num(`SELECT school_id FROM students WHERE person_id = ${id}`)));
      assert.deepEqual([...schools], [Number(schoolId)]);
      // a child of the same name position in the template school is not theirs
      const other = num(`SELECT child_id FROM parent_links WHERE school_id = 1 ORDER BY parent_id LIMIT 1`);
      const week = await get(`/api/v1/diary?student=${other}&week=2026-11-16`, ok.json.token);
      assert.equal(week.status, 403);
    }
  });
});
