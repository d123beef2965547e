// Talks to the seed example served by `npm start`: connects, sends one message, prints the reply.
import WebSocket from 'ws';

const url = process.argv[2] ?? 'ws://127.0.0.1:8080/dev';
const ws = new WebSocket(url);
const timer = setTimeout(() => { console.error(`no reply from ${url} within 10 s`); process.exit(1); }, 10_000);
ws.on('open', () => ws.send(JSON.stringify({ action: 'sendMessage', text: 'hello' })));
ws.on('message', (data) => {
  console.log(`reply: ${data.toString()}`);
  clearTimeout(timer);
  ws.close();
});
ws.on('error', (e) => { console.error(`cannot connect to ${url}: ${e.message} (is 'npm start' running?)`); process.exit(1); });
