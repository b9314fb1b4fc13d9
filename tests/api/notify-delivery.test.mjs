// Доставка уведомлений (M-11) через поддельные SMTP-сервер и SMS-шлюз: ровно один раз по
// каждому каналу, также после kill -9 сервера посреди пачки; повторы с отсрочкой; тихие часы.
// Работает на копии базы (sqlite3 .backup) со своим сервером: настройки основной школы не
// меняются. Класс: 3В.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { BIN, DB, DEMO_PASSWORD, listUsers, repoRoot, sleep } from './helpers.mjs';
import { startSms } from './fakes/sms.mjs';
import { startSmtp } from './fakes/smtp.mjs';

const PORT = 18612;
const BASE = `http://127.0.0.1:${PORT}`;
let dir, copy, server, smtp, sms, admin, cls3;

const sql = (q) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', copy, q], { encoding: 'utf8' }).trim();

async function call(method, p, { token, body } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(BASE + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}
async function signIn(login) {
  const r = await call('POST', '/api/v1/auth/login', { body: { login, password: DEMO_PASSWORD } });
  assert.equal(r.status, 200, `вход ${login}`);
  return r.json.token;
}

async function startServer() {
  const p = spawn(BIN, ['serve', '--db', copy, '--listen', `127.0.0.1:${PORT}`, '--web', path.join(repoRoot, 'web'), '--quiet'], {
    env: { ...process.env, ZHURNAL_DELIVERY_LEASE: '2', ZHURNAL_DELIVERY_BACKOFF: '1,1,1', ZHURNAL_DELIVERY_POLL_MS: '200', ZHURNAL_FAKE_NOW: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  p.stderr.on('data', () => {});
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${BASE}/healthz`)).status < 500) return p;
    } catch { /* ещё не слушает */ }
    await sleep(100);
  }
  throw new Error('второй сервер не запустился');
}

async function waitFor(fn, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`не дождались: ${what}`);
    await sleep(200);
  }
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zh-notify-'));
  copy = path.join(dir, 'copy.db');
  execFileSync('sqlite3', [DB, `.backup ${copy}`]);
  smtp = await startSmtp({ delayMs: 60 });
  sms = await startSms();
  // школа копии шлёт в поддельные серверы; адреса и SMS для объявлений — всем семьям 3В
  sql(`UPDATE school_settings SET notify_email = 1, smtp_host = '127.0.0.1', smtp_port = ${smtp.port}, smtp_user = 'robot',
       smtp_password = 'secret', smtp_from = 'school17@example.org', notify_sms = 1,
       sms_gateway_url = 'http://127.0.0.1:${sms.port}/send', sms_sender = 'SCHOOL17', sms_token = 'tok-123';
       DELETE FROM notify_outbox; DELETE FROM notify_delivery_log;
       WITH kids AS (SELECT cs.student_id id FROM class_students cs JOIN classes c ON c.id = cs.class_id WHERE c.name = '3В'),
       who AS (SELECT id FROM kids UNION SELECT parent_id FROM parent_links WHERE child_id IN (SELECT id FROM kids))
       INSERT OR REPLACE INTO notify_person (person_id, email, phone) SELECT id, 'p' || id || '@example.org', '+7 900 000-' || substr('0000' || id, -4, 2) || '-' || substr(id, -2) FROM who;
       INSERT OR REPLACE INTO notify_prefs (person_id, kind, email, sms) SELECT person_id, 'announcement', 1, 1 FROM notify_person;`);
  server = await startServer();
  admin = await signIn('admin');
  const cls = await call('GET', '/api/v1/classes', { token: admin });
  cls3 = cls.json.items.find((c) => c.name === '3В');
});

after(async () => {
  if (server && server.exitCode === null) server.kill('SIGTERM');
  await sleep(300);
  await smtp?.close();
  await sms?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('объявление классу: каждое письмо и SMS доходит ровно один раз, даже после kill -9 посреди пачки', async () => {
  const title = `Экскурсия 3В ${Date.now()}`;
  const r = await call('POST', '/api/v1/announcements', { token: admin, body: { title, body: 'В пятницу, сбор в 9:00', audience: 'class', class_id: cls3.id } });
  assert.equal(r.status, 201);
  const rows = sql(`SELECT channel || '|' || address || '|' || idem_key FROM notify_outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.entity = 'announcement' AND n.entity_id = ${r.json.id}`).split('\n').map((l) => l.split('|'));
  const emails = rows.filter((x) => x[0] === 'email');
  const smses = rows.filter((x) => x[0] === 'sms');
  assert.ok(emails.length > 30 && smses.length > 30, `писем ${emails.length}, SMS ${smses.length}`);

  // посреди пачки: часть писем уже ушла, часть нет
  await waitFor(() => smtp.byKey.size >= 5, 10000, 'первые письма');
  server.kill('SIGKILL');
  await new Promise((res) => (server.exitCode !== null || server.signalCode ? res() : server.once('exit', res)));
  const sentBefore = smtp.byKey.size;
  assert.ok(sentBefore < emails.length, 'сервер убит до конца пачки');
  server = await startServer();
  await waitFor(() => Number(sql(`SELECT count(*) FROM notify_outbox WHERE status <> 'sent'`)) === 0, 60000, 'доставка всех сообщений');

  // ровно одно письмо на каждую строку исходящих, с её ключом в Message-ID, по нужному адресу
  const mine = [...smtp.byKey.values()].filter((m) => m.subject === title);
  assert.equal(mine.length, emails.length);
  for (const [, address, key] of emails) {
    const got = mine.filter((m) => m.id === `<${key}@zhurnal>`);
    assert.equal(got.length, 1, `письмо ${key}`);
    assert.deepEqual(got[0].to, [address]);
    assert.equal(got[0].from, 'school17@example.org');
    assert.deepEqual(got[0].auth, ['', 'robot', 'secret']);
    assert.match(got[0].body, /сбор в 9:00/);
  }
  assert.equal(new Set(mine.map((m) => m.to[0])).size, emails.length, 'каждому адресу — одно письмо');
  const texts = [...sms.byKey.entries()].filter(([, j]) => j.text.startsWith(title));
  assert.equal(texts.length, smses.length);
  for (const [, address, key] of smses) {
    const j = sms.byKey.get(key);
    assert.ok(j, `SMS ${key}`);
    assert.equal(j.to, address);
    assert.equal(j.id, key);
    assert.equal(j.from, 'SCHOOL17');
  }
  assert.ok(sms.received.every((x) => x.auth === 'Bearer tok-123' && x.path === '/send'));
  // журнал доставки администратору
  const log = await call('GET', '/api/v1/notifications/deliveries?channel=email&limit=500', { token: admin });
  assert.equal(log.status, 200);
  assert.ok(log.json.items.filter((x) => x.ok && x.subject === title).length >= emails.length);
});

test('шлюз SMS ответил 500: повтор с отсрочкой и тем же ключом, затем доставлено', async () => {
  const title = `Перенос собрания ${Date.now()}`;
  // одна семья: одно сообщение на человека
  const target = sql(`SELECT person_id FROM notify_person ORDER BY person_id LIMIT 1`);
  sms.received.length = 0;
  const prev = sql(`SELECT count(*) FROM notify_outbox`);
  assert.ok(Number(prev) > 0);
  const planBefore = sms.received.length;
  smsPlan(500);
  const r = await call('POST', '/api/v1/announcements', { token: admin, body: { title, audience: 'class', class_id: cls3.id } });
  assert.equal(r.status, 201);
  await waitFor(() => Number(sql(`SELECT count(*) FROM notify_outbox WHERE status <> 'sent'`)) === 0, 60000, 'доставка');
  const failed = sms.received.slice(planBefore).filter((x) => x.status === 500);
  assert.equal(failed.length, 1);
  const key = failed[0].key;
  const retried = sms.received.filter((x) => x.key === key);
  assert.equal(retried.length, 2, 'одна неудача и один повтор с тем же ключом');
  assert.equal(retried[1].status, 200);
  assert.ok(retried[1].at - retried[0].at >= 900, 'повтор не раньше отсрочки');
  const attempts = sql(`SELECT l.attempt || ':' || l.ok FROM notify_delivery_log l JOIN notify_outbox o ON o.id = l.outbox_id WHERE o.idem_key = '${key}' ORDER BY l.id`);
  assert.equal(attempts, '1:0\n2:1');
  assert.ok(target);
});

function smsPlan(...codes) {
  sms.plan.push(...codes);
}

test('тихие часы: e-mail и SMS ждут их конца, в приложении — сразу', async () => {
  const parent = listUsers('parent').find((p) => p.children.length && Number(sql(`SELECT count(*) FROM users u JOIN notify_person np ON np.person_id = u.person_id WHERE u.login = '${p.login}'`)) === 1);
  assert.ok(parent);
  const tok = await signIn(parent.login);
  // Самара: UTC+4; окно [сейчас − 1 ч, сейчас + 1 ч)
  const local = new Date(Date.now() + 4 * 3600e3);
  const hm = (d) => d.toISOString().slice(11, 16);
  const from = hm(new Date(local.getTime() - 3600e3)), to = hm(new Date(local.getTime() + 3600e3));
  const p = await call('PUT', '/api/v1/notifications/preferences', { token: tok, body: { quiet_hours: { from, to }, email: 'quiet@example.org' } });
  assert.equal(p.status, 200);
  const title = `Тихое объявление ${Date.now()}`;
  assert.equal((await call('POST', '/api/v1/announcements', { token: admin, body: { title, audience: 'class', class_id: cls3.id } })).status, 201);
  const inApp = await call('GET', '/api/v1/notifications?limit=5', { token: tok });
  assert.ok(inApp.json.items.some((n) => n.title === title), 'в приложении — сразу');
  await sleep(1500);
  const rows = sql(`SELECT o.status || ' ' || (o.next_at - strftime('%s','now')) FROM notify_outbox o WHERE o.address = 'quiet@example.org' AND o.subject = '${title}'`);
  const [status, wait] = rows.split(' ');
  assert.equal(status, 'pending');
  assert.ok(Number(wait) > 3000 && Number(wait) <= 3600, `ждёт конца тихих часов: ${wait} с`);
  assert.ok(![...smtp.byKey.values()].some((m) => m.subject === title && m.to[0] === 'quiet@example.org'));
});
