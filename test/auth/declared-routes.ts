import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { ACCESS_RULE, type AccessRule } from '../../src/auth/access/access.decorators.js';
import type { TestApp } from '../support/test-app.js';

export interface DeclaredRoute {
  method: string;
  path: string;
  handler: string;
  rule: AccessRule | undefined;
}

/** Every HTTP route of the composed hub, with the access rule its handler or controller declares. */
export function declaredRoutes(t: TestApp): DeclaredRoute[] {
  const out: DeclaredRoute[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const fn = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        out.push({
          method: RequestMethod[method],
          path: `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
          handler: `${type.name}.${name}`,
          rule: (Reflect.getMetadata(ACCESS_RULE, fn) ?? Reflect.getMetadata(ACCESS_RULE, type)) as
            AccessRule | undefined,
        });
      }
    }
  }
  return out;
}
