/* Tend playground: a Telegram-like private chat with the bot, over a small JSON API.
 * Plain DOM, no framework. API text is only ever put in the page through textContent
 * and text nodes, never innerHTML. */
'use strict';

(() => {
  const POLL_MS = 700;
  const CITIES = [
    { name: 'Berlin', flag: '🇩🇪', lat: 52.52, lon: 13.405 },
    { name: 'New York', flag: '🇺🇸', lat: 40.71, lon: -74.01 },
    { name: 'Tokyo', flag: '🇯🇵', lat: 35.68, lon: 139.69 },
    { name: 'Sydney', flag: '🇦🇺', lat: -33.87, lon: 151.21 },
    { name: 'São Paulo', flag: '🇧🇷', lat: -23.55, lon: -46.63 },
    { name: 'Kathmandu', flag: '🇳🇵', lat: 27.72, lon: 85.32 },
  ];
  const NEW_NAMES = ['Cleo', 'Dana', 'Eli', 'Farah', 'Gus', 'Hana', 'Ivo', 'Juno', 'Kai', 'Lena',
    'Milo', 'Nia', 'Omar', 'Pia', 'Quinn', 'Rosa', 'Sami', 'Tove', 'Uma', 'Vik', 'Wren', 'Yara', 'Zed'];
  const AVATAR_COLORS = ['#e17076', '#7bc862', '#65aadd', '#a695e7', '#ee7aae', '#6ec9cb', '#faa774'];
  const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const LONG_PRESS_MS = 500;
  // Telegram sends nothing made only of these: controls, format marks (zero-width space,
  // joiners, BOM) and spaces; the server refuses the same set (bot/playground.py, refusal).
  const INVISIBLE_ONLY = /^[\s\p{Cc}\p{Cf}\p{Z}]*$/u;

  const $ = (id) => document.getElementById(id);

  /* ---------- tiny DOM helper (text only, never HTML) ---------- */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === 'class') node.className = value;
        else if (key === 'text') node.textContent = value;
        else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  const pad2 = (n) => String(n).padStart(2, '0');

  /* ---------- state ---------- */
  let currentUser = userFromHash();
  let lastUser = null;
  let lastVersion = null;
  let lastMaxId = -1;
  let usersSig = '';
  let nowSig = '';
  let commandsSig = '';
  let keyboardSig = '';
  let users = [];
  let commands = [];
  let inflight = false;
  let again = false;
  let previewOpen = false;
  let keyboardShown = true;
  let zone = 'UTC'; // the simulated user's IANA zone: their phone's clock (UTC until they say)
  let lastZone = null;
  let editing = null; // { id, text } while a sent message is being edited
  let lastMessages = [];
  let toastTimer = null;
  const msgCache = new Map(); // message id -> { sig, row }

  function userFromHash() {
    const m = /(?:^|[#&?])user=(\d+)/.exec(location.hash || '');
    return m ? Number(m[1]) : null;
  }

  function rememberUser(id) {
    const hash = '#user=' + id;
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }

  /* ---------- API ---------- */
  async function api(method, path, body) {
    const opts = { method, headers: { Accept: 'application/json' }, cache: 'no-store' };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    const res = await fetch(path, opts);
    const raw = await res.text();
    let data = null;
    try { data = raw ? JSON.parse(raw) : null; } catch (_) { data = null; }
    if (!res.ok) {
      const msg = (data && (data.error || data.message)) || raw.trim() || ('HTTP ' + res.status);
      const err = new Error(msg.slice(0, 200));
      err.status = res.status;
      throw err;
    }
    return data;
  }

  /* ---------- polling ---------- */
  async function poll() {
    if (inflight) { again = true; return; }
    inflight = true;
    const wanted = currentUser;
    try {
      const url = wanted == null ? '/api/state' : '/api/state?user=' + encodeURIComponent(wanted);
      let st;
      try {
        st = await api('GET', url);
      } catch (err) {
        if (wanted != null && (err.status === 404 || err.status === 400)) {
          // The remembered user does not exist (server restarted?): fall back to the default one.
          if (currentUser === wanted) currentUser = null;
          again = true;
          return;
        }
        throw err;
      }
      if (currentUser !== wanted) { again = true; return; } // switched while the request was out
      accept(st);
    } catch (_) {
      setOnline(false);
    } finally {
      inflight = false;
      if (again) { again = false; poll(); }
    }
  }

  function accept(st) {
    if (!st || typeof st !== 'object' || !Array.isArray(st.messages)) throw new Error('bad state');
    if (currentUser == null) currentUser = st.user;
    rememberUser(currentUser);
    setOnline(true);
    apply(st);
  }

  /* The first state: the remembered user, or the default one if that user is gone. */
  async function initialLoad() {
    for (let attempt = 0; attempt < 2; attempt++) {
      const url = currentUser == null ? '/api/state' : '/api/state?user=' + encodeURIComponent(currentUser);
      try {
        const response = await fetch(url, { headers: { Accept: 'application/json' } });
        if (response.ok) { accept(await response.json()); return; }
        if (currentUser == null || (response.status !== 404 && response.status !== 400)) return;
        currentUser = null; // remembered user is gone: try the default one
      } catch (_) {
        return; // the regular poll will retry
      }
    }
  }

  function refreshNow() { poll(); }

  /* The state right after an action, before the action's button is given back: whoever
   * acts next (a person, or a test) sees what the action led to. */
  async function refreshAndWait() {
    const wanted = currentUser;
    if (wanted == null) return;
    try {
      const st = await api('GET', '/api/state?user=' + encodeURIComponent(wanted));
      if (currentUser === wanted) accept(st);
    } catch (_) {
      // the regular poll retries
    }
  }

  function setOnline(ok) {
    const status = $('bot-status');
    status.classList.toggle('offline', !ok);
    $('bot-status-text').textContent = ok ? 'bot' : 'connecting…';
  }

  function apply(st) {
    const userChanged = st.user !== lastUser;
    zone = validZone(st.zone) ? st.zone : 'UTC';
    const zoneChanged = zone !== lastZone;
    lastZone = zone;

    users = Array.isArray(st.users) ? st.users : [];
    const uSig = JSON.stringify(users) + '|' + st.user;
    if (uSig !== usersSig) { usersSig = uSig; renderUsers(st.user); }

    if (st.now_utc + zone !== nowSig) { nowSig = st.now_utc + zone; renderNow(st.now_utc); }

    commands = Array.isArray(st.commands) ? st.commands : [];
    const cSig = JSON.stringify(commands);
    if (cSig !== commandsSig) { commandsSig = cSig; renderCommands(); }

    if (userChanged) cancelEdit();
    if (userChanged || zoneChanged || st.version !== lastVersion) {
      renderMessages(Array.isArray(st.messages) ? st.messages : [], userChanged);
      renderReplyKeyboard(st.reply_keyboard || null, userChanged);
    }
    lastUser = st.user;
    lastVersion = st.version;
    // What the page shows now, for tests and tools: the chat's version and whose it is.
    document.body.dataset.user = String(st.user);
    document.body.dataset.version = String(st.version);
  }

  /* ---------- time formatting: in the simulated user's zone, never the browser's ---------- */
  const formatters = new Map();
  function fmt(options) {
    const key = zone + JSON.stringify(options);
    let f = formatters.get(key);
    if (!f) {
      f = new Intl.DateTimeFormat('en-GB', Object.assign({ timeZone: zone }, options));
      formatters.set(key, f);
    }
    return f;
  }

  function validZone(name) {
    if (!name) return false;
    try { new Intl.DateTimeFormat('en-GB', { timeZone: name }); return true; } catch (_) { return false; }
  }

  function parts(date, options) {
    const out = {};
    for (const p of fmt(options).formatToParts(date)) out[p.type] = p.value;
    return out;
  }

  function formatNow(iso) {
    const d = new Date(iso);
    if (isNaN(d)) return String(iso || '…');
    const utc = `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} · ` +
      `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())} UTC`;
    if (zone === 'UTC') return utc;
    const p = parts(d, { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return `${utc} · ${p.weekday} ${p.hour}:${p.minute} in ${zone}`;
  }

  function hhmm(unix) {
    const d = new Date(Number(unix) * 1000);
    if (isNaN(d)) return '';
    const p = parts(d, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return `${p.hour}:${p.minute}`;
  }

  function dayKey(unix) {
    const d = new Date(Number(unix) * 1000);
    if (isNaN(d)) return '';
    const p = parts(d, { year: 'numeric', month: '2-digit', day: '2-digit' });
    return `${p.year}-${p.month}-${p.day}`;
  }

  function dayLabel(unix) {
    const d = new Date(Number(unix) * 1000);
    if (isNaN(d)) return '';
    const p = parts(d, { weekday: 'short', day: 'numeric', month: 'long' });
    return `${p.weekday}, ${p.day} ${p.month}`;
  }

  function renderNow(iso) {
    const node = $('now');
    node.textContent = formatNow(iso);
    node.setAttribute('datetime', iso || '');
    node.title = iso || '';
  }

  /* ---------- sidebar ---------- */
  function avatarColor(id) {
    const n = Math.abs(Number(id) || 0);
    return AVATAR_COLORS[n % AVATAR_COLORS.length];
  }

  function initial(name) {
    const s = String(name || '?').trim();
    return s ? Array.from(s)[0].toUpperCase() : '?';
  }

  function renderUsers(active) {
    const list = $('user-list');
    const nodes = users.map((u) => {
      const avatar = el('span', { class: 'avatar', 'aria-hidden': 'true', text: initial(u.name) });
      avatar.style.background = avatarColor(u.id);
      const item = el('button', {
        type: 'button',
        class: 'u-item' + (u.id === active ? ' active' : ''),
        role: 'listitem',
        'data-testid': 'user-' + u.id,
        'data-id': u.id,
        'aria-current': u.id === active ? 'true' : null,
        title: u.name + (u.zone ? ' · ' + u.zone : ''),
        onclick: () => selectUser(u.id),
      },
      avatar,
      el('span', { class: 'u-main' },
        el('span', { class: 'u-top' },
          el('span', { class: 'u-name', text: u.name }),
          el('span', { class: 'u-time', text: u.local_time || '' })),
        el('span', { class: 'u-zone' + (u.zone ? '' : ' muted'), text: u.zone || 'no time zone yet' }),
        el('span', { class: 'u-next' + (u.next ? '' : ' muted'), 'data-testid': 'upcoming' },
          ...(Array.isArray(u.upcoming) && u.upcoming.length
            ? u.upcoming.map((w, i) => el('span', {
              class: 'u-event',
              // the day and time wrap together: "Tue 07:00" is never split over two lines
              text: (i ? 'then ' : 'next: ') + String(w).replace(/ (\d\d:\d\d)$/, '\u00a0$1'),
            }))
            : [el('span', { class: 'u-event', text: 'next: nothing scheduled' })]))));
      return item;
    });
    list.replaceChildren(...nodes);
    const activeNode = list.querySelector('.u-item.active');
    if (activeNode && activeNode.scrollIntoView) activeNode.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const current = users.find((u) => u.id === active);
    $('chat-user').textContent = current ? 'as ' + current.name : '';
  }

  function selectUser(id) {
    if (id === currentUser) return;
    currentUser = id;
    rememberUser(id);
    closePopups();
    for (const node of document.querySelectorAll('.u-item')) {
      const on = Number(node.dataset.id) === id;
      node.classList.toggle('active', on);
      if (on) node.setAttribute('aria-current', 'true'); else node.removeAttribute('aria-current');
    }
    refreshNow();
  }

  async function addUser() {
    const taken = new Set(users.map((u) => String(u.name).toLowerCase()));
    const name = NEW_NAMES.find((n) => !taken.has(n.toLowerCase())) || ('User ' + (users.length + 1));
    const btn = $('add-user');
    btn.disabled = true;
    try {
      const res = await api('POST', '/api/users', { name });
      if (res && res.id != null) selectUser(Number(res.id));
      else refreshNow();
    } catch (err) {
      toast('Could not add a user: ' + err.message);
    } finally {
      btn.disabled = false;
    }
  }

  /* ---------- entity rendering ---------- */
  function safeUrl(raw) {
    const s = String(raw || '').trim();
    if (!s) return null;
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(s) ? s : 'https://' + s;
    try {
      const u = new URL(withScheme);
      return ['http:', 'https:', 'mailto:', 'tel:', 'tg:'].includes(u.protocol) ? u.href : null;
    } catch (_) {
      return null;
    }
  }

  function link(href, title) {
    const a = el('a', { class: 'link', target: '_blank', rel: 'noopener noreferrer' });
    const url = safeUrl(href);
    if (url) a.href = url;
    if (title) a.title = title;
    return a;
  }

  const BLOCK_TYPES = new Set(['pre', 'blockquote', 'expandable_blockquote']);

  /** Make the element for one entity: { root, box } where children go into box. */
  function entityNode(e, slice, ctx) {
    switch (e.type) {
      case 'bold': { const n = el('strong'); return { root: n, box: n }; }
      case 'italic': { const n = el('em'); return { root: n, box: n }; }
      case 'underline': { const n = el('u'); return { root: n, box: n }; }
      case 'strikethrough': { const n = el('s'); return { root: n, box: n }; }
      case 'code': { const n = el('code', { class: 'inline-code' }); return { root: n, box: n }; }
      case 'pre': {
        const code = el('code', e.language ? { class: 'language-' + String(e.language).replace(/[^\w-]/g, '') } : null);
        const pre = el('pre', { class: 'pre' }, code);
        if (e.language) pre.dataset.language = String(e.language);
        return { root: pre, box: code };
      }
      case 'spoiler': {
        const n = el('span', { class: 'spoiler', title: 'Spoiler: click to reveal' });
        n.addEventListener('click', (ev) => {
          if (!n.classList.contains('revealed')) { ev.preventDefault(); ev.stopPropagation(); n.classList.add('revealed'); n.removeAttribute('title'); }
        });
        return { root: n, box: n };
      }
      case 'blockquote': { const n = el('blockquote', { class: 'quote' }); return { root: n, box: n }; }
      case 'expandable_blockquote': {
        const n = el('blockquote', { class: 'quote expandable collapsed', title: 'Click to expand' });
        n.addEventListener('click', (ev) => {
          if (ev.target.closest('a, .spoiler:not(.revealed)')) return;
          n.classList.toggle('collapsed');
          n.title = n.classList.contains('collapsed') ? 'Click to expand' : 'Click to collapse';
        });
        return { root: n, box: n };
      }
      case 'text_link': { const n = link(e.url, e.url); return { root: n, box: n }; }
      case 'url': { const n = link(slice); return { root: n, box: n }; }
      case 'email': { const n = link('mailto:' + slice); return { root: n, box: n }; }
      case 'phone_number': { const n = link('tel:' + slice.replace(/[^\d+]/g, '')); return { root: n, box: n }; }
      case 'mention': {
        const n = link('https://t.me/' + slice.replace(/^@/, ''));
        n.classList.add('mention');
        return { root: n, box: n };
      }
      case 'text_mention': { const n = el('span', { class: 'link mention' }); return { root: n, box: n }; }
      case 'hashtag':
      case 'cashtag': { const n = el('span', { class: 'link hashtag' }); return { root: n, box: n }; }
      case 'bot_command': {
        const n = el('a', { class: 'link bot-command', href: '#', 'data-command': slice, title: 'Send ' + slice });
        n.addEventListener('click', (ev) => {
          ev.preventDefault();
          if (ctx && ctx.onCommand) ctx.onCommand(slice);
        });
        return { root: n, box: n };
      }
      default: { const n = el('span', { class: 'entity-' + String(e.type || 'unknown').replace(/[^\w-]/g, '') }); return { root: n, box: n }; }
    }
  }

  function cmpEntities(a, b) {
    return a.offset - b.offset || b.end - a.end || a.order - b.order;
  }

  function appendText(parent, text, state) {
    if (!text) return;
    let t = text;
    // A newline right after a block (quote/pre) is already a line break visually.
    if (state.afterBlock && t[0] === '\n') t = t.slice(1);
    state.afterBlock = false;
    if (t) parent.append(document.createTextNode(t));
  }

  function build(parent, text, start, end, ents, ctx, state) {
    let pos = start;
    let rest = ents;
    while (rest.length) {
      const e = rest[0];
      const others = rest.slice(1);
      if (e.offset > pos) appendText(parent, text.slice(pos, e.offset), state);
      const inner = [];
      const outer = [];
      for (const c of others) {
        if (c.offset < e.end) {
          inner.push(Object.assign({}, c, { end: Math.min(c.end, e.end) }));
          if (c.end > e.end) outer.push(Object.assign({}, c, { offset: e.end }));
        } else {
          outer.push(c);
        }
      }
      outer.sort(cmpEntities);
      const slice = text.slice(e.offset, e.end);
      const node = entityNode(e, slice, ctx);
      const innerState = { afterBlock: false };
      build(node.box, text, e.offset, e.end, inner, ctx, innerState);
      state.afterBlock = false;
      parent.append(node.root);
      if (BLOCK_TYPES.has(e.type)) state.afterBlock = true;
      pos = e.end;
      rest = outer;
    }
    if (pos < end) appendText(parent, text.slice(pos, end), state);
  }

  /** Render Telegram text + entities (UTF-16 offsets) into a DocumentFragment. */
  function renderRich(text, entities, ctx) {
    const s = String(text == null ? '' : text);
    const frag = document.createDocumentFragment();
    const ents = (Array.isArray(entities) ? entities : [])
      .map((e, i) => {
        const offset = Math.max(0, Number(e && e.offset) || 0);
        const length = Number(e && e.length) || 0;
        return Object.assign({}, e, { offset, end: Math.min(s.length, offset + length), order: i });
      })
      .filter((e) => e.type && e.end > e.offset)
      .sort(cmpEntities);
    build(frag, s, 0, s.length, ents, ctx, { afterBlock: false });
    return frag;
  }

  const chatCtx = { onCommand: (cmd) => sendText(cmd) };
  // In the preview, a command link leaves the preview and sends it in the chat.
  const previewCtx = { onCommand: (cmd) => { setPreview(false); sendText(cmd); } };

  /* ---------- messages ---------- */
  function formatSize(bytes) {
    const n = Number(bytes) || 0;
    if (n < 1024) return n + ' B';
    if (n < 1024 * 1024) return (n / 1024).toFixed(n < 10240 ? 1 : 0) + ' KB';
    return (n / 1048576).toFixed(1) + ' MB';
  }

  function metaText(m) {
    return (m.edited ? 'edited ' : '') + hhmm(m.date) + (m.from_bot ? '' : ' ✓✓');
  }

  function buildMeta(m) {
    const meta = el('span', { class: 'meta' });
    if (m.edited) meta.append(el('span', { class: 'edited', 'data-testid': 'edited', text: 'edited' }));
    meta.append(el('time', { class: 'time', 'data-testid': 'time', datetime: new Date(Number(m.date) * 1000).toISOString(), text: hhmm(m.date) }));
    if (!m.from_bot) meta.append(el('span', { class: 'ticks', 'aria-label': 'read', text: '✓✓' }));
    return meta;
  }

  function spacer(m) {
    // Reserves room for the time on the last line; its text lives in a pseudo-element.
    return el('span', { class: 'meta-spacer', 'data-meta': metaText(m), 'aria-hidden': 'true' });
  }

  function buildDocument(m) {
    const doc = m.document;
    const name = String(doc.name || 'file');
    const ext = (/\.([a-z0-9]{1,5})$/i.exec(name) || [null, 'file'])[1].toUpperCase();
    const href = String(doc.url || '');
    const safeHref = href.startsWith('/') && !href.startsWith('//') ? href : safeUrl(href);
    const icon = el('a', { class: 'doc-icon', download: name, title: 'Download ' + name, 'aria-label': 'Download ' + name },
      el('span', { class: 'doc-arrow', 'aria-hidden': 'true', text: '↓' }),
      el('span', { class: 'doc-ext', text: ext }));
    const nameLink = el('a', { class: 'doc-name', download: name, 'data-testid': 'document', text: name });
    if (safeHref) { icon.href = safeHref; nameLink.href = safeHref; }
    const size = el('div', { class: 'doc-size', text: formatSize(doc.size) + ' · ' + ext });
    if (!m.text) size.append(spacer(m));
    return el('div', { class: 'doc' }, icon, el('div', { class: 'doc-info' }, nameLink, size));
  }

  function buildInlineKeyboard(m) {
    const rows = m.inline_keyboard.filter(Array.isArray).map((row) =>
      el('div', { class: 'ik-row' }, ...row.map((b) => {
        if (b && b.url && b.data == null) {
          const a = el('a', { class: 'ik-button', 'data-testid': 'inline-button', target: '_blank', rel: 'noopener noreferrer', text: String(b.text || '') },
            el('span', { class: 'ik-corner', 'aria-hidden': 'true', text: '↗' }));
          const url = safeUrl(b.url);
          if (url) a.href = url;
          return a;
        }
        const btn = el('button', {
          type: 'button',
          class: 'ik-button',
          'data-testid': 'inline-button',
          'data-data': b && b.data != null ? String(b.data) : '',
          text: String((b && b.text) || ''),
        });
        btn.addEventListener('click', () => pressButton(m.id, b ? b.data : null, btn));
        return btn;
      })));
    return el('div', { class: 'inline-keyboard' }, ...rows);
  }

  function buildMessage(m) {
    const from = m.from_bot ? 'bot' : 'user';
    const bubble = el('div', {
      class: 'bubble',
      'data-testid': 'message',
      'data-id': m.id,
      'data-from': from,
      'data-edited': m.edited ? String(m.edited) : null,
      'data-editable': m.editable ? 'true' : null,
    });
    if (m.editable) makeEditable(bubble, m);
    if (m.document) {
      bubble.classList.add('has-doc');
      bubble.append(buildDocument(m));
    }
    if (m.text || !m.document) {
      const text = el('div', { class: 'text' });
      text.append(renderRich(m.text, m.entities, chatCtx));
      text.append(spacer(m));
      bubble.append(text);
    }
    bubble.append(buildMeta(m));
    const wrap = el('div', { class: 'msg-wrap' }, bubble);
    if (Array.isArray(m.inline_keyboard) && m.inline_keyboard.length) {
      wrap.append(buildInlineKeyboard(m));
      wrap.classList.add('has-kb');
    }
    return el('div', { class: 'row from-' + from, 'data-row-id': m.id }, wrap);
  }

  function emptyState() {
    return el('div', { class: 'empty' },
      el('div', { class: 'empty-card' },
        el('div', { class: 'empty-emoji', 'aria-hidden': 'true', text: '🌱' }),
        el('div', { class: 'empty-title', text: 'No messages here yet' }),
        el('div', { class: 'empty-text', text: 'Tend is a calm practice companion. Start the bot to begin.' }),
        el('button', { type: 'button', class: 'start-button', 'data-testid': 'start', text: 'START', onclick: () => sendText('/start') })));
  }

  function renderMessages(messages, userChanged) {
    const box = $('messages');
    const inner = $('messages-inner');
    const wasAtBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    if (userChanged) { msgCache.clear(); lastMaxId = -1; }

    const visible = messages.filter((m) => m && !m.deleted);
    lastMessages = visible;
    const seen = new Set();
    const nodes = [];
    let prevDay = null;
    let maxId = -1;
    visible.forEach((m, i) => {
      const key = String(m.id);
      seen.add(key);
      if (typeof m.id === 'number' && m.id > maxId) maxId = m.id;
      const day = dayKey(m.date);
      if (day !== prevDay) {
        nodes.push(el('div', { class: 'day-sep', 'data-testid': 'day-sep', 'data-day': day }, el('span', { text: dayLabel(m.date) })));
        prevDay = day;
      }
      const sig = zone + JSON.stringify(m);
      let cached = msgCache.get(key);
      if (!cached || cached.sig !== sig) {
        cached = { sig, row: buildMessage(m) };
        msgCache.set(key, cached);
      }
      const next = visible[i + 1];
      const prev = visible[i - 1];
      const sameAsPrev = prev && !!prev.from_bot === !!m.from_bot && dayKey(prev.date) === day;
      const sameAsNext = next && !!next.from_bot === !!m.from_bot && dayKey(next.date) === day;
      cached.row.classList.toggle('first', !sameAsPrev);
      cached.row.classList.toggle('last', !sameAsNext);
      nodes.push(cached.row);
    });
    for (const key of Array.from(msgCache.keys())) if (!seen.has(key)) msgCache.delete(key);
    if (!visible.length) nodes.push(emptyState());
    inner.replaceChildren(...nodes);

    const arrived = maxId > lastMaxId && lastMaxId !== -1;
    if (userChanged || wasAtBottom || arrived) box.scrollTop = box.scrollHeight;
    lastMaxId = maxId;
  }

  /* ---------- actions ---------- */
  async function sendText(text) {
    const t = String(text || '');
    if (INVISIBLE_ONLY.test(t) || currentUser == null) return false;
    closePopups();
    try {
      await api('POST', '/api/send', { user: currentUser, text: t });
    } catch (err) {
      hint('Not sent: ' + err.message);
      return false;
    }
    stickToBottom();
    refreshNow();
    return true;
  }

  /* ---------- editing a sent message, as in Telegram ---------- */
  function makeEditable(bubble, m) {
    let timer = null;
    const stop = () => { clearTimeout(timer); timer = null; };
    bubble.title = 'Long-press or right-click to edit (↑ edits your last message)';
    bubble.addEventListener('pointerdown', (ev) => {
      if (ev.button !== 0) return;
      stop();
      timer = setTimeout(() => { timer = null; startEdit(m); }, LONG_PRESS_MS);
    });
    for (const name of ['pointerup', 'pointerleave', 'pointercancel']) bubble.addEventListener(name, stop);
    bubble.addEventListener('contextmenu', (ev) => { ev.preventDefault(); startEdit(m); });
  }

  function startEdit(m) {
    editing = { id: m.id, text: String(m.text || '') };
    const input = $('composer-input');
    input.value = editing.text;
    $('edit-bar').hidden = false;
    $('edit-bar-text').textContent = editing.text;
    document.body.classList.add('editing');
    for (const node of document.querySelectorAll('.bubble.being-edited')) node.classList.remove('being-edited');
    const row = document.querySelector(`.row[data-row-id="${m.id}"] .bubble`);
    if (row) row.classList.add('being-edited');
    autosize();
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  function cancelEdit() {
    if (!editing) return;
    editing = null;
    $('edit-bar').hidden = true;
    document.body.classList.remove('editing');
    for (const node of document.querySelectorAll('.bubble.being-edited')) node.classList.remove('being-edited');
    $('composer-input').value = '';
    autosize();
  }

  function lastEditable() {
    for (let i = lastMessages.length - 1; i >= 0; i--) {
      if (lastMessages[i].editable) return lastMessages[i];
    }
    return null;
  }

  async function saveEdit(text) {
    const target = editing;
    if (!target || currentUser == null) return false;
    if (text === target.text) { cancelEdit(); return true; }
    try {
      await api('POST', '/api/edit', { user: currentUser, message_id: target.id, text });
    } catch (err) {
      hint('Not saved: ' + err.message);
      return false;
    }
    cancelEdit();
    refreshNow();
    return true;
  }

  function hint(text) {
    const node = $('composer-hint');
    node.textContent = text;
    node.hidden = !text;
  }

  function stickToBottom() {
    const box = $('messages');
    box.scrollTop = box.scrollHeight;
  }

  async function pressButton(messageId, data, btn) {
    if (currentUser == null) return;
    btn.classList.add('pending');
    btn.disabled = true;
    try {
      const res = await api('POST', '/api/press', { user: currentUser, message_id: messageId, data });
      if (res && res.answer) toast(String(res.answer));
    } catch (err) {
      toast('Button failed: ' + err.message);
    } finally {
      await refreshAndWait();
      btn.classList.remove('pending');
      btn.disabled = false;
    }
  }

  async function travel(body, btn) {
    const buttons = document.querySelectorAll('.travel-buttons button');
    buttons.forEach((b) => { b.disabled = true; });
    btn.classList.add('pending');
    try {
      const res = await api('POST', '/api/travel', body);
      if (res && res.now_utc) {
        if (body.to === 'next' && !res.moved) toast('Nothing is scheduled to send.');
        nowSig = res.now_utc + zone;
        renderNow(res.now_utc);
        flash($('now'));
      }
    } catch (err) {
      toast('Time travel failed: ' + err.message);
    } finally {
      await refreshAndWait();
      buttons.forEach((b) => { b.disabled = false; });
      btn.classList.remove('pending');
    }
  }

  async function shareLocation(city) {
    closePopups();
    if (currentUser == null) return;
    try {
      await api('POST', '/api/location', { user: currentUser, latitude: city.lat, longitude: city.lon });
    } catch (err) {
      toast('Location failed: ' + err.message);
    }
    stickToBottom();
    refreshNow();
  }

  function flash(node) {
    node.classList.remove('flash');
    void node.offsetWidth;
    node.classList.add('flash');
  }

  /* ---------- toast ---------- */
  function toast(text) {
    const t = $('toast');
    t.textContent = text;
    t.hidden = false;
    // restart the fade-in
    t.classList.remove('show');
    void t.offsetWidth;
    t.classList.add('show');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => {
      t.classList.remove('show');
      toastTimer = setTimeout(() => { t.hidden = true; }, 250);
    }, 2600);
  }

  /* ---------- composer: commands, reply keyboard, locations ---------- */
  function commandName(c) {
    return String((c && c.command) || '').replace(/^\//, '');
  }

  function renderCommands(filter) {
    const popup = $('commands-popup');
    const f = (filter || '').replace(/^\//, '').toLowerCase();
    const list = commands.filter((c) => commandName(c) && (!f || commandName(c).toLowerCase().startsWith(f)));
    const items = list.map((c) => {
      const name = commandName(c);
      return el('button', {
        type: 'button',
        class: 'command',
        role: 'menuitem',
        'data-testid': 'command-' + name,
        onclick: () => {
          // Fill the composer with the command, then send it like Enter would.
          $('composer-input').value = '/' + name;
          submitComposer();
        },
      },
      el('span', { class: 'command-name', text: '/' + name }),
      el('span', { class: 'command-desc', text: String(c.description || '') }));
    });
    if (!items.length) items.push(el('div', { class: 'popup-empty', text: commands.length ? 'No matching command' : 'The bot has no commands yet' }));
    popup.replaceChildren(el('div', { class: 'popup-title', text: 'Commands' }), ...items);
    return list.length;
  }

  function toggleCommands(force) {
    const popup = $('commands-popup');
    const open = force === undefined ? popup.hidden : force;
    closePopups();
    if (open) {
      renderCommands();
      popup.hidden = false;
      $('commands-button').setAttribute('aria-expanded', 'true');
      $('commands-button').classList.add('active');
    }
  }

  function renderReplyKeyboard(kb, userChanged) {
    const box = $('reply-keyboard');
    const sig = JSON.stringify(kb);
    if (sig === keyboardSig && !userChanged) return;
    keyboardSig = sig;
    keyboardShown = true;
    const rows = Array.isArray(kb) ? kb.filter((r) => Array.isArray(r) && r.length) : [];
    box.replaceChildren(...rows.map((row) => el('div', { class: 'rk-row' }, ...row.map((b) => {
      const label = String((b && b.text) || '');
      const btn = el('button', {
        type: 'button',
        class: 'rk-button' + (b && b.request_location ? ' rk-location' : ''),
        'data-testid': 'reply-button',
        'data-location': b && b.request_location ? 'true' : null,
        text: label,
      });
      btn.addEventListener('click', (ev) => {
        if (b && b.request_location) { ev.stopPropagation(); toggleLocations(); }
        else sendText(label);
      });
      return btn;
    }))));
    const has = rows.length > 0;
    $('kb-toggle').hidden = !has;
    updateKeyboardVisibility(has);
    if (!has) $('location-popup').hidden = true;
  }

  function updateKeyboardVisibility(has) {
    const box = $('reply-keyboard');
    const present = has === undefined ? box.childElementCount > 0 : has;
    box.hidden = !(present && keyboardShown);
    $('kb-toggle').setAttribute('aria-pressed', String(keyboardShown));
    $('kb-toggle').classList.toggle('active', keyboardShown);
    const messages = $('messages');
    const atBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 80;
    if (atBottom) requestAnimationFrame(stickToBottom);
  }

  function renderLocations() {
    $('location-list').replaceChildren(...CITIES.map((c) => el('button', {
      type: 'button',
      class: 'loc-item',
      role: 'menuitem',
      'data-testid': 'location-' + c.name.toLowerCase().replace(/\s+/g, ''),
      onclick: () => shareLocation(c),
    },
    el('span', { class: 'flag', 'aria-hidden': 'true', text: c.flag }),
    el('span', { class: 'city', text: c.name }),
    el('span', { class: 'coords', text: `${c.lat.toFixed(2)}, ${c.lon.toFixed(2)}` }))));
  }

  function toggleLocations(force) {
    const popup = $('location-popup');
    const open = force === undefined ? popup.hidden : force;
    closePopups();
    popup.hidden = !open;
  }

  function closePopups() {
    $('commands-popup').hidden = true;
    $('location-popup').hidden = true;
    $('commands-button').setAttribute('aria-expanded', 'false');
    $('commands-button').classList.remove('active');
  }

  function autosize() {
    const input = $('composer-input');
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight, 160) + 'px';
  }

  function submitComposer() {
    const input = $('composer-input');
    const text = input.value;
    if (INVISIBLE_ONLY.test(text)) {
      hint(text ? 'Only spaces or invisible characters: Telegram would not send that.' : '');
      input.focus();
      return;
    }
    hint('');
    if (editing) { saveEdit(text); return; }
    input.value = '';
    autosize();
    sendText(text).then((sent) => { if (!sent && !input.value) { input.value = text; autosize(); } });
    input.focus();
  }

  function onComposerInput() {
    autosize();
    hint('');
    const v = $('composer-input').value;
    const popup = $('commands-popup');
    if (/^\/\S*$/.test(v) && commands.length) {
      const n = renderCommands(v);
      $('location-popup').hidden = true;
      popup.hidden = n === 0;
    } else if (!popup.hidden && v.length) {
      closePopups();
    }
  }

  /* ---------- preview week ---------- */
  async function loadPreview() {
    const inner = $('preview-inner');
    inner.replaceChildren(el('div', { class: 'preview-loading', text: 'Loading the week…' }));
    let data;
    try {
      data = await api('GET', '/api/preview?days=7&user=' + encodeURIComponent(currentUser == null ? '' : currentUser));
    } catch (err) {
      inner.replaceChildren(el('div', { class: 'preview-error', text: 'Could not load the preview: ' + err.message }));
      return;
    }
    const days = (data && Array.isArray(data.days)) ? data.days : [];
    const head = el('div', { class: 'preview-head' },
      el('div', null,
        el('div', { class: 'preview-title', text: 'The coming week' }),
        el('div', { class: 'preview-sub', text: data && data.whose === 'this user'
          ? 'What ' + currentName() + ' will receive, day by day in their zone, if they do nothing in between.'
          : 'What a new user would receive, day by day.' })),
      el('button', { type: 'button', class: 'preview-reload', title: 'Reload', onclick: loadPreview, text: '↻ Reload' }));
    const cards = days.map((d) => {
      const msgs = Array.isArray(d.messages) ? d.messages : [];
      return el('article', { class: 'preview-day', 'data-testid': 'preview-day', 'data-day': d.day, 'data-date': d.iso_date || '' },
        el('header', { class: 'preview-day-head' },
          el('span', { class: 'preview-day-num', text: 'Day ' + d.day }),
          el('span', { class: 'preview-day-date', text: String(d.date || '') }),
          el('span', { class: 'preview-day-count', text: msgs.length + (msgs.length === 1 ? ' message' : ' messages') })),
        msgs.length
          ? el('div', { class: 'preview-messages' }, ...msgs.map((m) =>
            el('div', { class: 'bubble preview-bubble', 'data-testid': 'preview-message' },
              el('div', { class: 'text' }, renderRich(m.text, m.entities, previewCtx)))))
          : el('div', { class: 'preview-none', text: 'Nothing scheduled' }));
    });
    if (!cards.length) cards.push(el('div', { class: 'preview-none', text: 'No days to preview.' }));
    inner.replaceChildren(head, ...cards);
  }

  function currentName() {
    const u = users.find((x) => x.id === currentUser);
    return u ? u.name : 'this user';
  }

  function setPreview(open) {
    previewOpen = open;
    const toggle = $('preview-toggle');
    toggle.setAttribute('aria-pressed', String(open));
    toggle.classList.toggle('active', open);
    $('preview').hidden = !open;
    $('messages').hidden = open;
    $('composer-area').hidden = open;
    document.body.classList.toggle('previewing', open);
    closePopups();
    if (open) { $('preview').scrollTop = 0; loadPreview(); }
    else requestAnimationFrame(stickToBottom);
  }

  /* ---------- wiring ---------- */
  function wire() {
    $('add-user').addEventListener('click', addUser);
    $('travel-next').addEventListener('click', (e) => travel({ to: 'next' }, e.currentTarget));
    $('travel-hour').addEventListener('click', (e) => travel({ seconds: 3600 }, e.currentTarget));
    $('travel-day').addEventListener('click', (e) => travel({ seconds: 86400 }, e.currentTarget));
    $('preview-toggle').addEventListener('click', () => setPreview(!previewOpen));
    $('commands-button').addEventListener('click', (e) => { e.stopPropagation(); toggleCommands(); });
    $('composer-send').addEventListener('click', submitComposer);
    $('kb-toggle').addEventListener('click', () => { keyboardShown = !keyboardShown; updateKeyboardVisibility(); });

    const input = $('composer-input');
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        submitComposer();
      } else if (e.key === 'Escape') {
        closePopups();
        cancelEdit();
      } else if (e.key === 'ArrowUp' && !input.value && !editing) {
        const last = lastEditable();
        if (last) { e.preventDefault(); startEdit(last); }
      }
    });
    $('edit-cancel').addEventListener('click', cancelEdit);
    input.addEventListener('input', onComposerInput);

    document.addEventListener('click', (e) => {
      if (!e.target.closest('.popup, .commands-button, .rk-button.rk-location')) closePopups();
    });
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape') closePopups(); });
    window.addEventListener('hashchange', () => {
      const id = userFromHash();
      if (id != null && id !== currentUser) selectUser(id);
    });

    renderLocations();
    renderCommands();
  }

  wire();
  initialLoad().finally(() => setInterval(poll, POLL_MS));

  // For debugging in the console.
  window.tendPlayground = { poll, renderRich, get user() { return currentUser; }, get zone() { return zone; } };
})();
