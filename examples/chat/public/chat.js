// The chat page's script: plain JavaScript for the browser, no framework and no build step.
// It connects to the WebSocket URL of config.json (written by examples/chat/serve.ts), or to the
// one given as ?gateway=wss://… (a deployed API), with the person's name in the query string.
/* global document, location, WebSocket, fetch, URLSearchParams */

const $ = (id) => document.getElementById(id);
const log = $('log');
const people = $('people');
const status = $('status');

/** @type {WebSocket | undefined} */
let socket;
/** This page's person ({ connectionId, name, joinedAt }) once `whoami` answered. */
let me;

async function gatewayUrl() {
  const given = new URLSearchParams(location.search).get('gateway');
  if (given) return given;
  const response = await fetch('config.json');
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return (await response.json()).url;
}

function setStatus(text) {
  status.textContent = text;
}

/** Adds a line to the log: a notice, or a message with its sender. Text only, never HTML. */
function addLine({ notice, from, text, at, mine }) {
  const li = document.createElement('li');
  if (at) {
    const time = document.createElement('time');
    time.dateTime = at;
    time.textContent = new Date(at).toLocaleTimeString();
    li.append(time);
  }
  if (notice) {
    li.className = 'notice';
    li.append(notice);
  } else {
    if (mine) li.className = 'mine';
    const who = document.createElement('span');
    who.className = 'from';
    who.textContent = from;
    li.append(who, text);
  }
  log.append(li);
  log.scrollTop = log.scrollHeight;
}

/** Shows who is here. */
function showPeople(list) {
  people.replaceChildren(...list.map((person) => {
    const li = document.createElement('li');
    li.dataset.connectionId = person.connectionId;
    li.textContent = person.name;
    if (me && person.connectionId === me.connectionId) li.className = 'me';
    return li;
  }));
}

function currentPeople() {
  return [...people.children].map((li) => ({ connectionId: li.dataset.connectionId, name: li.textContent }));
}

function onMessage(data) {
  let message;
  try {
    message = JSON.parse(data);
  } catch {
    addLine({ notice: `(unreadable message: ${data})` });
    return;
  }
  switch (message.type) {
    case 'whoami':
      me = message.me;
      showPeople(message.people);
      setStatus(`connected as ${me.name}`);
      addLine({ notice: `You joined as ${me.name}.`, at: me.joinedAt });
      break;
    case 'joined':
      showPeople([...currentPeople().filter((p) => p.connectionId !== message.person.connectionId), message.person]);
      addLine({ notice: `${message.person.name} joined.`, at: message.person.joinedAt });
      break;
    case 'left':
      showPeople(currentPeople().filter((p) => p.connectionId !== message.person.connectionId));
      addLine({ notice: `${message.person.name} left.`, at: message.leftAt });
      break;
    case 'message':
      addLine({ from: message.from.name, text: message.text, at: message.sentAt, mine: me && message.from.connectionId === me.connectionId });
      break;
    default:
      // API Gateway's own frames, e.g. {"message": "Forbidden", …} or "Internal server error".
      addLine({ notice: `gateway: ${message.message ?? data}` });
  }
}

async function join(name) {
  $('join').disabled = true;
  setStatus('connecting…');
  let url;
  try {
    url = new URL(await gatewayUrl());
  } catch (e) {
    setStatus(`cannot find the gateway: ${e.message}`);
    $('join').disabled = false;
    return;
  }
  url.searchParams.set('name', name);
  const ws = new WebSocket(url);
  socket = ws;
  let opened = false;
  ws.addEventListener('open', () => {
    opened = true;
    $('join-form').hidden = true;
    $('room').hidden = false;
    log.replaceChildren();
    ws.send(JSON.stringify({ action: 'whoami' }));
    $('text').focus();
  });
  ws.addEventListener('message', (event) => onMessage(event.data));
  ws.addEventListener('close', (event) => {
    if (socket !== ws) return;
    socket = undefined;
    me = undefined;
    setStatus(opened ? `disconnected (${event.code}${event.reason ? ` ${event.reason}` : ''})` : 'could not connect: is the gateway running?');
    if (opened) addLine({ notice: 'You left the chat.' });
    $('join-form').hidden = false;
    $('join').disabled = false;
    showPeople([]);
  });
}

$('join-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = $('name').value.trim();
  if (name) join(name);
});

$('send-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('text').value.trim();
  if (!text || !socket || socket.readyState !== WebSocket.OPEN) return;
  socket.send(JSON.stringify({ action: 'sendMessage', text }));
  $('text').value = '';
});

$('leave').addEventListener('click', () => socket?.close(1000, 'left'));
