// Поддельный HTTP-шлюз SMS: принимает POST JSON {to, from, text, id}, отбрасывает повторы по
// Idempotency-Key (как настоящие шлюзы). plan — очередь кодов ответа (например [500, 200]),
// после неё отвечает 200.
import http from 'node:http';

export async function startSms({ plan = [], delayMs = 0 } = {}) {
  const received = []; // все запросы (с повторами и неудачными ответами): {status, key, auth, json}
  const byKey = new Map();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => { body += c; });
    req.on('end', async () => {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      let json = null;
      try { json = JSON.parse(body); } catch { /* пусто */ }
      const status = plan.length ? plan.shift() : 200;
      const key = req.headers['idempotency-key'];
      received.push({ status, key, auth: req.headers.authorization, path: req.url, json, at: Date.now() });
      if (status === 200 && json && !byKey.has(key)) byKey.set(key, json);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: status === 200 }));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: server.address().port,
    plan,
    received,
    byKey,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}
