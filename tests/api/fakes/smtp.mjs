// Поддельный SMTP-сервер для тестов уведомлений: принимает письма, хранит все приёмы и
// отбрасывает повторы по Message-ID (как настоящий почтовый сервер с проверкой дублей).
import net from 'node:net';

export async function startSmtp({ delayMs = 0 } = {}) {
  const received = []; // все принятые письма, с повторами
  const byKey = new Map(); // Message-ID → письмо (первое)
  const server = net.createServer((sock) => {
    let buf = '';
    let inData = false;
    let mail = null;
    let auth = null;
    sock.setEncoding('utf8');
    sock.on('error', () => {});
    const say = (s) => { if (!sock.destroyed) sock.write(`${s}\r\n`); };
    say('220 fake.smtp ESMTP');
    sock.on('data', async (chunk) => {
      buf += chunk;
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const data = buf.slice(0, end);
          buf = buf.slice(end + 5);
          inData = false;
          const [head, ...rest] = data.split('\r\n\r\n');
          const headers = {};
          for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
            const i = line.indexOf(':');
            if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
          }
          const subject = (headers.subject || '').replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/g, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
          const msg = { ...mail, auth, headers, subject, body: rest.join('\r\n\r\n').replace(/^\.\./gm, '.'), id: headers['message-id'] };
          if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
          received.push(msg);
          if (!byKey.has(msg.id)) byKey.set(msg.id, msg);
          say('250 OK queued');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') say('250-fake.smtp\r\n250 AUTH PLAIN');
        else if (cmd === 'AUTH') { auth = Buffer.from(line.split(' ')[2] || '', 'base64').toString('utf8').split('\0'); say('235 OK'); }
        else if (cmd === 'MAIL') { mail = { from: line.replace(/^.*<|>.*$/g, ''), to: [] }; say('250 OK'); }
        else if (cmd === 'RCPT') { mail.to.push(line.replace(/^.*<|>.*$/g, '')); say('250 OK'); }
        else if (cmd === 'DATA') { inData = true; say('354 go on'); }
        else if (cmd === 'QUIT') { say('221 bye'); sock.end(); return; }
        else say('250 OK');
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: server.address().port,
    received,
    byKey,
    close: () => new Promise((r) => server.close(r)),
  };
}
