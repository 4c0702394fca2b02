// Guichet's web chat, in the browser. Every text of the bot or of the person is put on the page
// with textContent, never as HTML, so nothing anyone writes can become markup or script.
(() => {
  const STORAGE_ID = 'guichet.web.conversationId';
  const STORAGE_LOG = 'guichet.web.transcript';
  const STORAGE_SEEN = 'guichet.web.lastMessage';
  const MAX_SAVED = 200;
  // How often the page asks for what technicians wrote since (ticket taken, answered, resolved).
  const POLL_MS = 4000;

  const transcript = document.getElementById('transcript');
  const form = document.getElementById('composer');
  const input = document.getElementById('message');
  const sendButton = document.getElementById('send');
  const statusLine = document.getElementById('status');
  const errorBox = document.getElementById('error');
  const dateHint = document.getElementById('date-hint');
  const restartButton = document.getElementById('restart');
  const scroller = document.getElementById('chat');

  // For deployments behind a single sign-on proxy only: the portal links to /?user=e-mail.
  const userId = new URLSearchParams(window.location.search).get('user') || undefined;

  // The page's own words, in the conversation's language (the language of Guichet's last reply).
  const PAGE_WORDS = {
    fr: {
      you: 'Vous',
      ended: 'Conversation terminée. « Nouvelle conversation » pour en commencer une autre.',
      typing: 'Guichet écrit…',
      empty: 'Écrivez votre message avant de l’envoyer.',
      send: 'Envoyer',
      restart: 'Nouvelle conversation',
      message: 'Votre message',
      help: 'Entrée pour envoyer, Maj + Entrée pour aller à la ligne.',
      dateHint: 'Indiquez une date et une heure, par exemple « mardi prochain à 10 h » ou « le 3 décembre à 14 h ».',
    },
    en: {
      you: 'You',
      ended: 'Conversation ended. "New conversation" starts another one.',
      typing: 'Guichet is typing…',
      empty: 'Write your message before sending it.',
      send: 'Send',
      restart: 'New conversation',
      message: 'Your message',
      help: 'Enter to send, Shift + Enter for a new line.',
      dateHint: 'Give a date and a time, for example "next Tuesday at 10am" or "3 December at 2pm".',
    },
  };
  let pageLanguage = 'fr';
  const words = () => PAGE_WORDS[pageLanguage] || PAGE_WORDS.fr;

  /** Follows the conversation's language: the page's labels switch with Guichet's replies. */
  function useLanguage(language) {
    const next = language === 'en' ? 'en' : 'fr';
    if (next === pageLanguage) return;
    pageLanguage = next;
    document.documentElement.lang = next;
    const w = words();
    sendButton.textContent = w.send;
    restartButton.textContent = w.restart;
    const label = document.querySelector('label[for="message"]');
    if (label) label.textContent = w.message;
    const help = document.getElementById('composer-help');
    if (help) help.textContent = w.help;
    dateHint.textContent = w.dateHint;
  }

  const CARD_LABELS = {
    fr: {
      ticket: 'Ticket',
      type: 'Type',
      priority: 'Priorité',
      domain: 'Domaine',
      queue: 'File',
      title: 'Titre',
      status: 'Statut',
      account: 'Société',
      firstResponse: 'Première réponse avant',
      resolution: 'Résolution avant',
      escalation: 'Escalade',
      noSla: 'sans objet : pas de contrat de maintenance',
      noAccount: 'inconnue',
      domains: { informatique: 'Informatique', telecom: 'Télécom' },
      statuses: {
        draft: 'brouillon',
        new: 'nouveau',
        assigned: 'assigné',
        in_progress: 'en cours',
        waiting_customer: 'en attente de votre retour',
        resolved: 'résolu',
        closed: 'clos',
      },
    },
    en: {
      ticket: 'Ticket',
      type: 'Type',
      priority: 'Priority',
      domain: 'Domain',
      queue: 'Queue',
      title: 'Title',
      status: 'Status',
      account: 'Company',
      firstResponse: 'First response by',
      resolution: 'Resolution by',
      escalation: 'Escalation',
      noSla: 'not applicable: no maintenance contract',
      noAccount: 'unknown',
      domains: { informatique: 'IT', telecom: 'Telecom' },
      statuses: {
        draft: 'draft',
        new: 'new',
        assigned: 'assigned',
        in_progress: 'in progress',
        waiting_customer: 'waiting for you',
        resolved: 'resolved',
        closed: 'closed',
      },
    },
  };

  let conversationId = load(STORAGE_ID);
  let lastSeen = Number(load(STORAGE_SEEN)) || 0;
  let polling = false;
  let saved = parseSaved(load(STORAGE_LOG));
  let busy = false;
  let pending = null; // { text, messageId } of a message whose sending failed, to retry it as the same turn.

  function load(key) {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  }

  function store(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch {
      // Private browsing may refuse storage: the chat still works, a reload starts over.
    }
  }

  function parseSaved(raw) {
    try {
      const entries = JSON.parse(raw || '[]');
      return Array.isArray(entries) ? entries : [];
    } catch {
      return [];
    }
  }

  function remember(entry) {
    saved.push(entry);
    if (saved.length > MAX_SAVED) saved = saved.slice(-MAX_SAVED);
    store(STORAGE_LOG, JSON.stringify(saved));
  }

  function randomId() {
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // French typesetting: a time ("15 h 30") and the space before « : ; ? ! » never break a line.
  function typeset(text) {
    return text
      .replace(/(\d) h(?: (\d\d))?/g, (_, hour, minutes) => `${hour}\u00a0h${minutes ? `\u00a0${minutes}` : ''}`)
      .replace(/ ([:;?!»])/g, '\u00a0$1')
      .replace(/« /g, '«\u00a0');
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = typeset(String(text));
    return node;
  }

  function scrollToEnd() {
    scroller.scrollTop = scroller.scrollHeight;
  }

  function disableChoices() {
    for (const button of transcript.querySelectorAll('.choices button')) button.disabled = true;
  }

  function renderUser(text) {
    const item = element('li', 'msg user');
    item.append(element('span', 'who', words().you), element('p', 'text', text));
    transcript.append(item);
  }

  function renderCard(card, language) {
    const labels = CARD_LABELS[language] || CARD_LABELS.fr;
    const priorityClass = ['critique', 'haute', 'normale', 'basse'].includes(card.priority) ? card.priority : '';
    const section = element('section', `card ${priorityClass}`.trim());
    section.setAttribute('aria-label', `${labels.ticket} ${card.number}`);
    const heading = element('h2', 'card-title');
    heading.append(
      element('span', 'number', `${labels.ticket} ${card.number}`),
      element('span', 'badge', card.priorityLabel || card.priority),
    );
    section.append(heading);
    const list = element('dl');
    const noSla = card.contract ? '—' : labels.noSla;
    const rows = [
      [labels.type, card.typeLabel || card.type],
      [labels.priority, card.priorityLabel || card.priority],
      [labels.domain, labels.domains[card.domain] || card.domain],
      [labels.queue, card.queue],
      [labels.title, card.title],
      [labels.account, card.account || labels.noAccount],
      [labels.status, labels.statuses[card.status] || card.status],
      [labels.firstResponse, card.firstResponseDueText || noSla],
      [labels.resolution, card.resolutionDueText || noSla],
      [labels.escalation, card.escalationText],
    ];
    for (const [term, value] of rows) {
      if (value === undefined || value === null || value === '') continue;
      list.append(element('dt', '', term), element('dd', '', value));
    }
    section.append(list);
    return section;
  }

  function renderBot(reply, live) {
    const item = element('li', 'msg bot');
    item.lang = reply.language || 'fr';
    useLanguage(item.lang);
    item.append(element('span', 'who', 'Guichet'), element('p', 'text', reply.text));
    if (Array.isArray(reply.choices) && reply.choices.length > 0) {
      const group = element('div', 'choices');
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', reply.language === 'en' ? 'Suggested answers' : 'Réponses proposées');
      for (const choice of reply.choices) {
        const button = element('button');
        button.type = 'button';
        if (choice.digit) button.append(element('span', 'digit', choice.digit));
        button.append(document.createTextNode(choice.label));
        button.disabled = !live;
        button.setAttribute('aria-pressed', 'false');
        button.addEventListener('click', () => send({ choice: choice.value, shown: choice.label, button }));
        group.append(button);
      }
      item.append(group);
    }
    if (reply.card) item.append(renderCard(reply.card, reply.language));
    transcript.append(item);
  }

  function renderSaved(entries) {
    for (const entry of entries) {
      if (entry.who === 'user') renderUser(entry.text);
      else renderBot(entry.reply, false);
    }
  }

  /** Shows the bot's replies of one turn, and the ticket card when no reply carried it. */
  function showResult(result) {
    const replies = Array.isArray(result.replies) ? result.replies : [];
    for (const reply of replies) {
      renderBot(reply, true);
      remember({ who: 'bot', reply: { ...reply, choices: reply.choices || [] } });
    }
    const cardShown = replies.some(
      (reply) => reply.card && result.ticket && reply.card.number === result.ticket.number,
    );
    if (result.ticket && !cardShown) {
      const language = replies.length > 0 ? replies[replies.length - 1].language : 'fr';
      const reply = { text: '', choices: [], expects: 'none', language, card: result.ticket };
      const item = element('li', 'msg bot');
      item.lang = language;
      item.append(renderCard(result.ticket, language));
      transcript.append(item);
      remember({ who: 'bot', reply });
    }
    const last = replies[replies.length - 1];
    dateHint.hidden = !(last && last.expects === 'date');
    if (Array.isArray(result.effects) && result.effects.some((effect) => effect.type === 'conversation_ended')) {
      statusLine.textContent = words().ended;
    }
    scrollToEnd();
  }

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    transcript.setAttribute('aria-busy', value ? 'true' : 'false');
    statusLine.textContent = value ? words().typing : '';
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = !message;
  }

  async function post(path, payload) {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const reason = body && typeof body.message === 'string' ? body.message : `HTTP ${response.status}`;
      throw new Error(reason);
    }
    return body;
  }

  /** Sends one typed message or one clicked choice and shows the answer. */
  async function send(message) {
    if (busy || !conversationId) return;
    showError('');
    const payload = { conversationId };
    if (userId) payload.userId = userId;
    let shown;
    if (message.choice !== undefined) {
      payload.choice = message.choice;
      shown = message.shown;
      payload.messageId = randomId();
    } else {
      payload.text = message.text;
      shown = message.text;
      // The same text re-sent after a failure keeps its id, so the engine never takes it twice.
      if (!pending || pending.text !== message.text) pending = { text: message.text, messageId: randomId() };
      payload.messageId = pending.messageId;
    }
    setBusy(true);
    try {
      const result = await post('/api/web/messages', payload);
      disableChoices();
      if (message.button) {
        message.button.classList.add('chosen');
        message.button.setAttribute('aria-pressed', 'true');
      }
      renderUser(shown);
      remember({ who: 'user', text: shown });
      if (message.choice === undefined) {
        input.value = '';
        pending = null;
      }
      showResult(result);
    } catch (error) {
      showError(`Le message n'a pas pu être envoyé (${error.message}). Vérifiez la connexion et réessayez.`);
    } finally {
      setBusy(false);
      input.focus();
    }
  }

  /** Opens the conversation kept in this browser (or a new one) and shows where it stands. */
  async function begin() {
    setBusy(true);
    showError('');
    try {
      const payload = {};
      if (conversationId) payload.conversationId = conversationId;
      if (userId) payload.userId = userId;
      const result = await post('/api/web/begin', payload);
      if (result.conversationId !== conversationId) {
        saved = [];
        lastSeen = 0;
        store(STORAGE_SEEN, null);
      }
      conversationId = result.conversationId;
      store(STORAGE_ID, conversationId);
      // On a reload the engine repeats where it stopped: show the kept history without
      // repeating those last bot messages twice.
      const replies = Array.isArray(result.replies) ? result.replies : [];
      const repeats = (entry) =>
        entry.who === 'bot' &&
        entry.reply.text !== '' &&
        replies.some((reply) => reply.text.includes(entry.reply.text));
      while (saved.length > 0 && repeats(saved[saved.length - 1])) saved.pop();
      store(STORAGE_LOG, JSON.stringify(saved));
      renderSaved(saved);
      showResult(result);
    } catch (error) {
      showError(`Guichet ne répond pas (${error.message}). Rechargez la page dans un instant.`);
    } finally {
      setBusy(false);
      input.focus();
    }
    // What was written while the page was closed shows at once; then every few seconds.
    poll();
  }

  /** Shows the messages written to the conversation since the last one shown (a technician's). */
  async function poll() {
    if (polling || !conversationId) return;
    polling = true;
    try {
      const result = await post('/api/web/updates', { conversationId, after: lastSeen });
      const messages = Array.isArray(result.messages) ? result.messages : [];
      for (const message of messages) {
        if (typeof message.id !== 'number' || message.id <= lastSeen) continue;
        const language = message.language === 'en' ? 'en' : 'fr';
        const reply = { text: String(message.text), choices: [], expects: 'none', language };
        renderBot(reply, false);
        remember({ who: 'bot', reply });
        lastSeen = message.id;
      }
      if (messages.length > 0) {
        store(STORAGE_SEEN, String(lastSeen));
        scrollToEnd();
      }
    } catch {
      // The next poll tries again; the person's own messages do not depend on it.
    } finally {
      polling = false;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text === '') {
      showError(words().empty);
      input.focus();
      return;
    }
    send({ text });
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  restartButton.addEventListener('click', () => {
    store(STORAGE_ID, null);
    store(STORAGE_LOG, null);
    store(STORAGE_SEEN, null);
    conversationId = null;
    lastSeen = 0;
    saved = [];
    pending = null;
    transcript.replaceChildren();
    statusLine.textContent = '';
    begin();
  });

  begin();
  window.setInterval(poll, POLL_MS);
})();
