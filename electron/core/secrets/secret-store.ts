import { AsyncEntry } from '@napi-rs/keyring';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../errors';

export const KEYCHAIN_SERVICE = 'roofing-lead-manager';

/** Where API keys live. The only implementation the app ships is the OS keychain. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

const UNAVAILABLE_HELP: Record<string, string> = {
  linux:
    'No OS keychain answered. Install and unlock a Secret Service keyring (GNOME Keyring or KWallet: `sudo apt install gnome-keyring`), log in to a desktop session, then start the app (or the command) again. Keys are never stored in plain text.',
  darwin: 'The macOS Keychain refused the request. Unlock your login keychain and try again.',
  win32: 'Windows Credential Manager refused the request. Make sure you are logged in to your Windows account and try again.',
};

function unavailable(cause: unknown): AppError {
  const help = UNAVAILABLE_HELP[process.platform] ?? UNAVAILABLE_HELP.linux!;
  // The cause text comes from the platform layer and never contains the secret itself.
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new AppError('keychain-unavailable', help, { reason });
}

/**
 * Whether a D-Bus session bus is there to carry the Secret Service: an address is set, and a socket path it
 * names exists (an abstract socket cannot be checked from here and counts as there).
 */
export function hasSessionBus(env: NodeJS.ProcessEnv): boolean {
  const address = env.DBUS_SESSION_BUS_ADDRESS;
  if (!address) return existsSync(join(env.XDG_RUNTIME_DIR ?? `/run/user/${process.getuid?.() ?? 0}`, 'bus'));
  const path = /(?:^|;)unix:path=([^,;]+)/.exec(address)?.[1];
  return path === undefined || existsSync(path);
}

/** Whether the keychain answered the first question of this process (see OsKeychain.whenAvailable). */
let keychainAvailability: Promise<void> | null = null;

/**
 * The keychain calls of this thread, one after another. The library opens a Secret Service session per call,
 * and GNOME Keyring aborts when sessions open and close at the same moment (upstream: a NULL client in
 * gkd_secret_service_get_pkcs11_session); a list of companies read at once did exactly that.
 */
let keychainTurn: Promise<unknown> = Promise.resolve();

function inTurn<T>(call: () => Promise<T>): Promise<T> {
  const result = keychainTurn.then(call, call);
  keychainTurn = result.catch(() => undefined);
  return result;
}

/**
 * What a call says when the Secret Service daemon went away under it or was started again and is not yet
 * unlocked (measured with gnome-keyring 42.1: "Message recipient disconnected…", "The session does not
 * exist", "…AccessDenied"). D-Bus starts the daemon again at once, so such a call is asked again a few times
 * over about two seconds. Linux only: elsewhere a failure may be the user refusing a prompt.
 */
const DAEMON_RESTARTING = /disconnected|session does not exist|ServiceUnknown|NoReply|AccessDenied/i;
const RETRY_DELAYS_MS = [250, 600, 1200] as const;

async function askedAgainAfterRestart<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      const isRestart = process.platform === 'linux' && error instanceof Error && DAEMON_RESTARTING.test(error.message);
      if (!isRestart || delay === undefined) throw error;
      await sleep(delay);
    }
  }
}

/** The OS keychain through @napi-rs/keyring (Secret Service, macOS Keychain, Windows Credential Manager). */
export class OsKeychain implements SecretStore {
  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  private entry(account: string): AsyncEntry {
    return new AsyncEntry(this.service, account);
  }

  /** One library call, in this thread's turn, asked again if the daemon restarted under it. */
  private async call<T>(account: string, use: (entry: AsyncEntry) => Promise<T>): Promise<T> {
    await this.whenAvailable();
    try {
      return await inTurn(() => askedAgainAfterRestart(() => use(this.entry(account))));
    } catch (error) {
      throw unavailable(error);
    }
  }

  /**
   * Asked before anything else, once per process. On Linux, once a first call found no Secret Service, the
   * library answers the next ones from the kernel's keyring (keyutils), which does not survive a reboot: a
   * key "saved" there vanished later, and a failed first delete let the demo start on such a key. So on Linux a
   * first failure stands for the whole process (start it again once the keychain is unlocked, as the message
   * says). The macOS and Windows keychains have no such fallback: a refusal there (a locked keychain, a denied
   * prompt) is asked again on the next call, so unlocking and trying again works without a restart.
   */
  private whenAvailable(): Promise<void> {
    // No session bus, no Secret Service: said at once, without asking the library (which would fall back).
    if (process.platform === 'linux' && !hasSessionBus(process.env)) return Promise.reject(unavailable(new Error('no D-Bus session bus')));
    // Process-wide, as the library's fallback is: any instance's first call decides.
    keychainAvailability ??= new AsyncEntry(KEYCHAIN_SERVICE, '__availability-probe__')
      .getPassword()
      .then(
        () => undefined,
        (error: unknown) => {
          if (process.platform !== 'linux') keychainAvailability = null;
          throw unavailable(error);
        },
      );
    return keychainAvailability;
  }

  get(account: string): Promise<string | null> {
    return this.call(account, (entry) => entry.getPassword());
  }

  async set(account: string, secret: string): Promise<void> {
    await this.call(account, (entry) => entry.setPassword(secret));
    // Read back: some keyrings accept a write while locked and drop it.
    if ((await this.get(account)) !== secret) throw unavailable(new Error('the keychain did not keep the key'));
  }

  delete(account: string): Promise<boolean> {
    return this.call(account, (entry) => entry.deletePassword());
  }
}

/**
 * Whether a company that reads as keyless may just have a keychain that did not answer: asked only when one
 * seems to have no key (sync/blocked.ts then says "keychain-unavailable", not "no API key").
 */
export async function keychainAnswersFor(companies: ReadonlyArray<{ hasApiKey: boolean }>, store: SecretStore): Promise<boolean> {
  return companies.every((company) => company.hasApiKey) || (await probeKeychain(store)).isAvailable;
}

/** Whether the keychain answers at all, for the settings page ("keys: stored in GNOME Keyring"). */
export async function probeKeychain(store: SecretStore): Promise<{ isAvailable: boolean; message: string | null }> {
  try {
    await store.get('__probe__');
    return { isAvailable: true, message: null };
  } catch (error) {
    return { isAvailable: false, message: error instanceof Error ? error.message : String(error) };
  }
}
