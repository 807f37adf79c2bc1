import DOMPurify from 'dompurify';

// Links in tutor messages open in a new tab without giving the page a handle on Aralin.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/** DOMPurify with its default HTML + MathML profile (KaTeX's output), no SVG, no forms. */
export function sanitize(html: string): string {
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true, mathMl: true },
    FORBID_TAGS: ['form', 'input', 'button', 'textarea', 'select', 'style'],
  });
}
