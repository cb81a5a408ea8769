import type { NextFunction, Request, Response } from 'express';

/**
 * Security headers on every answer (OWASP secure headers): no sniffing, no framing, no referrer,
 * nothing cached (answers carry personal data), and for the API a CSP that allows nothing, since it
 * serves JSON only. The OpenAPI page (/api/docs) loads its own scripts and styles, so it gets a CSP
 * limited to its own origin. HSTS only where the hub is served over HTTPS (production).
 */
export function securityHeaders(options: { hsts: boolean }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader(
      'Content-Security-Policy',
      req.path.startsWith('/api/docs')
        ? "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
        : "default-src 'none'; frame-ancestors 'none'",
    );
    if (options.hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}
