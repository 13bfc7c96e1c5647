import type { FastifyReply, FastifyRequest } from 'fastify';

// Headers sent with every response, public or not.
export function securityHeaders(request: FastifyRequest, reply: FastifyReply, https: boolean): void {
  reply.header(
    'content-security-policy',
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${request.cspNonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join('; '),
  );
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  if (https) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  if (!request.url.startsWith('/assets/')) reply.header('cache-control', 'no-store');
}
