import type { AppContext } from '../app/app-context';
import { appVersion } from '../app/app-context';
import { probeKeychain } from '../secrets/secret-store';
import type { Handlers } from './dispatch';

/**
 * Binds every contract channel to a service call. The type `Handlers` makes a missing channel a
 * compile error; the fake-electron test checks the same at run time.
 */
export function createHandlers(ctx: AppContext, extra: Partial<Handlers> = {}): Handlers {
  const base: Handlers = {
    'app:info': async () => ({ version: appVersion(), dataDir: ctx.dataDir, keychain: await probeKeychain(ctx.secrets) }),
    'companies:list': () => ctx.companies.list(),
    'companies:get': ({ id }) => ctx.companies.get(id),
    'companies:create': (input) => ctx.companies.create(input),
    'companies:update': ({ id, patch }) => ctx.companies.update(id, patch),
    'companies:remove': ({ id, force }) => ctx.companies.remove(id, force ?? false),
    'companies:setKey': ({ id, apiKey }) => ctx.companies.setApiKey(id, apiKey),
    'companies:removeKey': ({ id }) => ctx.companies.removeApiKey(id),
    'companies:testConnection': () => {
      throw new Error('not wired yet');
    },
  };
  return { ...base, ...extra };
}
