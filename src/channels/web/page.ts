import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The chat page, ready to serve, with the Content-Security-Policy that allows only its own inline code. */
export interface ChatPage {
  html: string;
  contentSecurityPolicy: string;
}

function asset(name: string): string {
  return readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Assembles the single self-contained page: the HTML of assets/chat.html with assets/chat.css and
 * assets/chat.js inlined (no build step and no external asset: the page must work on a network
 * without internet). The CSP names the hashes of exactly that style and script, so no injected
 * code could run even if some text escaped the page's textContent rendering.
 */
export function buildChatPage(): ChatPage {
  const style = asset('chat.css');
  const script = asset('chat.js');
  const html = asset('chat.html')
    .replace('<style></style>', () => `<style>${style}</style>`)
    .replace('<script></script>', () => `<script>${script}</script>`);
  const contentSecurityPolicy = [
    "default-src 'none'",
    `style-src ${sha256(style)}`,
    `script-src ${sha256(script)}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, contentSecurityPolicy };
}
