import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const govuk = path.join(root, 'node_modules/govuk-frontend/dist/govuk');
const moj = path.join(root, 'node_modules/@ministryofjustice/frontend/moj');
const own = path.join(root, 'src/web/assets');

export interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
}

// Accord is not a GOV.UK service: it uses the GOV.UK Frontend components but not the GDS Transport
// typeface, which is only for GOV.UK. The typeface's @font-face rules are removed and every font stack
// falls back to Arial.
export function withoutGovukTypeface(css: string): string {
  return css
    .replace(/@font-face\{font-family:GDS Transport;[^}]*\}/g, '')
    .replace(/"?GDS Transport"?,\s*/g, '');
}

function asset(body: Buffer | string, contentType: string): Asset {
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return { body: buffer, contentType, etag: `"${createHash('sha256').update(buffer).digest('base64url').slice(0, 20)}"` };
}

// Icons the components draw on. The crown, crest and GOV.UK logotype images are not served.
const imageNames = [
  'icon-alert-information.svg',
  'icon-alert-success.svg',
  'icon-alert-warning.svg',
  'icon-arrow-black-down.svg',
  'icon-arrow-black-up.svg',
  'icon-close-cross-black.svg',
  'icon-document.svg',
  'icon-progress-tick.svg',
  'icon-search-black.svg',
  'icon-search-blue.svg',
  'icon-search-white.svg',
  'icon-tag-remove-cross.svg',
  'icon-tag-remove-cross-white.svg',
  'icon-toggle-plus-minus.svg',
];

export function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const css = [
    withoutGovukTypeface(readFileSync(path.join(govuk, 'govuk-frontend.min.css'), 'utf8')),
    withoutGovukTypeface(readFileSync(path.join(moj, 'moj-frontend.min.css'), 'utf8')),
    readFileSync(path.join(own, 'accord.css'), 'utf8'),
  ].join('\n');
  assets.set('/assets/accord.css', asset(css, 'text/css; charset=utf-8'));
  assets.set('/assets/govuk-frontend.min.js', asset(readFileSync(path.join(govuk, 'govuk-frontend.min.js')), 'text/javascript; charset=utf-8'));
  assets.set('/assets/accord.js', asset(readFileSync(path.join(own, 'accord.js')), 'text/javascript; charset=utf-8'));
  assets.set('/assets/accord-icon.svg', asset(readFileSync(path.join(own, 'accord-icon.svg')), 'image/svg+xml'));
  for (const name of imageNames) {
    const from = [path.join(moj, 'assets/images', name), path.join(govuk, 'assets/images', name)];
    for (const file of from) {
      try {
        assets.set(`/assets/images/${name}`, asset(readFileSync(file), 'image/svg+xml'));
        break;
      } catch {
        // the icon is in the other package
      }
    }
  }
  return assets;
}
